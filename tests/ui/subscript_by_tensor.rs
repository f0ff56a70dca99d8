use complexity_core::Complexity;

// A tensor indexes alone (`table[index]`), not with other items.
#[derive(Complexity)]
#[complexity(forward = x[x.amax(-1), 0])]
struct ByTensor {}

fn main() {}
