use complexity_core::Complexity;

// A size read from a value cannot be computed with.
#[derive(Complexity)]
#[complexity(input = [1, 8, 4], forward = x.narrow(1, 0, x.size(1) / 2))]
struct Net {}

fn main() {}
