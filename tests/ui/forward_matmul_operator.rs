use complexity_core::Complexity;

// Python's `@` is no Rust operator: one error, at it.
#[derive(Complexity)]
#[complexity(input = [4, 4], forward = x @ x)]
struct Probe {}

fn main() {}
