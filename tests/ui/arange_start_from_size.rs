use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = [1, 5], forward = torch.arange(x.size(1), 10))]
struct Net {}

fn main() {}
