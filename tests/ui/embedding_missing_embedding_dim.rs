use complexity_core::Complexity;

// An embedding table with its vocabulary size but no embedding dimension.
#[derive(Complexity)]
struct Embeddings {
    #[complexity(embedding(num_embeddings = 30522))]
    word_embeddings: (),
}

fn main() {}
