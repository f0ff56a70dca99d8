//! One generic Llama — transformers' `LlamaForCausalLM` with the eager attention — and
//! the configurations of the released models as types. The configuration is a type
//! implementing [`LlamaConfig`]; the layer count is a const generic, since an array's
//! length cannot be a generic type's associated constant on stable Rust.
//!
//! Left out here: the rotary position embedding (`q * cos + rotate_half(q) * sin`) and the
//! causal mask, which hold no parameters and cost 0 FLOPs by mmengine's rules, so no total
//! changes (activations neither: only matrix products have them). `examples/llama_tiny.rs`
//! describes them in full (the `inv_freq` buffer, `arange` positions, `let (cos, sin) =
//! rotary_emb(h, position_ids);`, `layers(h, mask, cos, sin)`), identical to mmengine module
//! by module.

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
    forward = weight * (x * (x.pow(2).mean(-1, true) + 1e-5).rsqrt()),
)]
pub struct LlamaRMSNorm<C: LlamaConfig> {
    #[complexity(parameter(shape = (C::HIDDEN,)))]
    weight: (),
    #[complexity(skip)]
    config: PhantomData<C>,
}

/// `LlamaAttention`, eager: the projections, the heads, `repeat_kv` (each key/value head
/// shared by `HEADS / KV_HEADS` query heads), the scores scaled by 1/√head_dim (head_dim
/// is 128 in every configuration here; a number's value changes no count), softmax, the
/// weighted sum and the output projection.
#[derive(Complexity)]
#[complexity(forward = {
    let q = q_proj(x).unflatten(-1, (C::HEADS, C::HEAD_DIM)).transpose(1, 2);
    let k = k_proj(x).unflatten(-1, (C::KV_HEADS, C::HEAD_DIM)).transpose(1, 2);
    let v = v_proj(x).unflatten(-1, (C::KV_HEADS, C::HEAD_DIM)).transpose(1, 2);
    let k = k.unflatten(1, (C::KV_HEADS, 1)).expand(-1, -1, C::HEADS / C::KV_HEADS, -1, -1).flatten(1, 2);
    let v = v.unflatten(1, (C::KV_HEADS, 1)).expand(-1, -1, C::HEADS / C::KV_HEADS, -1, -1).flatten(1, 2);
    let scores = (matmul(q, k.transpose(2, 3)) * 0.08838834764831845).softmax(-1);
    o_proj(matmul(scores, v).transpose(1, 2).flatten(2))
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
#[complexity(forward = {
    let x = x + self_attn(input_layernorm(x));
    x + mlp(post_attention_layernorm(x))
})]
pub struct LlamaDecoderLayer<C: LlamaConfig> {
    self_attn: LlamaAttention<C>,
    mlp: LlamaMLP<C>,
    input_layernorm: LlamaRMSNorm<C>,
    post_attention_layernorm: LlamaRMSNorm<C>,
}

/// `LlamaModel` with `LAYERS` decoder layers, on token ids `[batch, seq]`.
#[derive(Complexity)]
#[complexity(forward = norm(layers(embed_tokens(x))))]
pub struct LlamaModel<C: LlamaConfig, const LAYERS: usize> {
    #[complexity(embedding(num_embeddings = C::VOCAB, embedding_dim = C::HIDDEN))]
    embed_tokens: (),
    #[complexity(class = "ModuleList")]
    layers: [LlamaDecoderLayer<C>; LAYERS],
    norm: LlamaRMSNorm<C>,
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
