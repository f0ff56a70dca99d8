use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = [2, 3], forward = x.narrow(1, 0, x.shape))]
struct Net {}

fn main() {}
