use complexity_core::Complexity;

// Token embeddings of width 512 fed to a layer norm of width 768.
#[derive(Complexity)]
#[complexity(input = [1, 128])]
struct Embeddings {
    #[complexity(embedding(num_embeddings = 30522, embedding_dim = 512))]
    word_embeddings: (),
    #[complexity(layer_norm(normalized_shape = 768))]
    layer_norm: (),
}

fn main() {}
