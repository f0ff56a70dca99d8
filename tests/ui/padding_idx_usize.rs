use complexity_core::Complexity;

const PAD: usize = 1;

// `padding_idx` is a signed index (negative counts from the end); a `usize` constant is rejected.
#[derive(Complexity)]
struct Embeddings {
    #[complexity(embedding(num_embeddings = 50265, embedding_dim = 768, padding_idx = PAD))]
    word_embeddings: (),
}

fn main() {}
