use complexity_core::Complexity;

// An empty vocabulary.
#[derive(Complexity)]
struct Embeddings {
    #[complexity(embedding(num_embeddings = 0, embedding_dim = 64))]
    tokens: (),
}

fn main() {}
