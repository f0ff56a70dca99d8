//! transformers 5.24's `T5EncoderModel` at t5-small sizes (d_model 512, 6 layers, 8
//! heads, d_kv 64, d_ff 2048, relative attention: 32 buckets, max distance 128) on token
//! ids `[1, 128]`. Block 0 computes the relative position bias (buckets from `arange`
//! positions, an embedding lookup) and every later block reuses it. Ported by someone new
//! to the library from its docs; every module and both tables are mmengine's
//! (`tests/t5_small_encoder.rs`).
//!
//! `encoder.embed_tokens` shares `shared`'s weight: `tied = "shared"` (mmengine counts the
//! tied weight once, under `shared`).
//!
//! Written otherwise than transformers writes it, for what the derive cannot say yet:
//! - block 0's types differ from the others' (`*WithBias`, for
//!   `has_relative_attention_bias`), so `T5Stack.block` is a tuple, indexed as
//!   transformers indexes its `ModuleList`;
//! - `x > 0` is `x.gt(0)`, `x[-1]` is `x.select(0, -1)`, `torch.min(a, b)` is
//!   `a.minimum(b)`, and `softmax`'s `dtype` is a `.to(…)`.
//!
//! `cargo run --example t5_small_encoder` prints the totals and mmengine's `out_table` in
//! training mode, then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// `T5LayerNorm`: RMS-style, weight only, variance computed in float32.
#[derive(Complexity)]
#[complexity(forward = {
    let variance = x.to(torch.float32).pow(2).mean(-1, keepdim = true);
    let x = x * torch.rsqrt(variance + 1e-6);
    weight * x
})]
pub struct T5LayerNorm<const D: usize> {
    #[complexity(parameter(shape = (D,)))]
    weight: (),
}

/// `T5DenseActDense`.
#[derive(Complexity)]
#[complexity(forward = wo(dropout(act(wi(x)))))]
pub struct T5DenseActDense<const D: usize, const FF: usize> {
    #[complexity(linear(in = D, out = FF, bias = false))]
    wi: (),
    #[complexity(linear(in = FF, out = D, bias = false))]
    wo: (),
    #[complexity(dropout(p = 0.1))]
    dropout: (),
    #[complexity(relu)]
    act: (),
}

/// `T5LayerFF`.
#[derive(Complexity)]
#[complexity(forward = x + dropout(DenseReluDense(layer_norm(x))))]
#[allow(non_snake_case)]
pub struct T5LayerFF<const D: usize, const FF: usize> {
    DenseReluDense: T5DenseActDense<D, FF>,
    layer_norm: T5LayerNorm<D>,
    #[complexity(dropout(p = 0.1))]
    dropout: (),
}

/// `T5Attention(has_relative_attention_bias=True)`: computes the position bias.
#[derive(Complexity)]
#[complexity(class = "T5Attention", inputs = (x, cache_position), forward = {
    let q = q(x).view(x.size(0), -1, H, DKV).transpose(1, 2);
    let k = k(x).view(x.size(0), -1, H, DKV).transpose(1, 2);
    let v = v(x).view(x.size(0), -1, H, DKV).transpose(1, 2);
    // real_seq_length = cache_position[-1] + 1
    let real_seq_length = cache_position.select(0, -1) + 1;
    // compute_bias
    let context_position = cache_position.unsqueeze(1);
    let memory_position = torch.arange(k.size(2)).unsqueeze(0);
    let relative_position = memory_position - context_position;
    // _relative_position_bucket (bidirectional, 32 buckets, max distance 128)
    let relative_buckets = 0 + relative_position.gt(0).to(torch.long) * 16;
    let relative_position = torch.abs(relative_position);
    let is_small = relative_position.lt(8);
    let relative_position_if_large = 8 + (torch.log(relative_position.float() / 8) / 2.772588722239781 * 8).to(torch.long);
    let relative_position_if_large = relative_position_if_large.minimum(relative_position_if_large.full_like(15));
    let relative_buckets = relative_buckets + torch.where(is_small, relative_position, relative_position_if_large);
    let values = relative_attention_bias(relative_buckets);
    let position_bias = values.permute((2, 0, 1)).unsqueeze(0);
    // `position_bias[:, :, -seq_length:, :]`
    let position_bias = position_bias.slice(2, -x.size(1));
    // eager_attention_forward(scaling = 1.0)
    let attn_weights = matmul(q, k.transpose(2, 3)) * 1.0;
    let attn_weights = attn_weights + position_bias;
    let attn_weights = nn.functional.softmax(attn_weights, dim = -1).to(torch.float32);
    let attn_weights = attn_weights.dropout(0.1);
    let attn_output = matmul(attn_weights, v).transpose(1, 2).contiguous();
    let attn_output = attn_output.reshape(x.size(0), -1, H * DKV).contiguous();
    (o(attn_output), position_bias)
})]
pub struct T5AttentionWithBias<const D: usize, const H: usize, const DKV: usize> {
    #[complexity(linear(in = D, out = H * DKV, bias = false))]
    q: (),
    #[complexity(linear(in = D, out = H * DKV, bias = false))]
    k: (),
    #[complexity(linear(in = D, out = H * DKV, bias = false))]
    v: (),
    #[complexity(linear(in = H * DKV, out = D, bias = false))]
    o: (),
    #[complexity(embedding(num_embeddings = 32, embedding_dim = H))]
    relative_attention_bias: (),
}

/// `T5Attention(has_relative_attention_bias=False)`: uses the bias it is given.
#[derive(Complexity)]
#[complexity(class = "T5Attention", inputs = (x, position_bias), forward = {
    let q = q(x).view(x.size(0), -1, H, DKV).transpose(1, 2);
    let k = k(x).view(x.size(0), -1, H, DKV).transpose(1, 2);
    let v = v(x).view(x.size(0), -1, H, DKV).transpose(1, 2);
    let attn_weights = matmul(q, k.transpose(2, 3)) * 1.0;
    let attn_weights = attn_weights + position_bias;
    let attn_weights = nn.functional.softmax(attn_weights, dim = -1).to(torch.float32);
    let attn_weights = attn_weights.dropout(0.1);
    let attn_output = matmul(attn_weights, v).transpose(1, 2).contiguous();
    let attn_output = attn_output.reshape(x.size(0), -1, H * DKV).contiguous();
    (o(attn_output), position_bias)
})]
pub struct T5Attention<const D: usize, const H: usize, const DKV: usize> {
    #[complexity(linear(in = D, out = H * DKV, bias = false))]
    q: (),
    #[complexity(linear(in = D, out = H * DKV, bias = false))]
    k: (),
    #[complexity(linear(in = D, out = H * DKV, bias = false))]
    v: (),
    #[complexity(linear(in = H * DKV, out = D, bias = false))]
    o: (),
}

/// `T5LayerSelfAttention` of block 0.
#[derive(Complexity)]
#[complexity(class = "T5LayerSelfAttention", inputs = (x, cache_position), forward = {
    let normed = layer_norm(x);
    let (attention_output, position_bias) = SelfAttention(normed, cache_position);
    (x + dropout(attention_output), position_bias)
})]
#[allow(non_snake_case)]
pub struct T5LayerSelfAttentionWithBias<const D: usize, const H: usize, const DKV: usize> {
    SelfAttention: T5AttentionWithBias<D, H, DKV>,
    layer_norm: T5LayerNorm<D>,
    #[complexity(dropout(p = 0.1))]
    dropout: (),
}

/// `T5LayerSelfAttention` of the later blocks.
#[derive(Complexity)]
#[complexity(inputs = (x, position_bias), forward = {
    let normed = layer_norm(x);
    let (attention_output, position_bias) = SelfAttention(normed, position_bias);
    (x + dropout(attention_output), position_bias)
})]
#[allow(non_snake_case)]
pub struct T5LayerSelfAttention<const D: usize, const H: usize, const DKV: usize> {
    SelfAttention: T5Attention<D, H, DKV>,
    layer_norm: T5LayerNorm<D>,
    #[complexity(dropout(p = 0.1))]
    dropout: (),
}

/// `T5Block` 0 (`has_relative_attention_bias=True`): its `layer` is an `nn.ModuleList`
/// [self-attention, feed-forward], indexed as transformers does.
#[derive(Complexity)]
#[complexity(class = "T5Block", inputs = (x, cache_position), forward = {
    let (h, position_bias) = layer[0](x, cache_position);
    (layer[1](h), position_bias)
})]
pub struct T5BlockWithBias<const D: usize, const H: usize, const DKV: usize, const FF: usize> {
    #[complexity(class = "ModuleList")]
    layer: (T5LayerSelfAttentionWithBias<D, H, DKV>, T5LayerFF<D, FF>),
}

/// `T5Block` 1 to 5.
#[derive(Complexity)]
#[complexity(inputs = (x, position_bias), forward = {
    let (h, position_bias) = layer[0](x, position_bias);
    (layer[1](h), position_bias)
})]
pub struct T5Block<const D: usize, const H: usize, const DKV: usize, const FF: usize> {
    #[complexity(class = "ModuleList")]
    layer: (T5LayerSelfAttention<D, H, DKV>, T5LayerFF<D, FF>),
}

/// `T5Stack` (encoder): block 0 computes the position bias and the loop passes it to
/// every later block.
#[derive(Complexity)]
#[complexity(forward = {
    let inputs_embeds = embed_tokens(x);
    let cache_position = torch.arange(x.size(1));
    let hidden_states = dropout(inputs_embeds);
    let (hidden_states, position_bias) = block[0](hidden_states, cache_position);
    for i in 1..6 {
        let (h, bias) = block[i](hidden_states, position_bias);
        hidden_states = h;
        position_bias = bias;
    }
    dropout(final_layer_norm(hidden_states))
})]
pub struct T5Stack<const D: usize, const H: usize, const DKV: usize, const FF: usize> {
    /// `nn.Embedding` whose weight is `shared.weight` (tied): mmengine counts it once,
    /// under `shared`.
    #[complexity(
        embedding(num_embeddings = 32128, embedding_dim = 512),
        tied = "shared"
    )]
    embed_tokens: (),
    #[complexity(class = "ModuleList")]
    block: (
        T5BlockWithBias<D, H, DKV, FF>,
        T5Block<D, H, DKV, FF>,
        T5Block<D, H, DKV, FF>,
        T5Block<D, H, DKV, FF>,
        T5Block<D, H, DKV, FF>,
        T5Block<D, H, DKV, FF>,
    ),
    final_layer_norm: T5LayerNorm<D>,
    #[complexity(dropout(p = 0.1))]
    dropout: (),
}

/// `T5EncoderModel` at t5-small sizes.
#[derive(Complexity)]
#[complexity(class = "T5EncoderModel", input = [1, 128], forward = encoder(x))]
pub struct T5SmallEncoder {
    #[complexity(embedding(num_embeddings = 32128, embedding_dim = 512), uncalled)]
    shared: (),
    encoder: T5Stack<512, 8, 64, 2048>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "t5-small encoder at {}: {} params, {} FLOPs, {} activations, output {}",
        T5SmallEncoder::INPUT,
        T5SmallEncoder::PARAMS,
        T5SmallEncoder::FLOPS,
        T5SmallEncoder::ACTIVATIONS,
        T5SmallEncoder::OUTPUT,
    );
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<T5SmallEncoder>(T5SmallEncoder::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
