//! torchvision's ViT-B/16, described with the same module names, with the attention
//! scores counted as two `matmul`s (the reference replaced `scaled_dot_product_attention`,
//! which mmengine counts as 0, by its explicit matmul / softmax / matmul form).
//!
//! `cargo run --example vit_b_16` prints the totals and mmengine's `out_table` in training
//! mode, then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// `nn.MultiheadAttention(E, H, batch_first=True)` as `F.multi_head_attention_forward`
/// runs it: the packed input projection with its own `in_proj_weight`, the heads, the
/// scores `q · kᵀ` and the weighted sum `a · v`, then `out_proj` applied functionally (its
/// weights, not the module: mmengine prints `N/A` for it and charges its FLOPs here).
#[derive(Complexity)]
#[complexity(forward = {
    let (q, k, v) = x.linear(in_proj_weight, in_proj_bias).chunk(3, -1);
    let q = q.unflatten(-1, (H, E / H)).transpose(1, 2);
    let k = k.unflatten(-1, (H, E / H)).transpose(1, 2);
    let v = v.unflatten(-1, (H, E / H)).transpose(1, 2);
    let attention = (matmul(q, k.transpose(-2, -1)) * 0.125).softmax(-1);
    out_proj.functional(matmul(attention, v).transpose(1, 2).flatten(2))
})]
pub struct MultiheadAttention<const E: usize, const H: usize> {
    #[complexity(parameter(shape = (3 * E, E)))]
    in_proj_weight: (),
    #[complexity(parameter(shape = (3 * E)))]
    in_proj_bias: (),
    #[complexity(linear(in = E, out = E), class = "NonDynamicallyQuantizableLinear")]
    out_proj: (),
}

/// torchvision's `EncoderBlock`: pre-norm attention and MLP, each with a residual.
#[derive(Complexity)]
#[complexity(forward = {
    let y = self_attention(ln_1(x));
    let x = dropout(y) + x;
    x + mlp(ln_2(x))
})]
pub struct EncoderBlock<const E: usize, const H: usize, const MLP: usize> {
    #[complexity(layer_norm(eps = 1e-6))]
    ln_1: (),
    self_attention: MultiheadAttention<E, H>,
    #[complexity(dropout(p = 0.0))]
    dropout: (),
    #[complexity(layer_norm(eps = 1e-6))]
    ln_2: (),
    #[complexity(
        class = "MLPBlock",
        sequential(linear(out = MLP), gelu, dropout(p = 0.0), linear(out = E), dropout(p = 0.0))
    )]
    mlp: (),
}

/// torchvision's `Encoder`: the position embedding, `LAYERS` blocks named
/// `encoder_layer_0`, …, and a final layer norm.
#[derive(Complexity)]
#[complexity(forward = ln(layers(dropout(x + pos_embedding))))]
pub struct Encoder<
    const SEQ: usize,
    const E: usize,
    const H: usize,
    const MLP: usize,
    const LAYERS: usize,
> {
    #[complexity(parameter(shape = (1, SEQ, E)))]
    pos_embedding: (),
    #[complexity(dropout(p = 0.0))]
    dropout: (),
    #[complexity(prefix = "encoder_layer_")]
    layers: [EncoderBlock<E, H, MLP>; LAYERS],
    #[complexity(layer_norm(eps = 1e-6))]
    ln: (),
}

/// `heads`: an `nn.Sequential` of one layer named `head`.
#[derive(Complexity)]
#[complexity(class = "Sequential")]
pub struct Heads<const E: usize, const CLASSES: usize> {
    #[complexity(linear(in = E, out = CLASSES))]
    head: (),
}

/// torchvision's `vit_b_16()`: 16×16 patches of a 224×224 image (196 tokens, plus the
/// class token), width 768, 12 heads, MLP 3072, 12 layers.
#[derive(Complexity)]
#[complexity(
    class = "VisionTransformer",
    input = (3, 224, 224),
    forward = {
        // `_process_input`: patches to tokens, `[n, 768, 14, 14]` → `[n, 196, 768]`.
        let x = conv_proj(x).flatten(2).transpose(1, 2);
        let x = cat([class_token.expand(x.size(0), -1, -1), x], 1);
        heads(encoder(x).select(1, 0))
    }
)]
pub struct VitB16 {
    #[complexity(conv2d(in = 3, out = 768, kernel = 16, stride = 16))]
    conv_proj: (),
    #[complexity(parameter(shape = (1, 1, 768)))]
    class_token: (),
    encoder: Encoder<197, 768, 12, 3072, 12>,
    heads: Heads<768, 1000>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<VitB16>(VitB16::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
