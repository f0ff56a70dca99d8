use complexity_core::Complexity;

// Indexing by a tensor (`table[index]`) is `gather` or `embedding` here.
#[derive(Complexity)]
#[complexity(forward = x[x.amax(-1)])]
struct ByTensor {}

fn main() {}
