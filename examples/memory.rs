//! Will it fit? Training and inference memory of released Llamas, from the generic
//! description of `examples/llama/model.rs`, with nothing run and no weight loaded.
//!
//! - The largest batch of Llama-3-8B that trains with AdamW in 80 GB (80·10⁹ bytes) at
//!   4,096 tokens in bf16, with and without activation checkpointing of each decoder
//!   layer: in mixed precision (bf16 weights, gradients and activations, float32 master
//!   weights and AdamW states: 16 bytes per parameter) no batch fits, the 8.03 billion
//!   parameters' 128.5 GB alone exceed 80 GB; in pure bf16 (weights, gradients, AdamW
//!   states and activations all bf16: 8 bytes per parameter) some do.
//! - The KV cache of Llama-3.1-405B at 128k (131,072) tokens in bf16.
//!
//! `cargo run --example memory` prints both, with each part of the memory.

#[allow(dead_code)]
#[path = "llama/model.rs"]
mod model;

use complexity_core::memory::{Inference, Optimizer, Training, TrainingMemory};
use complexity_core::{Complexity, DType, Mode, Shape, analyze, totals};
use model::{Llama3_8B, Llama31_405B, LlamaForCausalLM};

/// 80 GB, as an accelerator's memory is sold.
const BUDGET: u128 = 80_000_000_000;

/// The training memory of Llama-3-8B on `[batch, 4096]`, analysed at run time (the
/// same `const fn` analysis the compiler runs).
fn llama3_8b(batch: u64, training: Training) -> TrainingMemory {
    let input = Shape::new(&[batch, 4096]);
    let totals = analyze(
        &<LlamaForCausalLM<Llama3_8B, 32> as Complexity>::MODULE,
        input,
        Mode::Train,
    )
    .expect("Llama-3-8B analyses");
    training.memory(&totals).expect("no overflow")
}

/// The largest batch whose training memory fits `BUDGET` (0 if none does).
fn largest_batch(training: Training) -> (u64, TrainingMemory) {
    let mut best = (0, llama3_8b(1, training));
    let mut batch = 1;
    loop {
        let m = llama3_8b(batch, training);
        if m.total() > BUDGET {
            return best;
        }
        best = (batch, m);
        batch += 1;
    }
}

fn gb(bytes: u128) -> String {
    format!("{:.2} GB", bytes as f64 / 1e9)
}

fn show(name: &str, batch: u64, m: &TrainingMemory) {
    if batch == 0 {
        println!(
            "{name}: no batch fits; a batch of 1 needs {}",
            gb(m.total())
        );
    } else {
        println!("{name}: largest batch {batch} ({} in all)", gb(m.total()));
    }
    println!(
        "  weights {}, gradients {}, master weights {}, AdamW states {}, activations {}, one layer's recompute {}",
        gb(m.weights),
        gb(m.gradients),
        gb(m.master_weights),
        gb(m.optimizer),
        gb(m.activations),
        gb(m.recompute)
    );
}

/// Llama-3.1-405B at 131,072 tokens, computed by the compiler (eval mode).
const LLAMA_405B: complexity_core::Totals =
    totals!(LlamaForCausalLM<Llama31_405B, 126>, input = [1, 131072], mode = Eval);

fn main() {
    let mixed = Training::mixed(DType::BF16, Optimizer::AdamW);
    let pure = Training::new(Optimizer::AdamW)
        .weights(DType::BF16)
        .activations(DType::BF16);
    for (name, training) in [("bf16 mixed precision", mixed), ("pure bf16", pure)] {
        println!("Llama-3-8B, AdamW, {name}, 4,096 tokens, 80 GB:");
        let (batch, m) = largest_batch(training);
        show("without checkpointing", batch, &m);
        let (batch, m) = largest_batch(training.checkpointing(true));
        show("with checkpointing   ", batch, &m);
    }

    let serve = Inference::new(DType::BF16, DType::BF16);
    let per_token = serve.kv_cache_per_token(&LLAMA_405B).expect("a KV cache");
    let cache = serve.memory(&LLAMA_405B).kv_cache;
    println!(
        "Llama-3.1-405B KV cache in bf16: {per_token} bytes per token (126 layers × keys and values × 8 KV heads × 128 × 2 bytes), {cache} bytes ({}) at 131,072 tokens",
        gb(cache)
    );
}
