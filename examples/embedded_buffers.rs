//! Sizing an embedded model's buffers from its description: LeNet-5 on a 32×32 grey image.
//!
//! The weight buffer and the activation scratch arena below are `static` arrays whose
//! lengths are constants the compiler computed from the description; the budgets fail
//! `cargo check` if a change makes the model too large for the device.
//!
//! `cargo run --example embedded_buffers` prints the figures.

use complexity_core::report::Report;
use complexity_core::{Complexity, DType, Mode};

/// LeNet-5: two 5×5 convolutions with max pools, three fully-connected layers, in-place
/// ReLUs. The budgets are those of a small microcontroller: 64K parameters, 0.5M
/// multiply-adds and a 6K-element arena per inference.
#[derive(Complexity)]
#[complexity(
    class = "LeNet5",
    input = (1, 32, 32),
    max_params = 64_000,
    max_flops = 500_000,
    max_peak_elements = 6_000,
    budget_mode = "eval"
)]
pub struct LeNet5 {
    #[complexity(conv2d(in = 1, out = 6, kernel = 5))]
    conv1: (),
    #[complexity(relu(inplace))]
    relu1: (),
    #[complexity(max_pool2d(kernel = 2))]
    pool1: (),
    #[complexity(conv2d(out = 16, kernel = 5))]
    conv2: (),
    #[complexity(relu(inplace))]
    relu2: (),
    #[complexity(max_pool2d(kernel = 2))]
    pool2: (),
    #[complexity(flatten)]
    flatten: (),
    #[complexity(linear(in = 16 * 5 * 5, out = 120))]
    fc1: (),
    #[complexity(relu(inplace))]
    relu3: (),
    #[complexity(linear(out = 84))]
    fc2: (),
    #[complexity(relu(inplace))]
    relu4: (),
    #[complexity(linear(out = 10))]
    fc3: (),
}

/// Every parameter, as `f32`: the length is the model's parameter count.
pub static WEIGHTS: [f32; LeNet5::PARAMS as usize] = [0.0; LeNet5::PARAMS as usize];

/// The scratch arena for one inference: the most activation elements alive at once.
pub static ARENA: [f32; LeNet5::PEAK_ACTIVATIONS as usize] =
    [0.0; LeNet5::PEAK_ACTIVATIONS as usize];

/// The output buffer: `[1, 10]` logits.
pub static LOGITS: [f32; LeNet5::OUTPUT.numel() as usize] = [0.0; LeNet5::OUTPUT.numel() as usize];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("LeNet-5 at {}:", LeNet5::INPUT);
    println!(
        "  parameters:      {} ({} bytes as f32, {} as int8)",
        LeNet5::PARAMS,
        LeNet5::param_bytes(DType::F32),
        LeNet5::param_bytes(DType::I8)
    );
    println!(
        "  FLOPs:           {} multiply-adds per inference",
        LeNet5::FLOPS_EVAL
    );
    println!(
        "  activation peak: {} elements ({} bytes as f32)",
        LeNet5::PEAK_ACTIVATIONS,
        LeNet5::peak_activation_bytes(DType::F32)
    );
    println!("  output:          {}", LeNet5::OUTPUT);
    println!(
        "static WEIGHTS: [f32; {}] ({} bytes), static ARENA: [f32; {}] ({} bytes), static LOGITS: [f32; {}]",
        WEIGHTS.len(),
        size_of_val(&WEIGHTS),
        ARENA.len(),
        size_of_val(&ARENA),
        LOGITS.len()
    );
    // Where the peak is: the layer whose input and output are largest together.
    let report = Report::of::<LeNet5>(LeNet5::INPUT, Mode::Eval)?;
    let peak = report
        .modules()
        .skip(1)
        .max_by_key(|m| m.cost().peak_elements)
        .expect("layers");
    println!(
        "the peak is at `{}` ({} → {}): {} elements",
        peak.path(),
        peak.input().expect("called"),
        peak.output().expect("called"),
        peak.cost().peak_elements
    );
    Ok(())
}
