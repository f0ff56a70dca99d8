use complexity_core::Complexity;

// A child's weight used as a value (`x + self.embed_positions.weight`) by a `forward`
// that calls it too, although it is marked `uncalled`.
#[derive(Complexity)]
#[complexity(input = (1500, 384), forward = embed_positions(x) + embed_positions.weight)]
struct Net {
    #[complexity(embedding(num_embeddings = 1500, embedding_dim = 384), uncalled)]
    embed_positions: (),
}

fn main() {}
