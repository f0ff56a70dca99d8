//! transformers' `GPT2Model(GPT2Config())` (GPT-2 small, no LM head), described with the
//! same module names, on token ids `[batch, seq]`.
//!
//! `cargo run --example gpt2_small` prints the totals and mmengine's `out_table` at
//! `[1, 128]` in training mode, then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// `GPT2Attention` with the eager attention: the fused `c_attn` split into q, k, v, the
/// heads, the scores `q · kᵀ` (scaled by division) plus the causal mask, softmax, the
/// attention dropout
/// (applied functionally, so the `attn_dropout` module is never called; mmengine: `N/A`),
/// the weighted sum `a · v`, and the projection.
#[derive(Complexity)]
#[complexity(inputs = (x, attention_mask), forward = {
    let (q, k, v) = c_attn(x).split(E, 2);
    let q = q.unflatten(-1, (H, E / H)).transpose(1, 2);
    let k = k.unflatten(-1, (H, E / H)).transpose(1, 2);
    let v = v.unflatten(-1, (H, E / H)).transpose(1, 2);
    // With `use_cache=True`, the KV cache keeps `k` and `v`.
    let (k, v) = past_key_values.update(k, v, layer_idx);
    let attn_weights = matmul(q, k.transpose(-1, -2)) / 8.0 + attention_mask;
    // A no-op in float32; under autocast, the float32 weights (the float32 causal mask
    // promoted them) back to the values' half precision.
    let attention = nn.functional.softmax(attn_weights, dim = -1).type(v.dtype);
    let attention = attention.dropout(0.1);
    resid_dropout(c_proj(matmul(attention, v).transpose(1, 2).flatten(2)))
})]
pub struct GPT2Attention<const E: usize, const H: usize> {
    #[complexity(gpt2_conv1d(in = E, out = 3 * E))]
    c_attn: (),
    #[complexity(gpt2_conv1d(in = E, out = E))]
    c_proj: (),
    #[complexity(dropout(p = 0.1), uncalled)]
    attn_dropout: (),
    #[complexity(dropout(p = 0.1))]
    resid_dropout: (),
}

/// transformers' `NewGELUActivation`: GELU's tanh approximation written out,
/// `0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))`, as its `forward` does (so
/// autograd keeps `x`, the `tanh` and both factors of the last product).
#[derive(Complexity)]
#[complexity(forward = 0.5 * x * (1.0 + torch.tanh(0.7978845608028654 * (x + 0.044715 * torch.pow(x, 3.0)))))]
pub struct NewGELUActivation {}

/// `GPT2MLP`: expansion, GELU (tanh approximation, `NewGELUActivation`), projection.
#[derive(Complexity)]
#[complexity(forward = dropout(c_proj(act(c_fc(x)))))]
pub struct GPT2MLP<const E: usize, const MLP: usize> {
    #[complexity(gpt2_conv1d(in = E, out = MLP))]
    c_fc: (),
    #[complexity(gpt2_conv1d(in = MLP, out = E))]
    c_proj: (),
    act: NewGELUActivation,
    #[complexity(dropout(p = 0.1))]
    dropout: (),
}

/// `GPT2Block`: pre-norm attention and MLP, each with a residual.
#[derive(Complexity)]
#[complexity(inputs = (x, attention_mask), forward = {
    let x = x + attn(ln_1(x), attention_mask);
    x + mlp(ln_2(x))
})]
pub struct GPT2Block<const E: usize, const H: usize, const MLP: usize> {
    #[complexity(layer_norm(eps = 1e-5))]
    ln_1: (),
    attn: GPT2Attention<E, H>,
    #[complexity(layer_norm(eps = 1e-5))]
    ln_2: (),
    mlp: GPT2MLP<E, MLP>,
}

/// `GPT2Model(GPT2Config())`: vocabulary 50257, 1024 positions, width 768, 12 heads,
/// MLP 3072, 12 blocks. The position ids are `cache_position.unsqueeze(0)`, with
/// `cache_position = torch.arange(seq)`.
#[derive(Complexity)]
#[complexity(class = "GPT2Model", input = [1, 128], forward = {
    let position_ids = torch.arange(x.size(1)).unsqueeze(0);
    // create_causal_mask -> sdpa_mask -> eager_mask: 0 where a token may attend, the
    // float32 minimum elsewhere (built from sizes only: it needs no gradient).
    let q_idx = torch.arange(x.size(1)).unsqueeze(0).unsqueeze(0).unsqueeze(3);
    let kv_idx = torch.arange(x.size(1)).unsqueeze(0).unsqueeze(0).unsqueeze(0);
    let mask = kv_idx.le(q_idx).expand(x.size(0), -1, x.size(1), x.size(1));
    let causal_mask = torch.where(mask, 0.0, -3.4028234663852886e38);
    ln_f(h(drop(wte(x) + wpe(position_ids)), causal_mask))
})]
pub struct Gpt2Small {
    #[complexity(embedding(num_embeddings = 50257, embedding_dim = 768))]
    wte: (),
    #[complexity(embedding(num_embeddings = 1024, embedding_dim = 768))]
    wpe: (),
    #[complexity(dropout(p = 0.1))]
    drop: (),
    #[complexity(class = "ModuleList")]
    h: [GPT2Block<768, 12, 3072>; 12],
    #[complexity(layer_norm(eps = 1e-5))]
    ln_f: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<Gpt2Small>(Gpt2Small::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
