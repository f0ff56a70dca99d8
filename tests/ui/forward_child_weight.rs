use complexity_core::Complexity;

// A child's weight used as a value (`x + self.embed_positions.weight`).
#[derive(Complexity)]
#[complexity(input = (1500, 384), forward = x + embed_positions.weight)]
struct Net {
    #[complexity(embedding(num_embeddings = 1500, embedding_dim = 384), uncalled)]
    embed_positions: (),
}

fn main() {}
