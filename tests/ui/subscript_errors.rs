use complexity_core::Complexity;

// An index past the end, reported at the subscript.
#[derive(Complexity)]
#[complexity(input = [2, 8], forward = x[:, 8])]
struct PastTheEnd {}

// Two `...`, and a slice with three `:`.
#[derive(Complexity)]
#[complexity(forward = x[..., 0, ...] + x[0:1:2:3])]
struct Malformed {}


fn main() {}
