//! transformers' `BertModel(BertConfig())` (bert-base sizes, with the pooler), described
//! with the same module names, on token ids `[batch, seq]`.
//!
//! The description does not fix the sequence length: the input does. `cargo run --example
//! bert_base` prints the totals and mmengine's `out_table` at `[1, 128]` in training mode,
//! then eval mode, then the totals at `[1, 512]`.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Shape};

/// `BertEmbeddings`: word, token-type and position embeddings summed, then a layer norm.
/// The position ids are the buffer `position_ids[:, :seq]`; the token-type ids are the
/// zeros of the buffer `token_type_ids`, gathered at those positions and expanded to the
/// batch (transformers' `BertEmbeddings.forward`).
#[derive(Complexity)]
#[complexity(forward = {
    let position_ids = position_ids.slice(1, 0, x.size(1));
    let buffered_token_type_ids = token_type_ids.expand(position_ids.size(0), -1);
    let buffered_token_type_ids = torch.gather(buffered_token_type_ids, 1, position_ids);
    let token_type_ids = buffered_token_type_ids.expand(x.size(0), x.size(1));
    let embeddings = word_embeddings(x) + token_type_embeddings(token_type_ids);
    let embeddings = embeddings + position_embeddings(position_ids);
    dropout(LayerNorm(embeddings))
})]
#[allow(non_snake_case)]
pub struct BertEmbeddings<const VOCAB: usize, const POSITIONS: usize, const E: usize> {
    #[complexity(embedding(num_embeddings = VOCAB, embedding_dim = E, padding_idx = 0))]
    word_embeddings: (),
    #[complexity(embedding(num_embeddings = POSITIONS, embedding_dim = E))]
    position_embeddings: (),
    #[complexity(embedding(num_embeddings = 2, embedding_dim = E))]
    token_type_embeddings: (),
    #[complexity(layer_norm(eps = 1e-12))]
    LayerNorm: (),
    #[complexity(dropout(p = 0.1))]
    dropout: (),
    // `register_buffer("position_ids", torch.arange(POSITIONS).expand((1, -1)),
    // persistent=False)` and the zeros `token_type_ids` of the same shape (int64).
    #[complexity(buffer(shape = (1, POSITIONS), persistent = false))]
    position_ids: (),
    #[complexity(buffer(shape = (1, POSITIONS), persistent = false))]
    token_type_ids: (),
}

/// `BertSelfAttention` with the eager attention: the scores `q · kᵀ` scaled by
/// `1/√(E/H)`, softmax, the attention dropout and the weighted sum `a · v`. The
/// attention dropout is applied functionally, so the `dropout` module itself is never
/// called (mmengine: `N/A`).
#[derive(Complexity)]
#[complexity(forward = {
    let q = query(x).unflatten(-1, (H, E / H)).transpose(1, 2);
    let k = key(x).unflatten(-1, (H, E / H)).transpose(1, 2);
    let v = value(x).unflatten(-1, (H, E / H)).transpose(1, 2);
    let attention = nn.functional.softmax(matmul(q, k.transpose(2, 3)) * 0.125, dim = -1);
    let attention = attention.dropout(0.1);
    matmul(attention, v).transpose(1, 2).flatten(2)
})]
pub struct BertSelfAttention<const E: usize, const H: usize> {
    #[complexity(linear(in = E, out = E))]
    query: (),
    #[complexity(linear(in = E, out = E))]
    key: (),
    #[complexity(linear(in = E, out = E))]
    value: (),
    #[complexity(dropout(p = 0.1), uncalled)]
    dropout: (),
}

/// `BertSelfOutput` and `BertOutput`: a projection, dropout, the residual and a layer norm;
/// `forward(hidden_states, input_tensor)`.
#[derive(Complexity)]
#[complexity(inputs = (hidden_states, input_tensor), forward = LayerNorm(dropout(dense(hidden_states)) + input_tensor))]
#[allow(non_snake_case)]
pub struct BertOutput<const IN: usize, const E: usize> {
    #[complexity(linear(in = IN, out = E))]
    dense: (),
    #[complexity(layer_norm(eps = 1e-12))]
    LayerNorm: (),
    #[complexity(dropout(p = 0.1))]
    dropout: (),
}

/// `BertAttention`: self-attention and its output projection.
#[derive(Complexity)]
#[complexity(forward = output(self_(x), x))]
pub struct BertAttention<const E: usize, const H: usize> {
    #[complexity(rename = "self")]
    self_: BertSelfAttention<E, H>,
    #[complexity(class = "BertSelfOutput")]
    output: BertOutput<E, E>,
}

/// `BertIntermediate`: the MLP's expansion and GELU.
#[derive(Complexity)]
#[complexity(forward = intermediate_act_fn(dense(x)))]
pub struct BertIntermediate<const E: usize, const MLP: usize> {
    #[complexity(linear(in = E, out = MLP))]
    dense: (),
    #[complexity(gelu, class = "GELUActivation", extra_repr = "")]
    intermediate_act_fn: (),
}

/// `BertLayer`.
#[derive(Complexity)]
#[complexity(forward = { let a = attention(x); output(intermediate(a), a) })]
pub struct BertLayer<const E: usize, const H: usize, const MLP: usize> {
    attention: BertAttention<E, H>,
    intermediate: BertIntermediate<E, MLP>,
    output: BertOutput<MLP, E>,
}

/// `BertEncoder`: an `nn.ModuleList` of layers, run in order.
#[derive(Complexity)]
pub struct BertEncoder<const E: usize, const H: usize, const MLP: usize, const LAYERS: usize> {
    #[complexity(class = "ModuleList")]
    layer: [BertLayer<E, H, MLP>; LAYERS],
}

/// `BertPooler`: the first token, projected, through tanh.
#[derive(Complexity)]
#[complexity(forward = activation(dense(x.select(1, 0))))]
pub struct BertPooler<const E: usize> {
    #[complexity(linear(in = E, out = E))]
    dense: (),
    #[complexity(tanh)]
    activation: (),
}

/// `BertModel(BertConfig())`: vocabulary 30522, 512 positions, width 768, 12 heads,
/// MLP 3072, 12 layers.
#[derive(Complexity)]
#[complexity(class = "BertModel", input = [1, 128], forward = pooler(encoder(embeddings(x))))]
pub struct BertBase {
    embeddings: BertEmbeddings<30522, 512, 768>,
    encoder: BertEncoder<768, 12, 3072, 12>,
    pooler: BertPooler<768>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<BertBase>(BertBase::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    // The same description at another sequence length.
    println!(
        "{}",
        Report::of::<BertBase>(Shape::new(&[1, 512]), Mode::Eval)?.headline()
    );
    Ok(())
}
