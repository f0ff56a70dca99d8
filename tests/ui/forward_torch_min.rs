use complexity_core::Complexity;

// `torch.min(a, b)`: PyTorch's overloaded name, written by what it does here.
#[derive(Complexity)]
#[complexity(input = [2, 4], forward = torch.min(x, x.full_like(15)))]
struct Net {}

fn main() {}
