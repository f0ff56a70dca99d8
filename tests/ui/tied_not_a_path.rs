use complexity_core::Complexity;

#[derive(Complexity)]
struct Decoder {
    #[complexity(embedding(num_embeddings = 100, embedding_dim = 16), tied = "shared..weight")]
    embed_tokens: (),
    #[complexity(sequential(linear(out = 4)), tied = "shared")]
    head: (),
}

fn main() {}
