//! transformers' `WhisperEncoder` at whisper-tiny sizes (d_model 384, 4 layers, 6 heads,
//! FFN 1536, 80 mel bins), eager attention, on log-mel features `[1, 80, 3000]`:
//! described as transformers 5 writes it, analysed by the compiler.
//!
//! transformers' eager attention multiplies the scores by the `scaling` it is passed
//! (1.0 here, after `q_proj(x) * scaling`): two `mul`s per layer, 0 FLOPs in mmengine,
//! listed as zero ops. The positions' embedding is called on `torch.arange(1500)` (as
//! transformers 5 does: mmengine lists one `aten::embedding`).
//!
//! `cargo run --example whisper_tiny_encoder` prints the totals and mmengine's `out_table`
//! in training mode, then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// `WhisperAttention` (self-attention, eager): `q_proj(x) * scaling`, heads, the scores
/// `q · kᵀ` (eager_attention_forward multiplies them by the `scaling = 1.0` it is passed),
/// softmax, functional dropout, `a · v`, `out_proj`.
/// Modules in `__init__` order: k_proj, v_proj, q_proj, out_proj.
#[derive(Complexity)]
#[complexity(forward = {
    let q = (q_proj(x) * 0.125).view(x.size(0), x.size(1), -1, E / H).transpose(1, 2).contiguous();
    let k = k_proj(x).view(x.size(0), -1, H, E / H).transpose(1, 2).contiguous();
    let v = v_proj(x).view(x.size(0), -1, H, E / H).transpose(1, 2).contiguous();
    let attention = nn.functional.softmax(matmul(q, k.transpose(2, 3)) * 1.0, dim = -1);
    let attention = attention.dropout(0.0);
    let out = matmul(attention, v).transpose(1, 2).contiguous();
    out_proj(out.reshape(x.size(0), x.size(1), -1).contiguous())
})]
pub struct WhisperAttention<const E: usize, const H: usize> {
    #[complexity(linear(in = E, out = E, bias = false))]
    k_proj: (),
    #[complexity(linear(in = E, out = E))]
    v_proj: (),
    #[complexity(linear(in = E, out = E))]
    q_proj: (),
    #[complexity(linear(in = E, out = E))]
    out_proj: (),
}

/// `WhisperEncoderLayer`: pre-norm self-attention and MLP, each with a residual; the
/// dropouts are functional.
#[derive(Complexity)]
#[complexity(forward = {
    let residual = x;
    let h = self_attn(self_attn_layer_norm(x));
    let h = h.dropout(0.0);
    let h = residual + h;
    let residual = h;
    let h = activation_fn(fc1(final_layer_norm(h)));
    let h = h.dropout(0.0);
    let h = fc2(h);
    let h = h.dropout(0.0);
    residual + h
})]
pub struct WhisperEncoderLayer<const E: usize, const H: usize, const FFN: usize> {
    self_attn: WhisperAttention<E, H>,
    #[complexity(layer_norm(normalized_shape = E))]
    self_attn_layer_norm: (),
    #[complexity(gelu, class = "GELUActivation", extra_repr = "")]
    activation_fn: (),
    #[complexity(linear(in = E, out = FFN))]
    fc1: (),
    #[complexity(linear(in = FFN, out = E))]
    fc2: (),
    #[complexity(layer_norm(normalized_shape = E))]
    final_layer_norm: (),
}

/// `WhisperEncoder`: two convolutions with functional GELU, the positions' embedding
/// (`self.embed_positions(torch.arange(num_embeddings))`, frozen: transformers calls
/// `embed_positions.requires_grad_(False)`) added, functional dropout, the layers, a
/// final layer norm.
#[derive(Complexity)]
#[complexity(
    class = "WhisperEncoder",
    input = [1, 80, 3000],
    forward = {
        let x = F.gelu(conv1(x));
        let x = F.gelu(conv2(x));
        let x = x.permute((0, 2, 1));
        let x = x + embed_positions(torch.arange(1500));
        let x = x.dropout(0.0);
        layer_norm(layers(x))
    }
)]
pub struct WhisperEncoder {
    #[complexity(conv1d(in = 80, out = 384, kernel = 3, padding = 1))]
    conv1: (),
    #[complexity(conv1d(in = 384, out = 384, kernel = 3, stride = 2, padding = 1))]
    conv2: (),
    #[complexity(embedding(num_embeddings = 1500, embedding_dim = 384), frozen)]
    embed_positions: (),
    #[complexity(class = "ModuleList")]
    layers: [WhisperEncoderLayer<384, 6, 1536>; 4],
    #[complexity(layer_norm(normalized_shape = 384))]
    layer_norm: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "whisper-tiny encoder at {}: {} params, {} FLOPs, {} activations, output {}",
        WhisperEncoder::INPUT,
        WhisperEncoder::PARAMS,
        WhisperEncoder::FLOPS,
        WhisperEncoder::ACTIVATIONS,
        WhisperEncoder::OUTPUT,
    );
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<WhisperEncoder>(WhisperEncoder::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
