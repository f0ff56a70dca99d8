//! PyTorch's own `nn.TransformerEncoder` and `nn.MultiheadAttention`, described as
//! PyTorch 2.15 runs them, in a small token classifier (`TinyEncoder`): `nn.Embedding`,
//! an `nn.TransformerEncoder` of two `nn.TransformerEncoderLayer`s (d_model 128, 4 heads,
//! feed-forward 512, dropout 0.1, `activation="gelu"`, `batch_first=True`,
//! `norm_first=True`), a final `nn.LayerNorm` and `nn.Linear(128, 10)`. Written by a
//! newcomer from the docs alone; every figure of every tool, torchinfo's rows and the
//! saved-for-backward bytes by module equal PyTorch's (`tests/transformer_encoder.rs`).
//!
//! Measured with the fast path off and `F.scaled_dot_product_attention` replaced by
//! an explicit `matmul / softmax / matmul` (which ignores `dropout_p`).
//!
//! `cargo run --example transformer_encoder` prints the report in ptflops' convention
//! and torchinfo's summary.

use complexity_core::Complexity;

pub const D_MODEL: usize = 128;
pub const NHEAD: usize = 4;
pub const FF: usize = 512;
pub const VOCAB: usize = 1000;
pub const CLASSES: usize = 10;

/// `nn.MultiheadAttention(E, H, dropout=0.1, batch_first=True)`, called as
/// `self_attn(x, x, x, need_weights=False)` (self-attention, no masks, fast path off):
/// `MultiheadAttention.forward` transposes to `[L, N, E]`, then
/// `F.multi_head_attention_forward` runs `_in_projection_packed` (one `linear`, the
/// packed `[3, L, N, E]` copy), the heads, `scaled_dot_product_attention` (here the
/// explicit version, with scale `head_dim ** -0.5`), the permute/reshape, `out_proj`'s
/// weights through `F.linear`, the view back, and the transpose back.
#[derive(Complexity)]
#[complexity(inputs = (query, key, value), forward = {
    // MultiheadAttention.forward: batch_first, query is key is value
    let query = query.transpose(1, 0);
    // F.multi_head_attention_forward: tgt_len, bsz, embed_dim = query.shape
    // _in_projection_packed, self-attention branch
    let proj = F.linear(query, in_proj_weight, in_proj_bias);
    let proj = proj.unflatten(-1, (3, E)).unsqueeze(0).transpose(0, -2).squeeze(-2).contiguous();
    let q = proj[0];
    let k = proj[1];
    let v = proj[2];
    // q.view(tgt_len, bsz * num_heads, head_dim).transpose(0, 1): `bsz * num_heads`
    // cannot be computed from a size read at run time, so -1
    // (the `key`, `value` inputs are the same tensor as `query`: unused, as in PyTorch's
    // self-attention branch, which projects `q` alone)
    let q = q.view(query.size(0), -1, E / H).transpose(0, 1);
    let k = k.view(k.shape[0], -1, E / H).transpose(0, 1);
    let v = v.view(v.shape[0], -1, E / H).transpose(0, 1);
    // need_weights=False: the SDPA branch. Each `view` splits dimension 0 of the
    // transposed `[bsz * H, L, hd]`: a view of the packed projection, which the matmuls
    // keep once.
    let q = q.view(query.size(1), H, query.size(0), E / H);
    let k = k.view(query.size(1), H, query.size(0), E / H);
    let v = v.view(query.size(1), H, query.size(0), E / H);
    // explicit_sdpa(q, k, v, None, dropout_p, is_causal): dropout_p is ignored;
    // scale = q.shape[-1] ** -0.5 = 32 ** -0.5
    let a = torch.matmul(q, k.transpose(-2, -1)) * 0.17677669529663687;
    let attn_output = torch.matmul(a.softmax(-1), v);
    // .reshape(bsz * tgt_len, embed_dim)
    let attn_output = attn_output.permute(2, 0, 1, 3).reshape(-1, E);
    // linear(attn_output, out_proj_weight, out_proj_bias): out_proj's weights, not the module
    let attn_output = out_proj.functional(attn_output);
    let attn_output = attn_output.view(query.size(0), query.size(1), attn_output.size(1));
    // back in MultiheadAttention.forward: batch_first
    attn_output.transpose(1, 0)
})]
pub struct MultiheadAttention<const E: usize, const H: usize> {
    #[complexity(parameter(shape = (3 * E, E)))]
    in_proj_weight: (),
    #[complexity(parameter(shape = (3 * E,)))]
    in_proj_bias: (),
    #[complexity(linear(in = E, out = E), class = "NonDynamicallyQuantizableLinear")]
    out_proj: (),
}

/// `nn.TransformerEncoderLayer(..., norm_first=True)`: `forward` with `_sa_block` and
/// `_ff_block` inlined (they are methods, not modules).
///
/// `self.activation` is `F.gelu`, but bound by `_get_activation_fn("gelu")` when the
/// layer was built, before ptflops and calflops replace `F.gelu`: the tools never see
/// it, so it is written bare, `gelu(x)` (as the crate docs say for a stored function).
///
/// `self.self_attn(x, x, x, ..., need_weights=False)[0]`: the attention returns its
/// output alone here (Python's `None` for the weights is left out), so there is no `[0]`.
#[derive(Complexity)]
#[complexity(forward = {
    // x = x + self._sa_block(self.norm1(x), src_mask, src_key_padding_mask, is_causal)
    let h = norm1(x);
    let x = x + dropout1(self_attn(h, h, h));
    // x = x + self._ff_block(self.norm2(x))
    x + dropout2(linear2(dropout(gelu(linear1(norm2(x))))))
})]
pub struct TransformerEncoderLayer {
    self_attn: MultiheadAttention<D_MODEL, NHEAD>,
    #[complexity(linear(in = D_MODEL, out = FF))]
    linear1: (),
    #[complexity(dropout(p = 0.1))]
    dropout: (),
    #[complexity(linear(in = FF, out = D_MODEL))]
    linear2: (),
    #[complexity(layer_norm(normalized_shape = D_MODEL))]
    norm1: (),
    #[complexity(layer_norm(normalized_shape = D_MODEL))]
    norm2: (),
    #[complexity(dropout(p = 0.1))]
    dropout1: (),
    #[complexity(dropout(p = 0.1))]
    dropout2: (),
}

/// `nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False)`: `layers`
/// is an `nn.ModuleList` of deep copies, run in turn; `norm` is `None`.
#[derive(Complexity)]
#[complexity(forward = {
    let output = x;
    for i in 0..2 {
        output = layers[i](output);
    }
    output
})]
pub struct TransformerEncoder {
    #[complexity(class = "ModuleList")]
    layers: [TransformerEncoderLayer; 2],
}

#[derive(Complexity)]
#[complexity(input = [1, 32], forward = head(norm(encoder(embed(ids)))), inputs = (ids))]
pub struct TinyEncoder {
    #[complexity(embedding(num_embeddings = VOCAB, embedding_dim = D_MODEL))]
    embed: (),
    encoder: TransformerEncoder,
    #[complexity(layer_norm(normalized_shape = D_MODEL))]
    norm: (),
    #[complexity(linear(in = D_MODEL, out = CLASSES))]
    head: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    use complexity_core::report::Report;
    use complexity_core::{Convention, Mode};
    let report = Report::of::<TinyEncoder>(TinyEncoder::INPUT, Mode::Eval)?;
    println!("{}", report.clone().in_convention(Convention::Ptflops));
    println!("{}", report.summary(3).input_element_bytes(8));
    Ok(())
}
