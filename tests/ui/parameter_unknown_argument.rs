use complexity_core::Complexity;

// `size` instead of `shape`.
#[derive(Complexity)]
#[complexity(forward = x + pos_embedding)]
struct Encoder {
    #[complexity(parameter(size = (1, 197, 768)))]
    pos_embedding: (),
}

fn main() {}
