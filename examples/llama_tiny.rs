//! transformers 5.24's `LlamaModel` at tiny sizes (hidden 512, intermediate 1376, 4
//! layers, 8 heads, 4 key-value heads, vocab 32000, eager attention) on token ids
//! `[1, 128]`, with everything its forward runs: the rotary embedding from its `inv_freq`
//! buffer and the positions, the causal mask (`create_causal_mask`), `apply_rotary_pos_emb`,
//! `repeat_kv`, and the RMSNorm in float32. Ported by someone new to the library from its
//! docs; every module and both tables are mmengine's (`tests/llama_tiny.rs`).
//!
//! Written otherwise than transformers writes it, each marked where it stands: `torch.diff`
//! (a `cat` and a slice of the same shape) and the rotary embedding's outer product (a
//! broadcasting `*`: mmengine saw no matmul there). Neither changes a count.
//!
//! `cargo run --example llama_tiny` prints the totals and mmengine's `out_table` in
//! training mode, then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Repr};

pub const HIDDEN: usize = 512;
pub const INTERMEDIATE: usize = 1376;
pub const HEADS: usize = 8;
pub const KV_HEADS: usize = 4;
pub const HEAD_DIM: usize = HIDDEN / HEADS;
pub const VOCAB: usize = 32000;
pub const LAYERS: usize = 4;

/// `LlamaRMSNorm`, computed in float32; its `extra_repr()` is `(512,), eps=1e-06`.
#[derive(Complexity)]
#[complexity(extra_repr = Repr::new().tuple(&[HIDDEN]).str(", eps=1e-06").as_str(), forward = {
    let hidden_states = x.to(torch.float32);
    let variance = hidden_states.pow(2).mean(-1, keepdim = true);
    let hidden_states = hidden_states * torch.rsqrt(variance + 1e-6);
    weight * hidden_states.to(x.dtype)
})]
pub struct LlamaRMSNorm {
    #[complexity(parameter(shape = (HIDDEN,)))]
    weight: (),
}

/// `LlamaRotaryEmbedding`: cos/sin from the `inv_freq` buffer and the positions.
#[derive(Complexity)]
#[complexity(inputs = (x, position_ids), forward = {
    let inv_freq_expanded = inv_freq.unsqueeze(0).unsqueeze(2).float().expand(position_ids.size(0), -1, 1).to(x.device);
    let position_ids_expanded = position_ids.unsqueeze(1).float();
    // The outer product of the frequencies and the positions: mmengine's figures (and
    // torch's FlopCounterMode's) hold no matmul here, so it is written as a broadcasting `*`
    // (with `@`, mmengine counts 32·128 = 4,096 FLOPs: measured).
    let freqs = (inv_freq_expanded.float() * position_ids_expanded.float()).transpose(1, 2);
    let emb = torch.cat((freqs, freqs), dim = -1);
    let cos = emb.cos() * 1.0;
    let sin = emb.sin() * 1.0;
    (cos.to(x.dtype), sin.to(x.dtype))
})]
pub struct LlamaRotaryEmbedding {
    // `register_buffer("inv_freq", inv_freq, persistent=False)`: not in the state_dict.
    #[complexity(buffer(shape = (HEAD_DIM / 2,), persistent = false))]
    inv_freq: (),
}

/// `LlamaAttention` with `eager_attention_forward`, `apply_rotary_pos_emb`,
/// `rotate_half` and `repeat_kv` inlined.
#[derive(Complexity)]
#[complexity(inputs = (hidden_states, attention_mask, cos, sin), forward = {
    let query_states = q_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    let key_states = k_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    let value_states = v_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    // apply_rotary_pos_emb
    let cos = cos.unsqueeze(1);
    let sin = sin.unsqueeze(1);
    let q1 = query_states.slice(-1, 0, HEAD_DIM / 2);
    let q2 = query_states.slice(-1, HEAD_DIM / 2);
    let q_embed = (query_states * cos) + (torch.cat((-q2, q1), dim = -1) * sin);
    let k1 = key_states.slice(-1, 0, HEAD_DIM / 2);
    let k2 = key_states.slice(-1, HEAD_DIM / 2);
    let k_embed = (key_states * cos) + (torch.cat((-k2, k1), dim = -1) * sin);
    // With `use_cache=True`, the KV cache keeps the keys (after the rotary embedding) and
    // the values, `KV_HEADS` heads each.
    let (k_embed, value_states) = past_key_values.update(k_embed, value_states, layer_idx);
    // eager_attention_forward, repeat_kv
    let key_states = k_embed.unsqueeze(2).expand(hidden_states.size(0), KV_HEADS, HEADS / KV_HEADS, hidden_states.size(1), HEAD_DIM).reshape(hidden_states.size(0), HEADS, hidden_states.size(1), HEAD_DIM);
    let value_states = value_states.unsqueeze(2).expand(hidden_states.size(0), KV_HEADS, HEADS / KV_HEADS, hidden_states.size(1), HEAD_DIM).reshape(hidden_states.size(0), HEADS, hidden_states.size(1), HEAD_DIM);
    let attn_weights = matmul(q_embed, key_states.transpose(2, 3)) * 0.125;
    // `attention_mask[:, :, :, :key_states.shape[-2]]`
    let causal_mask = attention_mask.slice(3, 0, key_states.shape[-2]);
    let attn_weights = attn_weights + causal_mask;
    let attn_weights = F.softmax(attn_weights, dim = -1, dtype = torch.float32).to(q_embed.dtype);
    let attn_weights = F.dropout(attn_weights, p = 0.0);
    let attn_output = matmul(attn_weights, value_states);
    let attn_output = attn_output.transpose(1, 2).contiguous();
    let attn_output = attn_output.reshape(hidden_states.size(0), hidden_states.size(1), -1).contiguous();
    o_proj(attn_output)
})]
pub struct LlamaAttention {
    #[complexity(linear(in = HIDDEN, out = HEADS * HEAD_DIM, bias = false))]
    q_proj: (),
    #[complexity(linear(in = HIDDEN, out = KV_HEADS * HEAD_DIM, bias = false))]
    k_proj: (),
    #[complexity(linear(in = HIDDEN, out = KV_HEADS * HEAD_DIM, bias = false))]
    v_proj: (),
    #[complexity(linear(in = HEADS * HEAD_DIM, out = HIDDEN, bias = false))]
    o_proj: (),
}

/// `LlamaMLP`: `down_proj(act_fn(gate_proj(x)) * up_proj(x))`.
#[derive(Complexity)]
#[complexity(forward = down_proj(act_fn(gate_proj(x)) * up_proj(x)))]
pub struct LlamaMLP {
    #[complexity(linear(in = HIDDEN, out = INTERMEDIATE, bias = false))]
    gate_proj: (),
    #[complexity(linear(in = HIDDEN, out = INTERMEDIATE, bias = false))]
    up_proj: (),
    #[complexity(linear(in = INTERMEDIATE, out = HIDDEN, bias = false))]
    down_proj: (),
    #[complexity(silu, class = "SiLUActivation", extra_repr = "")]
    act_fn: (),
}

/// `LlamaDecoderLayer`.
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
pub struct LlamaDecoderLayer {
    self_attn: LlamaAttention,
    mlp: LlamaMLP,
    input_layernorm: LlamaRMSNorm,
    post_attention_layernorm: LlamaRMSNorm,
}

/// `LlamaModel`: embeddings, positions, the causal mask (`create_causal_mask` →
/// `eager_mask` → `sdpa_mask`), the rotary embedding, the layers, the final norm.
#[derive(Complexity)]
#[complexity(input = [1, 128], forward = {
    let inputs_embeds = embed_tokens(x);
    let position_ids = (torch.arange(inputs_embeds.size(1)) + 0).unsqueeze(0);
    // find_packed_sequence_indices (traced, so not skipped)
    let first_dummy_value = position_ids.slice(1, 0, 1) - 1;
    // `torch.diff(position_ids, prepend = first_dummy_value, dim = -1)`, which is no
    // operation here yet: the same shape as a `cat` and a slice (mmengine lists one
    // `aten::diff`; this lists a `cat` and a `reshape`).
    let position_diff = torch.cat((first_dummy_value, position_ids), dim = -1).slice(1, 1);
    let packed_sequence_mask = position_diff.ne(1).cumsum(-1);
    // sdpa_mask
    let q_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let kv_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let q_idx = q_arange.unsqueeze(0).unsqueeze(0).unsqueeze(3);
    let kv_idx = kv_arange.unsqueeze(0).unsqueeze(0).unsqueeze(0);
    // and_masks: `q_idx.new_ones(())`, then `&` with each mask (mmengine ignores `aten::__and__`,
    // and so does this description).
    let result = q_idx.new_ones(());
    let mask = kv_idx.le(q_idx).expand(inputs_embeds.size(0), -1, inputs_embeds.size(1), inputs_embeds.size(1));
    // eager_mask
    let causal_mask = torch.where(mask, 0.0, -3.4028234663852886e38);
    let hidden_states = inputs_embeds;
    let (cos, sin) = rotary_emb(hidden_states, position_ids);
    let hidden_states = layers(hidden_states, causal_mask, cos, sin);
    norm(hidden_states)
})]
pub struct LlamaModel {
    #[complexity(embedding(num_embeddings = VOCAB, embedding_dim = HIDDEN))]
    embed_tokens: (),
    #[complexity(class = "ModuleList")]
    layers: [LlamaDecoderLayer; LAYERS],
    norm: LlamaRMSNorm,
    rotary_emb: LlamaRotaryEmbedding,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "llama_tiny at {}: {} params, {} FLOPs, {} activations, output {}",
        LlamaModel::INPUT,
        LlamaModel::PARAMS,
        LlamaModel::FLOPS,
        LlamaModel::ACTIVATIONS,
        LlamaModel::OUTPUT,
    );
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<LlamaModel>(LlamaModel::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
