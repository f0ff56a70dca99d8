use complexity_core::Complexity;

// `torch.addmm(bias, a, b)` with `a` [4, 8] and `b` [4, 8]: the inner sizes differ.
#[derive(Complexity)]
#[complexity(input = [4, 8], forward = torch.addmm(torch.zeros((4, 8)), x, x))]
struct Net {}

fn main() {}
