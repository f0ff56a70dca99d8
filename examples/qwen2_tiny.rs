//! transformers' `Qwen2Model(Qwen2Config(vocab_size=1000, hidden_size=256,
//! intermediate_size=512, num_hidden_layers=2, num_attention_heads=4,
//! num_key_value_heads=2, max_position_embeddings=512, attn_implementation="eager"))` in
//! training mode on token ids `[1, 64]`, `use_cache` the config's default (True: a
//! `DynamicCache` is created and updated in every layer), no `attention_mask`.
//!
//! Written by a newcomer from the docs alone, from transformers 5.24's source: what
//! autograd keeps is PyTorch's own figure in float32 (2,656,000 bytes) and under
//! `torch.autocast("cpu", dtype=torch.bfloat16)` (4,359,936), in total, by dtype and by
//! module (`tests/autocast.rs`).
//!
//! `cargo run --example qwen2_tiny` prints both memory lines.

use complexity_core::memory::{Device, Precision};
use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Repr};

pub const HIDDEN: usize = 256;
pub const INTERMEDIATE: usize = 512;
pub const HEADS: usize = 4;
pub const KV_HEADS: usize = 2;
pub const HEAD_DIM: usize = HIDDEN / HEADS;
pub const VOCAB: usize = 1000;
pub const LAYERS: usize = 2;

/// `Qwen2RMSNorm`: `extra_repr` `(256,), eps=1e-06`.
#[derive(Complexity)]
#[complexity(extra_repr = Repr::new().tuple(&[HIDDEN]).str(", eps=1e-06").as_str(), forward = {
    let hidden_states = x.to(torch.float32);
    let variance = hidden_states.pow(2).mean(-1, keepdim = true);
    let hidden_states = hidden_states * torch.rsqrt(variance + 1e-6);
    weight * hidden_states.to(x.dtype)
})]
pub struct Qwen2RMSNorm {
    #[complexity(parameter(shape = (HIDDEN,)))]
    weight: (),
}

/// `Qwen2RotaryEmbedding.forward(x, position_ids)` (default rope, attention_scaling 1.0).
#[derive(Complexity)]
#[complexity(inputs = (x, position_ids), forward = {
    let freqs = position_ids[..., None].float() * inv_freq.to(device = x.device, dtype = torch.float);
    let emb = torch.cat((freqs, freqs), dim = -1);
    let cos = emb.cos() * 1.0;
    let sin = emb.sin() * 1.0;
    (cos.to(dtype = x.dtype), sin.to(dtype = x.dtype))
})]
pub struct Qwen2RotaryEmbedding {
    #[complexity(buffer(shape = (HEAD_DIM / 2,), persistent = false))]
    inv_freq: (),
    // `nn.Buffer(inv_freq.clone(), persistent=False)`, never read by forward.
    #[complexity(buffer(shape = (HEAD_DIM / 2,), persistent = false))]
    original_inv_freq: (),
}

/// `Qwen2Attention` with `apply_rotary_pos_emb`, `rotate_half`, the DynamicCache update,
/// `eager_attention_forward` and `repeat_kv` inlined.
#[derive(Complexity)]
#[complexity(inputs = (hidden_states, attention_mask, cos, sin), forward = {
    let query_states = q_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    let key_states = k_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    let value_states = v_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    // apply_rotary_pos_emb
    let cos = cos.unsqueeze(1);
    let sin = sin.unsqueeze(1);
    let q1 = query_states[..., :HEAD_DIM / 2];
    let q2 = query_states[..., HEAD_DIM / 2:];
    let q_embed = (query_states * cos) + (torch.cat((-q2, q1), dim = -1) * sin);
    let k1 = key_states[..., :HEAD_DIM / 2];
    let k2 = key_states[..., HEAD_DIM / 2:];
    let k_embed = (key_states * cos) + (torch.cat((-k2, k1), dim = -1) * sin);
    // use_cache=True (config default): DynamicCache.update
    let (key_states, value_states) = cache.update(k_embed, value_states, layer_idx);
    // `DynamicLayer.update` returns `torch.cat([empty, k], dim=-2)`, a copy; `update`
    // hands back `k` and `v` themselves, which counts the same here only because
    // `repeat_kv`'s reshape below copies both (without it, write `.clone()` after).
    // eager_attention_forward: repeat_kv (n_rep = 2)
    let key_states = key_states[:, :, None, :, :].expand(hidden_states.size(0), KV_HEADS, HEADS / KV_HEADS, hidden_states.size(1), HEAD_DIM).reshape(hidden_states.size(0), HEADS, hidden_states.size(1), HEAD_DIM);
    let value_states = value_states[:, :, None, :, :].expand(hidden_states.size(0), KV_HEADS, HEADS / KV_HEADS, hidden_states.size(1), HEAD_DIM).reshape(hidden_states.size(0), HEADS, hidden_states.size(1), HEAD_DIM);
    let attn_weights = torch.matmul(q_embed, key_states.transpose(2, 3)) * 0.125;
    let attn_weights = attn_weights + attention_mask;
    let attn_weights = nn.functional.softmax(attn_weights, dim = -1, dtype = torch.float32).to(q_embed.dtype);
    let attn_weights = nn.functional.dropout(attn_weights, p = 0.0, training = true);
    let attn_output = torch.matmul(attn_weights, value_states);
    let attn_output = attn_output.transpose(1, 2).contiguous();
    // Qwen2Attention.forward
    let attn_output = attn_output.reshape(hidden_states.size(0), hidden_states.size(1), -1).contiguous();
    o_proj(attn_output)
})]
pub struct Qwen2Attention {
    #[complexity(linear(in = HIDDEN, out = HEADS * HEAD_DIM, bias = true))]
    q_proj: (),
    #[complexity(linear(in = HIDDEN, out = KV_HEADS * HEAD_DIM, bias = true))]
    k_proj: (),
    #[complexity(linear(in = HIDDEN, out = KV_HEADS * HEAD_DIM, bias = true))]
    v_proj: (),
    #[complexity(linear(in = HEADS * HEAD_DIM, out = HIDDEN, bias = false))]
    o_proj: (),
}

/// `Qwen2MLP`: `down_proj(act_fn(gate_proj(x)) * up_proj(x))`.
#[derive(Complexity)]
#[complexity(forward = down_proj(act_fn(gate_proj(x)) * up_proj(x)))]
pub struct Qwen2MLP {
    #[complexity(linear(in = HIDDEN, out = INTERMEDIATE, bias = false))]
    gate_proj: (),
    #[complexity(linear(in = HIDDEN, out = INTERMEDIATE, bias = false))]
    up_proj: (),
    #[complexity(linear(in = INTERMEDIATE, out = HIDDEN, bias = false))]
    down_proj: (),
    #[complexity(silu, class = "SiLUActivation", extra_repr = "")]
    act_fn: (),
}

/// `Qwen2DecoderLayer`.
#[derive(Complexity)]
#[complexity(inputs = (hidden_states, attention_mask, cos, sin), forward = {
    let residual = hidden_states;
    let hidden_states = input_layernorm(hidden_states);
    let hidden_states = self_attn(hidden_states, attention_mask, cos, sin);
    let hidden_states = residual + hidden_states;
    let residual = hidden_states;
    let hidden_states = post_attention_layernorm(hidden_states);
    let hidden_states = mlp(hidden_states);
    residual + hidden_states
})]
pub struct Qwen2DecoderLayer {
    self_attn: Qwen2Attention,
    mlp: Qwen2MLP,
    input_layernorm: Qwen2RMSNorm,
    post_attention_layernorm: Qwen2RMSNorm,
}

/// `Qwen2Model.forward(input_ids)`: embeddings, positions, `create_causal_mask` (with a
/// cache: no packed-sequence detection) → `eager_mask` → `sdpa_mask`, rotary embedding,
/// the layers, the final norm.
#[derive(Complexity)]
#[complexity(input = [1, 64], forward = {
    let inputs_embeds = embed_tokens(x);
    let position_ids = (torch.arange(inputs_embeds.size(1)) + 0).unsqueeze(0);
    // sdpa_mask (called by eager_mask with allow_is_causal_skip=False)
    let q_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let kv_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let q_idx = q_arange[None, None, :, None];
    let kv_idx = kv_arange[None, None, None, :];
    let mask = kv_idx.le(q_idx).expand(inputs_embeds.size(0), -1, inputs_embeds.size(1), inputs_embeds.size(1));
    // eager_mask
    let causal_mask = torch.where(mask, torch.zeros(()), -3.4028234663852886e38);
    let hidden_states = inputs_embeds;
    let (cos, sin) = rotary_emb(hidden_states, position_ids);
    let hidden_states = layers(hidden_states, causal_mask, cos, sin);
    norm(hidden_states)
})]
pub struct Qwen2Model {
    #[complexity(embedding(num_embeddings = VOCAB, embedding_dim = HIDDEN))]
    embed_tokens: (),
    #[complexity(class = "ModuleList")]
    layers: [Qwen2DecoderLayer; LAYERS],
    norm: Qwen2RMSNorm,
    rotary_emb: Qwen2RotaryEmbedding,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for precision in [Precision::Uniform, Precision::Autocast(Device::Cpu)] {
        let report = Report::of_in::<Qwen2Model>(Qwen2Model::INPUT, Mode::Train, precision)?;
        println!("{}", report.memory());
    }
    Ok(())
}
