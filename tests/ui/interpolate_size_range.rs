use complexity_core::Complexity;

// `x.shape[2..]`: only the last dimensions, counted from the end, are accepted.
#[derive(Complexity)]
#[complexity(input = (3, 8, 8), forward = F.interpolate(x, size = x.shape[2..]))]
struct Net {}

fn main() {}
