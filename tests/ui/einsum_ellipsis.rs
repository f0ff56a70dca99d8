use complexity_core::Complexity;

// `...` is not supported: every dimension needs a letter.
#[derive(Complexity)]
#[complexity(input = [2, 4, 4], forward = torch.einsum("...ij,...jk->...ik", x, x))]
struct Net {}

fn main() {}
