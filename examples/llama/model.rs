//! One generic Llama — transformers' `LlamaForCausalLM` with the eager attention — and
//! the configurations of the released models as types. The configuration is a type
//! implementing [`LlamaConfig`]; the layer count is a const generic, since an array's
//! length cannot be a generic type's associated constant on stable Rust.
//!
//! Written as `examples/llama_tiny.rs` is (whose figures are mmengine's module by module,
//! and whose saved-for-backward bytes and KV cache are PyTorch's): the rotary position
//! embedding (the `inv_freq` buffer, `let (cos, sin) = rotary_emb(h, position_ids);`,
//! `q * cos + rotate_half(q) * sin`), the causal mask, the KV cache
//! (`past_key_values.update`) and `repeat_kv`, so that the memory figures of
//! `examples/memory.rs` are those of the real forward.

use core::marker::PhantomData;

use complexity_core::{Complexity, Repr};

/// A Llama configuration (transformers' `LlamaConfig`, the fields that size the model).
pub trait LlamaConfig {
    /// `hidden_size`.
    const HIDDEN: usize;
    /// `intermediate_size`.
    const INTERMEDIATE: usize;
    /// `num_attention_heads`.
    const HEADS: usize;
    /// `num_key_value_heads` (grouped-query attention when fewer than the heads).
    const KV_HEADS: usize;
    /// `vocab_size`.
    const VOCAB: usize;
    /// `head_dim`: the hidden size over the heads.
    const HEAD_DIM: usize = Self::HIDDEN / Self::HEADS;
}

/// `LlamaRMSNorm`: `weight * (x * rsqrt(mean(x², -1) + eps))`, a module with one
/// parameter and no children (`rms_norm_eps` is 1e-5 in every configuration here); its
/// `extra_repr()`, `(4096,), eps=1e-05`, is built from the configuration by [`Repr`].
#[derive(Complexity)]
#[complexity(
    extra_repr = Repr::new().tuple(&[C::HIDDEN]).str(", eps=1e-05").as_str(),
    forward = {
        let hidden_states = x.to(torch.float32);
        let variance = hidden_states.pow(2).mean(-1, keepdim = true);
        let hidden_states = hidden_states * torch.rsqrt(variance + 1e-5);
        weight * hidden_states.to(x.dtype)
    },
)]
pub struct LlamaRMSNorm<C: LlamaConfig> {
    #[complexity(parameter(shape = (C::HIDDEN,)))]
    weight: (),
    #[complexity(skip)]
    config: PhantomData<C>,
}

/// `LlamaRotaryEmbedding`: cos and sin from the `inv_freq` buffer and the positions.
#[derive(Complexity)]
#[complexity(inputs = (x, position_ids), forward = {
    let inv_freq_expanded = inv_freq.unsqueeze(0).unsqueeze(2).float().expand(position_ids.size(0), -1, 1).to(x.device);
    let position_ids_expanded = position_ids.unsqueeze(1).float();
    // The outer product, a broadcasting `*` (mmengine's figures hold no matmul here).
    let freqs = (inv_freq_expanded.float() * position_ids_expanded.float()).transpose(1, 2);
    let emb = torch.cat((freqs, freqs), dim = -1);
    let cos = emb.cos() * 1.0;
    let sin = emb.sin() * 1.0;
    (cos.to(x.dtype), sin.to(x.dtype))
})]
pub struct LlamaRotaryEmbedding<C: LlamaConfig> {
    // `register_buffer("inv_freq", inv_freq, persistent=False)`.
    #[complexity(buffer(shape = (C::HEAD_DIM / 2,), persistent = false))]
    inv_freq: (),
    #[complexity(skip)]
    config: PhantomData<C>,
}

/// `LlamaAttention` with `eager_attention_forward`, `apply_rotary_pos_emb`,
/// `rotate_half`, the KV cache's `update` and `repeat_kv` (each key/value head shared by
/// `HEADS / KV_HEADS` query heads) inlined; the scores scaled by 1/√head_dim (head_dim is
/// 128 in every configuration here; a number's value changes no count).
#[derive(Complexity)]
#[complexity(inputs = (hidden_states, attention_mask, cos, sin), forward = {
    let query_states = q_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, C::HEAD_DIM).transpose(1, 2);
    let key_states = k_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, C::HEAD_DIM).transpose(1, 2);
    let value_states = v_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, C::HEAD_DIM).transpose(1, 2);
    let cos = cos.unsqueeze(1);
    let sin = sin.unsqueeze(1);
    let q1 = query_states.slice(-1, 0, C::HEAD_DIM / 2);
    let q2 = query_states.slice(-1, C::HEAD_DIM / 2);
    let q_embed = (query_states * cos) + (torch.cat((-q2, q1), dim = -1) * sin);
    let k1 = key_states.slice(-1, 0, C::HEAD_DIM / 2);
    let k2 = key_states.slice(-1, C::HEAD_DIM / 2);
    let k_embed = (key_states * cos) + (torch.cat((-k2, k1), dim = -1) * sin);
    let (k_embed, value_states) = past_key_values.update(k_embed, value_states, layer_idx);
    let key_states = k_embed.unsqueeze(2).expand(hidden_states.size(0), C::KV_HEADS, C::HEADS / C::KV_HEADS, hidden_states.size(1), C::HEAD_DIM).reshape(hidden_states.size(0), C::HEADS, hidden_states.size(1), C::HEAD_DIM);
    let value_states = value_states.unsqueeze(2).expand(hidden_states.size(0), C::KV_HEADS, C::HEADS / C::KV_HEADS, hidden_states.size(1), C::HEAD_DIM).reshape(hidden_states.size(0), C::HEADS, hidden_states.size(1), C::HEAD_DIM);
    let attn_weights = matmul(q_embed, key_states.transpose(2, 3)) * 0.08838834764831845;
    let causal_mask = attention_mask.slice(3, 0, key_states.shape[-2]);
    let attn_weights = attn_weights + causal_mask;
    let attn_weights = F.softmax(attn_weights, dim = -1, dtype = torch.float32).to(q_embed.dtype);
    let attn_weights = F.dropout(attn_weights, p = 0.0);
    let attn_output = matmul(attn_weights, value_states);
    let attn_output = attn_output.transpose(1, 2).contiguous();
    let attn_output = attn_output.reshape(hidden_states.size(0), hidden_states.size(1), -1).contiguous();
    o_proj(attn_output)
})]
pub struct LlamaAttention<C: LlamaConfig> {
    #[complexity(linear(in = C::HIDDEN, out = C::HEADS * C::HEAD_DIM, bias = false))]
    q_proj: (),
    #[complexity(linear(in = C::HIDDEN, out = C::KV_HEADS * C::HEAD_DIM, bias = false))]
    k_proj: (),
    #[complexity(linear(in = C::HIDDEN, out = C::KV_HEADS * C::HEAD_DIM, bias = false))]
    v_proj: (),
    #[complexity(linear(in = C::HEADS * C::HEAD_DIM, out = C::HIDDEN, bias = false))]
    o_proj: (),
    #[complexity(skip)]
    config: PhantomData<C>,
}

/// `LlamaMLP`: `down_proj(silu(gate_proj(x)) * up_proj(x))`.
#[derive(Complexity)]
#[complexity(forward = down_proj(act_fn(gate_proj(x)) * up_proj(x)))]
pub struct LlamaMLP<C: LlamaConfig> {
    #[complexity(linear(in = C::HIDDEN, out = C::INTERMEDIATE, bias = false))]
    gate_proj: (),
    #[complexity(linear(in = C::HIDDEN, out = C::INTERMEDIATE, bias = false))]
    up_proj: (),
    #[complexity(linear(in = C::INTERMEDIATE, out = C::HIDDEN, bias = false))]
    down_proj: (),
    #[complexity(silu, class = "SiLUActivation", extra_repr = "")]
    act_fn: (),
    #[complexity(skip)]
    config: PhantomData<C>,
}

/// `LlamaDecoderLayer`: pre-norm attention and MLP, each with a residual.
#[derive(Complexity)]
#[complexity(inputs = (x, mask, cos, sin), forward = {
    let x = x + self_attn(input_layernorm(x), mask, cos, sin);
    x + mlp(post_attention_layernorm(x))
})]
pub struct LlamaDecoderLayer<C: LlamaConfig> {
    self_attn: LlamaAttention<C>,
    mlp: LlamaMLP<C>,
    input_layernorm: LlamaRMSNorm<C>,
    post_attention_layernorm: LlamaRMSNorm<C>,
}

/// `LlamaModel` with `LAYERS` decoder layers, on token ids `[batch, seq]`: embeddings,
/// positions, the causal mask (`create_causal_mask` → `eager_mask` → `sdpa_mask`), the
/// rotary embedding, the layers, the final norm.
#[derive(Complexity)]
#[complexity(forward = {
    let inputs_embeds = embed_tokens(x);
    let position_ids = (torch.arange(inputs_embeds.size(1)) + 0).unsqueeze(0);
    // find_packed_sequence_indices
    let first_dummy_value = position_ids.slice(1, 0, 1) - 1;
    let position_diff = torch.cat((first_dummy_value, position_ids), dim = -1).slice(1, 1);
    let packed_sequence_mask = position_diff.ne(1).cumsum(-1);
    // sdpa_mask, eager_mask
    let q_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let kv_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let q_idx = q_arange.unsqueeze(0).unsqueeze(0).unsqueeze(3);
    let kv_idx = kv_arange.unsqueeze(0).unsqueeze(0).unsqueeze(0);
    let result = q_idx.new_ones(());
    let mask = kv_idx.le(q_idx).expand(inputs_embeds.size(0), -1, inputs_embeds.size(1), inputs_embeds.size(1));
    let causal_mask = torch.where(mask, 0.0, -3.4028234663852886e38);
    let (cos, sin) = rotary_emb(inputs_embeds, position_ids);
    norm(layers(inputs_embeds, causal_mask, cos, sin))
})]
pub struct LlamaModel<C: LlamaConfig, const LAYERS: usize> {
    #[complexity(embedding(num_embeddings = C::VOCAB, embedding_dim = C::HIDDEN))]
    embed_tokens: (),
    #[complexity(class = "ModuleList")]
    layers: [LlamaDecoderLayer<C>; LAYERS],
    norm: LlamaRMSNorm<C>,
    rotary_emb: LlamaRotaryEmbedding<C>,
}

/// `LlamaForCausalLM`: the model and its (untied) language-model head.
#[derive(Complexity)]
#[complexity(forward = lm_head(model(x)))]
pub struct LlamaForCausalLM<C: LlamaConfig, const LAYERS: usize> {
    model: LlamaModel<C, LAYERS>,
    #[complexity(linear(in = C::HIDDEN, out = C::VOCAB, bias = false))]
    lm_head: (),
}

macro_rules! config {
    ($(#[$doc:meta])* $name:ident: $hidden:expr, $intermediate:expr, $heads:expr, $kv:expr, $vocab:expr) => {
        $(#[$doc])*
        pub struct $name;
        impl LlamaConfig for $name {
            const HIDDEN: usize = $hidden;
            const INTERMEDIATE: usize = $intermediate;
            const HEADS: usize = $heads;
            const KV_HEADS: usize = $kv;
            const VOCAB: usize = $vocab;
        }
    };
}

config!(/// Llama-2-7B.
    Llama2_7B: 4096, 11008, 32, 32, 32000);
config!(/// Llama-2-13B.
    Llama2_13B: 5120, 13824, 40, 40, 32000);
config!(/// Llama-2-70B.
    Llama2_70B: 8192, 28672, 64, 8, 32000);
config!(/// Llama-3-8B.
    Llama3_8B: 4096, 14336, 32, 8, 128256);
config!(/// Llama-3-70B.
    Llama3_70B: 8192, 28672, 64, 8, 128256);
config!(/// Llama-3.1-405B.
    Llama31_405B: 16384, 53248, 128, 8, 128256);
config!(/// Mistral-7B (v0.1): Llama's module tree with grouped-query attention.
    Mistral7B: 4096, 14336, 32, 8, 32000);
config!(/// Mixtral-8x7B: Mistral-7B's sizes, each MLP replaced by 8 experts of its size
    /// ([`MixtralForCausalLM`]).
    Mixtral8x7B: 4096, 14336, 32, 8, 32000);

/// One expert of Mixtral (transformers' `MixtralBlockSparseTop2MLP`):
/// `w2(silu(w1(x)) * w3(x))`, an MLP of Llama's sizes.
#[derive(Complexity)]
#[complexity(forward = w2(act_fn(w1(x)) * w3(x)))]
pub struct MixtralBlockSparseTop2MLP<C: LlamaConfig> {
    #[complexity(linear(in = C::HIDDEN, out = C::INTERMEDIATE, bias = false))]
    w1: (),
    #[complexity(linear(in = C::INTERMEDIATE, out = C::HIDDEN, bias = false))]
    w2: (),
    #[complexity(linear(in = C::HIDDEN, out = C::INTERMEDIATE, bias = false))]
    w3: (),
    #[complexity(silu, class = "SiLUActivation", extra_repr = "")]
    act_fn: (),
    #[complexity(skip)]
    config: PhantomData<C>,
}

/// `MixtralSparseMoeBlock`: the router (`gate`, 8 logits per token) and 8 experts, each
/// token sent to its top 2. Which experts a token goes to depends on the weights and the
/// input, so the FLOPs are counted with the tokens split evenly: each expert runs on
/// 2/8 of them (the sequence's quarters: expert `e` on quarter `e mod 4`, so every token
/// meets two experts). mmengine, tracing a real forward, counts each expert on the
/// tokens routed to it, so its figure depends on the traced input (an expert no token
/// chose even prints `N/A`); only the total over the experts, `2 · tokens` expert calls
/// a layer, is fixed. The top-2 selection and the routing weights' products cost 0 by
/// mmengine's rules and are left out; the block returns the router logits as
/// transformers 4's does.
#[derive(Complexity)]
#[complexity(forward = {
    let router_logits = gate(x);
    let (t0, t1, t2, t3) = x.chunk(4, 1);
    let first = cat([experts[0](t0), experts[1](t1), experts[2](t2), experts[3](t3)], 1);
    let second = cat([experts[4](t0), experts[5](t1), experts[6](t2), experts[7](t3)], 1);
    (first + second, router_logits)
})]
pub struct MixtralSparseMoeBlock<C: LlamaConfig> {
    #[complexity(linear(in = C::HIDDEN, out = 8, bias = false))]
    gate: (),
    #[complexity(class = "ModuleList")]
    experts: [MixtralBlockSparseTop2MLP<C>; 8],
}

/// `MixtralDecoderLayer`: Llama's, its MLP a sparse mixture of experts.
#[derive(Complexity)]
#[complexity(inputs = (x, mask, cos, sin), forward = {
    let x = x + self_attn(input_layernorm(x), mask, cos, sin);
    let (moe, _router_logits) = block_sparse_moe(post_attention_layernorm(x));
    x + moe
})]
pub struct MixtralDecoderLayer<C: LlamaConfig> {
    self_attn: LlamaAttention<C>,
    block_sparse_moe: MixtralSparseMoeBlock<C>,
    input_layernorm: LlamaRMSNorm<C>,
    post_attention_layernorm: LlamaRMSNorm<C>,
}

/// `MixtralModel` with `LAYERS` decoder layers: `LlamaModel`'s forward.
#[derive(Complexity)]
#[complexity(forward = {
    let inputs_embeds = embed_tokens(x);
    let position_ids = (torch.arange(inputs_embeds.size(1)) + 0).unsqueeze(0);
    // find_packed_sequence_indices
    let first_dummy_value = position_ids.slice(1, 0, 1) - 1;
    let position_diff = torch.cat((first_dummy_value, position_ids), dim = -1).slice(1, 1);
    let packed_sequence_mask = position_diff.ne(1).cumsum(-1);
    // sdpa_mask, eager_mask
    let q_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let kv_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let q_idx = q_arange.unsqueeze(0).unsqueeze(0).unsqueeze(3);
    let kv_idx = kv_arange.unsqueeze(0).unsqueeze(0).unsqueeze(0);
    let result = q_idx.new_ones(());
    let mask = kv_idx.le(q_idx).expand(inputs_embeds.size(0), -1, inputs_embeds.size(1), inputs_embeds.size(1));
    let causal_mask = torch.where(mask, 0.0, -3.4028234663852886e38);
    let (cos, sin) = rotary_emb(inputs_embeds, position_ids);
    norm(layers(inputs_embeds, causal_mask, cos, sin))
})]
pub struct MixtralModel<C: LlamaConfig, const LAYERS: usize> {
    #[complexity(embedding(num_embeddings = C::VOCAB, embedding_dim = C::HIDDEN))]
    embed_tokens: (),
    #[complexity(class = "ModuleList")]
    layers: [MixtralDecoderLayer<C>; LAYERS],
    norm: LlamaRMSNorm<C>,
    rotary_emb: LlamaRotaryEmbedding<C>,
}

/// `MixtralForCausalLM`: the model and its (untied) language-model head.
#[derive(Complexity)]
#[complexity(forward = lm_head(model(x)))]
pub struct MixtralForCausalLM<C: LlamaConfig, const LAYERS: usize> {
    model: MixtralModel<C, LAYERS>,
    #[complexity(linear(in = C::HIDDEN, out = C::VOCAB, bias = false))]
    lm_head: (),
}
