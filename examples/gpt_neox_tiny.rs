//! transformers `GPTNeoXModel(GPTNeoXConfig(vocab_size=1000, hidden_size=256,
//! intermediate_size=1024, num_hidden_layers=2, num_attention_heads=4,
//! max_position_embeddings=512, rotary_pct=0.25, attn_implementation="eager"))`,
//! in training mode on token ids `[1, 64]`, no `attention_mask`, `use_cache` the config's
//! default (True).
//!
//! Written by a newcomer from the docs alone, from transformers 5.24's source: what
//! autograd keeps is PyTorch's own figure in float32 (2,173,952 bytes) and under
//! `torch.autocast("cpu", dtype=torch.bfloat16)` (4,467,712), in total, by dtype and by
//! module (`tests/autocast.rs`); 1,836,032 parameters. With `use_cache=True`,
//! transformers' cache returns copies of `k` and `v` (`torch.cat`), written `.clone()`
//! after `update`: `v` is a chunk of the fused `query_key_value` output, and without the
//! copy the attention's `matmul` would keep that whole output.
//!
//! `cargo run --example gpt_neox_tiny` prints both memory lines.

use complexity_core::Complexity;
use complexity_core::Mode;
use complexity_core::memory::{Device, Precision};
use complexity_core::report::Report;

pub const HIDDEN: usize = 256;
pub const INTER: usize = 1024;
pub const HEADS: usize = 4;
pub const HEAD: usize = HIDDEN / HEADS; // 64
pub const ROT: usize = 16; // int(64 * 0.25)
pub const VOCAB: usize = 1000;
pub const LAYERS: usize = 2;

/// `GPTNeoXRotaryEmbedding.forward(x, position_ids)`.
#[derive(Complexity)]
#[complexity(class = "GPTNeoXRotaryEmbedding", inputs = (x, position_ids), forward = {
    let freqs = position_ids[..., None].float() * inv_freq.to(device = x.device, dtype = torch.float);
    let emb = torch.cat((freqs, freqs), dim = -1);
    let cos = emb.cos() * 1.0;
    let sin = emb.sin() * 1.0;
    (cos.to(dtype = x.dtype), sin.to(dtype = x.dtype))
})]
pub struct GPTNeoXRotaryEmbedding {
    #[complexity(buffer(shape = (ROT / 2,), persistent = false))]
    inv_freq: (),
    #[complexity(buffer(shape = (ROT / 2,), persistent = false))]
    original_inv_freq: (),
}

/// `GPTNeoXAttention` with `apply_rotary_pos_emb` (partial rotary), `rotate_half`, the
/// DynamicCache update and `eager_attention_forward` inlined.
#[derive(Complexity)]
#[complexity(class = "GPTNeoXAttention", inputs = (hidden_states, attention_mask, cos, sin), forward = {
    let qkv = query_key_value(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, 3 * HEAD).transpose(1, 2);
    let (query_states, key_states, value_states) = qkv.chunk(3, dim = -1);
    // apply_rotary_pos_emb
    let cos = cos.unsqueeze(1);
    let sin = sin.unsqueeze(1);
    let q_rot = query_states[..., :ROT];
    let q_pass = query_states[..., ROT:];
    let k_rot = key_states[..., :ROT];
    let k_pass = key_states[..., ROT:];
    let q_embed = (q_rot * cos) + (torch.cat((-q_rot[..., ROT / 2:], q_rot[..., :ROT / 2]), dim = -1) * sin);
    let k_embed = (k_rot * cos) + (torch.cat((-k_rot[..., ROT / 2:], k_rot[..., :ROT / 2]), dim = -1) * sin);
    let q_embed = torch.cat([q_embed, q_pass], dim = -1);
    let k_embed = torch.cat([k_embed, k_pass], dim = -1);
    // use_cache=True: DynamicLayer.update (torch.cat onto an empty tensor)
    let (key_states, value_states) = layer_past.update(k_embed, value_states, layer_idx);
    // The library's `update` returns k and v themselves (views); transformers' returns
    // `torch.cat([empty, k], dim=-2)`, a fresh contiguous copy, which is what the matmuls
    // below then save (for v, a copy instead of a view of the whole qkv output).
    let key_states = key_states.clone();
    let value_states = value_states.clone();
    // eager_attention_forward
    let attn_weights = torch.matmul(q_embed, key_states.transpose(2, 3)) * 0.125;
    let attn_weights = attn_weights + attention_mask;
    let attn_weights = nn.functional.softmax(attn_weights, dim = -1, dtype = torch.float32).to(q_embed.dtype);
    let attn_weights = nn.functional.dropout(attn_weights, p = 0.0, training = true);
    let attn_output = torch.matmul(attn_weights, value_states);
    let attn_output = attn_output.transpose(1, 2).contiguous();
    let attn_output = attn_output.reshape(hidden_states.size(0), hidden_states.size(1), -1).contiguous();
    (dense(attn_output), attn_weights)
})]
pub struct GPTNeoXAttention {
    #[complexity(linear(in = HIDDEN, out = 3 * HIDDEN, bias = true))]
    query_key_value: (),
    #[complexity(linear(in = HIDDEN, out = HIDDEN, bias = true))]
    dense: (),
}

/// `GPTNeoXMLP`: `dense_4h_to_h(act(dense_h_to_4h(x)))`, act = `GELUActivation` (F.gelu).
#[derive(Complexity)]
#[complexity(class = "GPTNeoXMLP", forward = dense_4h_to_h(act(dense_h_to_4h(x))))]
pub struct GPTNeoXMLP {
    #[complexity(linear(in = HIDDEN, out = INTER))]
    dense_h_to_4h: (),
    #[complexity(linear(in = INTER, out = HIDDEN))]
    dense_4h_to_h: (),
    #[complexity(gelu, class = "GELUActivation", extra_repr = "")]
    act: (),
}

/// `GPTNeoXLayer` with `use_parallel_residual=True`.
#[derive(Complexity)]
#[complexity(class = "GPTNeoXLayer", inputs = (hidden_states, attention_mask, cos, sin), forward = {
    let (attn_output, _) = attention(input_layernorm(hidden_states), attention_mask, cos, sin);
    let attn_output = post_attention_dropout(attn_output);
    let mlp_output = mlp(post_attention_layernorm(hidden_states));
    let mlp_output = post_mlp_dropout(mlp_output);
    mlp_output + attn_output + hidden_states
})]
pub struct GPTNeoXLayer {
    #[complexity(layer_norm(normalized_shape = HIDDEN, eps = 1e-5))]
    input_layernorm: (),
    #[complexity(layer_norm(normalized_shape = HIDDEN, eps = 1e-5))]
    post_attention_layernorm: (),
    #[complexity(dropout(p = 0.0))]
    post_attention_dropout: (),
    #[complexity(dropout(p = 0.0))]
    post_mlp_dropout: (),
    attention: GPTNeoXAttention,
    mlp: GPTNeoXMLP,
}

/// `GPTNeoXModel.forward(input_ids)`.
#[derive(Complexity)]
#[complexity(class = "GPTNeoXModel", input = [1, 64], forward = {
    let inputs_embeds = embed_in(x);
    let position_ids = (torch.arange(inputs_embeds.size(1)) + 0).unsqueeze(0);
    // create_causal_mask -> eager_mask -> sdpa_mask (with a cache: no packed-sequence detection)
    let q_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let kv_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let q_idx = q_arange[None, None, :, None];
    let kv_idx = kv_arange[None, None, None, :];
    let mask = kv_idx.le(q_idx).expand(inputs_embeds.size(0), -1, inputs_embeds.size(1), inputs_embeds.size(1));
    let causal_mask = torch.where(mask, torch.zeros(()), -3.4028234663852886e38);
    let hidden_states = emb_dropout(inputs_embeds);
    let (cos, sin) = rotary_emb(hidden_states, position_ids);
    let hidden_states = layers(hidden_states, causal_mask, cos, sin);
    final_layer_norm(hidden_states)
})]
pub struct GPTNeoXModel {
    #[complexity(embedding(num_embeddings = VOCAB, embedding_dim = HIDDEN))]
    embed_in: (),
    #[complexity(dropout(p = 0.0))]
    emb_dropout: (),
    #[complexity(class = "ModuleList")]
    layers: [GPTNeoXLayer; LAYERS],
    #[complexity(layer_norm(normalized_shape = HIDDEN, eps = 1e-5))]
    final_layer_norm: (),
    rotary_emb: GPTNeoXRotaryEmbedding,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for precision in [Precision::Uniform, Precision::Autocast(Device::Cpu)] {
        let report = Report::of_in::<GPTNeoXModel>(GPTNeoXModel::INPUT, Mode::Train, precision)?;
        println!("{}", report.memory());
    }
    Ok(())
}
