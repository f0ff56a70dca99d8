//! transformers 5.24's `BartModel(BartConfig())` (bart-large: d_model 1024, 12 encoder and
//! 12 decoder layers, 16 heads, FFN 4096, vocabulary 50265, 1024 positions), eager
//! attention, `use_cache=False`, on token ids `[1, 128]`; the decoder's ids are derived
//! from the input ids by `shift_tokens_right`. `shared.weight`, `encoder.embed_tokens.weight`
//! and `decoder.embed_tokens.weight` are one tensor: `shared` is never called (`uncalled`),
//! both `embed_tokens` are `tied = "shared"`.
//!
//! Ported by someone new to the library from its docs alone; every module and both tables
//! are mmengine's, byte for byte, on the first build that compiled (`tests/bart_large.rs`).
//! `cargo run --example bart_large` prints the totals and mmengine's `out_table` in
//! training mode, then eval mode.
//!
//! Written otherwise than transformers writes it, for what the library cannot say:
//! - `BartScaledWordEmbedding` and `BartLearnedPositionalEmbedding` are `nn.Embedding`
//!   subclasses with their own `forward`; a layer kind has no `forward`, so their extra
//!   work is written in the caller (`BartEncoder`/`BartDecoder`): the `* embed_scale`
//!   (1.0) after `embed_tokens(…)`, and the positions (`arange`, `+ self.offset`) before
//!   `embed_positions(…)`. Same figures; the `mul`/`add`/`arange` are charged to the parent.
//! - `BartAttention.forward` has three code paths (encoder self-attention without a mask,
//!   decoder self-attention with the causal mask, cross-attention on `key_value_states`
//!   without a mask); a `forward` has a fixed list of inputs and no `None`, so each path is
//!   its own struct, all three `class = "BartAttention"`.
//! - `shift_tokens_right`'s in-place writes (`shifted[:, 1:] = ids[:, :-1].clone()`,
//!   `shifted[:, 0] = start`, `masked_fill_`) have no operation: written as a `cat` of a
//!   `full_like` column and the clone, and an out-of-place `masked_fill`.
//! - `torch.arange(past_key_values_length, past_key_values_length + seq_len)` (two
//!   arguments, arithmetic on a traced size) is `torch.arange(seq_len)`.
//! - `create_causal_mask`'s padding part (`padding_mask[batch_idx, kv_idx]`, advanced
//!   indexing, and `&`) has no operation: the all-ones `attention_mask` is created and not
//!   used, as for sdpa_mask's `new_ones(())` (`and_masks`' start value).

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

pub const D_MODEL: usize = 1024;
pub const HEADS: usize = 16;
pub const HEAD_DIM: usize = D_MODEL / HEADS;
pub const FFN: usize = 4096;
pub const VOCAB: usize = 50265;
pub const LAYERS: usize = 12;

/// `BartAttention` as the encoder calls it: self-attention, `attention_mask` None.
#[derive(Complexity)]
#[complexity(class = "BartAttention", inputs = (hidden_states), forward = {
    let query_states = q_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    let key_states = k_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    let value_states = v_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    // eager_attention_forward(scaling = head_dim ** -0.5, dropout = attention_dropout = 0.0)
    let attn_weights = torch.matmul(query_states, key_states.transpose(2, 3)) * 0.125;
    let attn_weights = nn.functional.softmax(attn_weights, dim = -1);
    let attn_weights = nn.functional.dropout(attn_weights, p = 0.0);
    let attn_output = torch.matmul(attn_weights, value_states);
    let attn_output = attn_output.transpose(1, 2).contiguous();
    let attn_output = attn_output.reshape(hidden_states.size(0), hidden_states.size(1), -1).contiguous();
    out_proj(attn_output)
})]
pub struct BartEncoderSelfAttention {
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    k_proj: (),
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    v_proj: (),
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    q_proj: (),
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    out_proj: (),
}

/// `BartAttention` as the decoder's `self_attn`: self-attention with the causal mask.
#[derive(Complexity)]
#[complexity(class = "BartAttention", inputs = (hidden_states, attention_mask), forward = {
    let query_states = q_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    let key_states = k_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    let value_states = v_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    // `past_key_values.self_attention_cache.update(…)`: the decoder's KV cache.
    let (key_states, value_states) = past_key_values.self_attention_cache.update(key_states, value_states, layer_idx);
    let attn_weights = torch.matmul(query_states, key_states.transpose(2, 3)) * 0.125;
    let attn_weights = attn_weights + attention_mask;
    let attn_weights = nn.functional.softmax(attn_weights, dim = -1);
    let attn_weights = nn.functional.dropout(attn_weights, p = 0.0);
    let attn_output = torch.matmul(attn_weights, value_states);
    let attn_output = attn_output.transpose(1, 2).contiguous();
    let attn_output = attn_output.reshape(hidden_states.size(0), hidden_states.size(1), -1).contiguous();
    out_proj(attn_output)
})]
pub struct BartDecoderSelfAttention {
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    k_proj: (),
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    v_proj: (),
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    q_proj: (),
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    out_proj: (),
}

/// `BartAttention` as the decoder's `encoder_attn`: keys and values from
/// `key_value_states` (the encoder's output), `attention_mask` None.
#[derive(Complexity)]
#[complexity(class = "BartAttention", inputs = (hidden_states, key_value_states), forward = {
    let query_states = q_proj(hidden_states).view(hidden_states.size(0), hidden_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    let key_states = k_proj(key_value_states).view(hidden_states.size(0), key_value_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    let value_states = v_proj(key_value_states).view(hidden_states.size(0), key_value_states.size(1), -1, HEAD_DIM).transpose(1, 2);
    // `past_key_values.cross_attention_cache.update(…)`: the encoder's keys and values.
    let (key_states, value_states) = past_key_values.cross_attention_cache.update(key_states, value_states, layer_idx);
    let attn_weights = torch.matmul(query_states, key_states.transpose(2, 3)) * 0.125;
    let attn_weights = nn.functional.softmax(attn_weights, dim = -1);
    let attn_weights = nn.functional.dropout(attn_weights, p = 0.0);
    let attn_output = torch.matmul(attn_weights, value_states);
    let attn_output = attn_output.transpose(1, 2).contiguous();
    let attn_output = attn_output.reshape(hidden_states.size(0), hidden_states.size(1), -1).contiguous();
    out_proj(attn_output)
})]
pub struct BartDecoderCrossAttention {
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    k_proj: (),
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    v_proj: (),
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    q_proj: (),
    #[complexity(linear(in = D_MODEL, out = D_MODEL))]
    out_proj: (),
}

/// `BartEncoderLayer`: post-norm self-attention and MLP, each with a residual; the
/// dropouts are functional.
#[derive(Complexity)]
#[complexity(inputs = (hidden_states), forward = {
    let residual = hidden_states;
    let hidden_states = self_attn(hidden_states);
    let hidden_states = nn.functional.dropout(hidden_states, p = 0.1);
    let hidden_states = residual + hidden_states;
    let hidden_states = self_attn_layer_norm(hidden_states);
    let residual = hidden_states;
    let hidden_states = activation_fn(fc1(hidden_states));
    let hidden_states = nn.functional.dropout(hidden_states, p = 0.0);
    let hidden_states = fc2(hidden_states);
    let hidden_states = nn.functional.dropout(hidden_states, p = 0.1);
    let hidden_states = residual + hidden_states;
    final_layer_norm(hidden_states)
})]
pub struct BartEncoderLayer {
    self_attn: BartEncoderSelfAttention,
    #[complexity(layer_norm(normalized_shape = D_MODEL))]
    self_attn_layer_norm: (),
    #[complexity(gelu, class = "GELUActivation", extra_repr = "")]
    activation_fn: (),
    #[complexity(linear(in = D_MODEL, out = FFN))]
    fc1: (),
    #[complexity(linear(in = FFN, out = D_MODEL))]
    fc2: (),
    #[complexity(layer_norm(normalized_shape = D_MODEL))]
    final_layer_norm: (),
}

/// `BartDecoderLayer`: causal self-attention, cross-attention on the encoder's output, MLP,
/// each post-norm with a residual.
#[derive(Complexity)]
#[complexity(inputs = (hidden_states, attention_mask, encoder_hidden_states), forward = {
    let residual = hidden_states;
    let hidden_states = self_attn(hidden_states, attention_mask);
    let hidden_states = nn.functional.dropout(hidden_states, p = 0.1);
    let hidden_states = residual + hidden_states;
    let hidden_states = self_attn_layer_norm(hidden_states);
    let residual = hidden_states;
    let hidden_states = encoder_attn(hidden_states, encoder_hidden_states);
    let hidden_states = nn.functional.dropout(hidden_states, p = 0.1);
    let hidden_states = residual + hidden_states;
    let hidden_states = encoder_attn_layer_norm(hidden_states);
    let residual = hidden_states;
    let hidden_states = activation_fn(fc1(hidden_states));
    let hidden_states = nn.functional.dropout(hidden_states, p = 0.0);
    let hidden_states = fc2(hidden_states);
    let hidden_states = nn.functional.dropout(hidden_states, p = 0.1);
    let hidden_states = residual + hidden_states;
    final_layer_norm(hidden_states)
})]
pub struct BartDecoderLayer {
    self_attn: BartDecoderSelfAttention,
    #[complexity(gelu, class = "GELUActivation", extra_repr = "")]
    activation_fn: (),
    #[complexity(layer_norm(normalized_shape = D_MODEL))]
    self_attn_layer_norm: (),
    encoder_attn: BartDecoderCrossAttention,
    #[complexity(layer_norm(normalized_shape = D_MODEL))]
    encoder_attn_layer_norm: (),
    #[complexity(linear(in = D_MODEL, out = FFN))]
    fc1: (),
    #[complexity(linear(in = FFN, out = D_MODEL))]
    fc2: (),
    #[complexity(layer_norm(normalized_shape = D_MODEL))]
    final_layer_norm: (),
}

/// `BartEncoder`.
#[derive(Complexity)]
#[complexity(inputs = (input_ids), forward = {
    let input = input_ids;
    let input_ids = input_ids.view(-1, input.size(-1));
    // BartScaledWordEmbedding.forward: `super().forward(input_ids) * self.embed_scale`
    let inputs_embeds = embed_tokens(input_ids) * 1.0;
    // BartLearnedPositionalEmbedding.forward: positions from `arange`, offset by 2
    let position_ids = torch.arange(input.size(1)).expand(input.size(0), -1);
    let embed_pos = embed_positions(position_ids + 2);
    let embed_pos = embed_pos.to(inputs_embeds.device);
    let hidden_states = inputs_embeds + embed_pos;
    let hidden_states = layernorm_embedding(hidden_states);
    let hidden_states = nn.functional.dropout(hidden_states, p = 0.1);
    layers(hidden_states)
})]
pub struct BartEncoder {
    #[complexity(
        embedding(num_embeddings = VOCAB, embedding_dim = D_MODEL, padding_idx = 1),
        class = "BartScaledWordEmbedding",
        tied = "shared"
    )]
    embed_tokens: (),
    #[complexity(
        embedding(num_embeddings = 1024 + 2, embedding_dim = D_MODEL),
        class = "BartLearnedPositionalEmbedding"
    )]
    embed_positions: (),
    #[complexity(class = "ModuleList")]
    layers: [BartEncoderLayer; LAYERS],
    #[complexity(layer_norm(normalized_shape = D_MODEL))]
    layernorm_embedding: (),
}

/// `BartDecoder`.
#[derive(Complexity)]
#[complexity(inputs = (input_ids, encoder_hidden_states), forward = {
    let input = input_ids;
    let input_ids = input_ids.view(-1, input.size(-1));
    let inputs_embeds = embed_tokens(input) * 1.0;
    let cache_position = torch.arange(inputs_embeds.size(1));
    let attention_mask = torch.ones((inputs_embeds.size(0), inputs_embeds.size(1)));
    // create_causal_mask -> sdpa_mask -> eager_mask
    let q_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let kv_arange = torch.arange(inputs_embeds.size(1)) + 0;
    let q_idx = q_arange.unsqueeze(0).unsqueeze(0).unsqueeze(3);
    let kv_idx = kv_arange.unsqueeze(0).unsqueeze(0).unsqueeze(0);
    let result = q_idx.new_ones(());
    let mask = kv_idx.le(q_idx).expand(inputs_embeds.size(0), -1, inputs_embeds.size(1), inputs_embeds.size(1));
    let causal_mask = torch.where(mask, 0.0, -3.4028234663852886e38);
    // embed positions
    let positions = embed_positions(cache_position.unsqueeze(0) + 2);
    let positions = positions.to(inputs_embeds.device);
    let hidden_states = inputs_embeds + positions;
    let hidden_states = layernorm_embedding(hidden_states);
    let hidden_states = nn.functional.dropout(hidden_states, p = 0.1);
    layers(hidden_states, causal_mask, encoder_hidden_states)
})]
pub struct BartDecoder {
    #[complexity(
        embedding(num_embeddings = VOCAB, embedding_dim = D_MODEL, padding_idx = 1),
        class = "BartScaledWordEmbedding",
        tied = "shared"
    )]
    embed_tokens: (),
    #[complexity(
        embedding(num_embeddings = 1024 + 2, embedding_dim = D_MODEL),
        class = "BartLearnedPositionalEmbedding"
    )]
    embed_positions: (),
    #[complexity(class = "ModuleList")]
    layers: [BartDecoderLayer; LAYERS],
    #[complexity(layer_norm(normalized_shape = D_MODEL))]
    layernorm_embedding: (),
}

/// `BartModel`.
#[derive(Complexity)]
#[complexity(input = [1, 128], forward = {
    // shift_tokens_right(input_ids, pad_token_id = 1, decoder_start_token_id = 2)
    let shifted_input_ids = x.new_zeros((x.size(0), x.size(1)));
    let shifted_input_ids = torch.cat((shifted_input_ids.slice(1, 0, 1).full_like(2), x.slice(1, 0, -1).clone()), dim = 1);
    let decoder_input_ids = shifted_input_ids.masked_fill(shifted_input_ids.eq(-100), 1);
    let encoder_outputs = encoder(x);
    let decoder_outputs = decoder(decoder_input_ids, encoder_outputs);
    (decoder_outputs, encoder_outputs)
})]
pub struct BartModel {
    #[complexity(
        embedding(num_embeddings = VOCAB, embedding_dim = D_MODEL, padding_idx = 1),
        class = "BartScaledWordEmbedding",
        uncalled
    )]
    shared: (),
    encoder: BartEncoder,
    decoder: BartDecoder,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "BART-large at {}: {} params, {} FLOPs, {} activations, output {}",
        BartModel::INPUT,
        BartModel::PARAMS,
        BartModel::FLOPS,
        BartModel::ACTIVATIONS,
        BartModel::OUTPUT,
    );
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<BartModel>(BartModel::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
