//! transformers' `GPT2Model(GPT2Config())` (GPT-2 small, no LM head), described with the
//! same module names, on token ids `[batch, seq]`.
//!
//! `cargo run --example gpt2_small` prints the totals and mmengine's `out_table` at
//! `[1, 128]` in training mode, then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// `GPT2Attention` with the eager attention: the fused `c_attn` split into q, k, v, the
/// heads, the scores `q · kᵀ` (scaled by division), softmax, the weighted sum `a · v`, and
/// the projection. The attention dropout is applied functionally, so `attn_dropout` is
/// never called (mmengine: `N/A`).
#[derive(Complexity)]
#[complexity(forward = {
    let (q, k, v) = c_attn(x).split(E, 2);
    let q = q.unflatten(-1, (H, E / H)).transpose(1, 2);
    let k = k.unflatten(-1, (H, E / H)).transpose(1, 2);
    let v = v.unflatten(-1, (H, E / H)).transpose(1, 2);
    let attention = (matmul(q, k.transpose(-1, -2)) / 8.0).softmax(-1);
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

/// `GPT2MLP`: expansion, GELU (tanh approximation, transformers' `NewGELUActivation`),
/// projection.
#[derive(Complexity)]
#[complexity(forward = dropout(c_proj(act(c_fc(x)))))]
pub struct GPT2MLP<const E: usize, const MLP: usize> {
    #[complexity(gpt2_conv1d(in = E, out = MLP))]
    c_fc: (),
    #[complexity(gpt2_conv1d(in = MLP, out = E))]
    c_proj: (),
    #[complexity(
        gelu(approximate = "tanh"),
        class = "NewGELUActivation",
        extra_repr = ""
    )]
    act: (),
    #[complexity(dropout(p = 0.1))]
    dropout: (),
}

/// `GPT2Block`: pre-norm attention and MLP, each with a residual.
#[derive(Complexity)]
#[complexity(forward = {
    let x = x + attn(ln_1(x));
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
/// MLP 3072, 12 blocks. Position ids have the shape of the input ids, so `wpe` is applied
/// to `x`.
#[derive(Complexity)]
#[complexity(class = "GPT2Model", input = [1, 128], forward = ln_f(h(drop(wte(x) + wpe(x)))))]
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
        println!("{}", report.summary());
        print!("{}", report.table());
    }
    Ok(())
}
