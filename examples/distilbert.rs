//! transformers 5.24's `DistilBertModel(DistilBertConfig(attn_implementation="eager"))`
//! (6 layers, dim 768, 12 heads, hidden 3072, vocab 30522, 512 positions) on token ids
//! `[1, 128]`, written as `modeling_distilbert.py` writes its forward, by a newcomer from
//! the docs alone. What autograd keeps after a training forward is PyTorch's own figure to
//! the byte (55,068,672 bytes in float32, every module;
//! `tests/fixtures/saved/distilbert.json`, measured with `saved_tensors_hooks`).
//!
//! `create_bidirectional_mask(config, embeddings, attention_mask=None)` returns `None`
//! with the eager attention and no padding, so no mask is built or added;
//! `apply_chunking_to_forward` with `chunk_size_feed_forward = 0` calls `ff_chunk`
//! directly.
//!
//! `cargo run --example distilbert` prints the totals, the memory line and the training
//! memory with AdamW in bf16 mixed precision.

use complexity_core::memory::{Inference, Optimizer, Training};
use complexity_core::report::Report;
use complexity_core::{Complexity, DType, Mode};

pub const DIM: usize = 768;
pub const HEADS: usize = 12;
pub const HEAD_DIM: usize = DIM / HEADS;
pub const HIDDEN: usize = 3072;
pub const VOCAB: usize = 30522;
pub const POSITIONS: usize = 512;
pub const LAYERS: usize = 6;

/// `Embeddings`: word embeddings, position embeddings from the `position_ids` buffer
/// (`self.position_ids[:, :seq_length]`), the sum, `LayerNorm`, dropout.
#[derive(Complexity)]
#[complexity(forward = {
    let inputs_embeds = word_embeddings(x);
    let position_ids = position_ids.slice(1, 0, inputs_embeds.size(1));
    let position_embeddings = position_embeddings(position_ids);
    let embeddings = inputs_embeds + position_embeddings;
    let embeddings = LayerNorm(embeddings);
    dropout(embeddings)
})]
#[allow(non_snake_case)]
pub struct Embeddings {
    #[complexity(embedding(num_embeddings = VOCAB, embedding_dim = DIM, padding_idx = 0))]
    word_embeddings: (),
    #[complexity(embedding(num_embeddings = POSITIONS, embedding_dim = DIM))]
    position_embeddings: (),
    #[complexity(layer_norm(eps = 1e-12))]
    LayerNorm: (),
    #[complexity(dropout(p = 0.1))]
    dropout: (),
    // `nn.Buffer(torch.arange(512).expand((1, -1)), persistent=False)`, int64.
    #[complexity(buffer(shape = (1, POSITIONS), persistent = false))]
    position_ids: (),
}

/// `DistilBertSelfAttention` with `eager_attention_forward` inlined (no mask: `None`);
/// returns `(attn_output, attn_weights)`. The attention dropout is functional
/// (`dropout=self.dropout.p` in training), so the `dropout` module is never called.
#[derive(Complexity)]
#[complexity(forward = {
    let query_layer = q_lin(x).view(x.size(0), x.size(1), -1, HEAD_DIM).transpose(1, 2);
    let key_layer = k_lin(x).view(x.size(0), x.size(1), -1, HEAD_DIM).transpose(1, 2);
    let value_layer = v_lin(x).view(x.size(0), x.size(1), -1, HEAD_DIM).transpose(1, 2);
    // eager_attention_forward, scaling = 64 ** -0.5
    let attn_weights = torch.matmul(query_layer, key_layer.transpose(2, 3)) * 0.125;
    let attn_weights = nn.functional.softmax(attn_weights, dim = -1);
    let attn_weights = nn.functional.dropout(attn_weights, p = 0.1);
    let attn_output = torch.matmul(attn_weights, value_layer);
    let attn_output = attn_output.transpose(1, 2).contiguous();
    // back in DistilBertSelfAttention.forward
    let attn_output = attn_output.reshape(x.size(0), x.size(1), -1).contiguous();
    let attn_output = out_lin(attn_output);
    (attn_output, attn_weights)
})]
pub struct DistilBertSelfAttention {
    #[complexity(linear(in = DIM, out = DIM))]
    q_lin: (),
    #[complexity(linear(in = DIM, out = DIM))]
    k_lin: (),
    #[complexity(linear(in = DIM, out = DIM))]
    v_lin: (),
    #[complexity(linear(in = DIM, out = DIM))]
    out_lin: (),
    #[complexity(dropout(p = 0.1), uncalled)]
    dropout: (),
}

/// `FFN.ff_chunk`: `dropout(lin2(activation(lin1(x))))`, activation `GELUActivation`
/// (`nn.functional.gelu`).
#[derive(Complexity)]
#[complexity(forward = {
    let x = lin1(x);
    let x = activation(x);
    let x = lin2(x);
    dropout(x)
})]
#[allow(clippy::upper_case_acronyms)] // transformers' class name
pub struct FFN {
    #[complexity(dropout(p = 0.1))]
    dropout: (),
    #[complexity(linear(in = DIM, out = HIDDEN))]
    lin1: (),
    #[complexity(linear(in = HIDDEN, out = DIM))]
    lin2: (),
    #[complexity(gelu, class = "GELUActivation", extra_repr = "")]
    activation: (),
}

/// `TransformerBlock`: post-norm attention and FFN, each with a residual.
#[derive(Complexity)]
#[complexity(forward = {
    let (attention_output, _) = attention(x);
    let attention_output = sa_layer_norm(attention_output + x);
    let ffn_output = ffn(attention_output);
    output_layer_norm(ffn_output + attention_output)
})]
pub struct TransformerBlock {
    attention: DistilBertSelfAttention,
    #[complexity(layer_norm(eps = 1e-12))]
    sa_layer_norm: (),
    ffn: FFN,
    #[complexity(layer_norm(eps = 1e-12))]
    output_layer_norm: (),
}

/// `Transformer`: an `nn.ModuleList` of blocks, run in order.
#[derive(Complexity)]
pub struct Transformer {
    #[complexity(class = "ModuleList")]
    layer: [TransformerBlock; LAYERS],
}

/// `DistilBertModel`.
#[derive(Complexity)]
#[complexity(class = "DistilBertModel", input = [1, 128], forward = transformer(embeddings(x)))]
pub struct DistilBertModel {
    embeddings: Embeddings,
    transformer: Transformer,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let report = Report::of::<DistilBertModel>(DistilBertModel::INPUT, Mode::Train)?;
    println!("{}", report.headline());
    println!("{}", report.memory());
    let mixed = Training::mixed(DType::BF16, Optimizer::AdamW);
    println!(
        "AdamW, bf16 mixed precision, CUDA: {}",
        mixed.memory(report.totals())?
    );
    let serve = Inference::new(DType::BF16, DType::BF16);
    let eval = Report::of::<DistilBertModel>(DistilBertModel::INPUT, Mode::Eval)?;
    println!("serving in bf16: {}", serve.memory(eval.totals()));
    Ok(())
}
