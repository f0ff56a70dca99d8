//! Llama-2 7B/13B/70B, Llama-3 8B/70B, Llama-3.1 405B and Mistral-7B (the same module
//! tree; its sliding window changes no count at these lengths) from one generic
//! description (`model.rs`), and Mixtral-8x7B (Mistral's attention, 8 experts per
//! layer, top-2 routing: total and active parameters, FLOPs with the tokens split evenly).
//!
//! `cargo run --example llama` prints each model's parameters (exactly those of
//! transformers 5.24.0's `*ForCausalLM`, counted on the meta device) and FLOPs at 8,192
//! tokens, all computed by the compiler, then Llama-3.1-405B at 131,072 tokens.

pub mod model;

use complexity_core::{Totals, totals};
use model::*;

/// Every instance at 8,192 tokens, computed by the compiler: (name, totals).
pub const MODELS: [(&str, Totals); 7] = [
    (
        "Llama-2-7B",
        totals!(LlamaForCausalLM<Llama2_7B, 32>, input = [1, 8192]),
    ),
    (
        "Llama-2-13B",
        totals!(LlamaForCausalLM<Llama2_13B, 40>, input = [1, 8192]),
    ),
    (
        "Llama-2-70B",
        totals!(LlamaForCausalLM<Llama2_70B, 80>, input = [1, 8192]),
    ),
    (
        "Llama-3-8B",
        totals!(LlamaForCausalLM<Llama3_8B, 32>, input = [1, 8192]),
    ),
    (
        "Llama-3-70B",
        totals!(LlamaForCausalLM<Llama3_70B, 80>, input = [1, 8192]),
    ),
    (
        "Llama-3.1-405B",
        totals!(LlamaForCausalLM<Llama31_405B, 126>, input = [1, 8192]),
    ),
    (
        "Mistral-7B",
        totals!(LlamaForCausalLM<Mistral7B, 32>, input = [1, 8192]),
    ),
];

/// Mixtral-8x7B at 8,192 tokens: all 8 experts' parameters (transformers counts them
/// all), FLOPs with the tokens split evenly between the experts, 2 per token.
pub const MIXTRAL: Totals = totals!(MixtralForCausalLM<Mixtral8x7B, 32>, input = [1, 8192]);

/// One of Mixtral's experts.
pub const MIXTRAL_EXPERT: Totals =
    totals!(MixtralBlockSparseTop2MLP<Mixtral8x7B>, input = [1, 1, 4096]);

/// The parameters a token uses: all but the 6 experts of each of the 32 layers it skips.
pub const MIXTRAL_ACTIVE_PARAMS: u64 = MIXTRAL.params() - 32 * 6 * MIXTRAL_EXPERT.params();

/// Llama-3.1-405B at its full context, 131,072 tokens.
pub const LLAMA_405B_128K: Totals =
    totals!(LlamaForCausalLM<Llama31_405B, 126>, input = [1, 131072]);

#[allow(dead_code)]
fn main() {
    println!(
        "{:<16} {:>16} {:>28}",
        "model", "params", "FLOPs at 8,192 tokens"
    );
    for (name, t) in MODELS {
        println!("{name:<16} {:>16} {:>28}", t.params(), t.flops());
    }
    println!(
        "{:<16} {:>16} {:>28}  ({} parameters active per token, top-2 of 8 experts)",
        "Mixtral-8x7B",
        MIXTRAL.params(),
        MIXTRAL.flops(),
        MIXTRAL_ACTIVE_PARAMS
    );
    println!(
        "Llama-3.1-405B at 131,072 tokens: {} FLOPs, output {}",
        LLAMA_405B_128K.flops(),
        LLAMA_405B_128K.output
    );
}
