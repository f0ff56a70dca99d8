use complexity_core::Complexity;

// A padding index past the vocabulary.
#[derive(Complexity)]
#[complexity(input = [1, 16])]
struct Net {
    #[complexity(embedding(num_embeddings = 100, embedding_dim = 8, padding_idx = 100))]
    tokens: (),
}

fn main() {}
