//! A run-time report of a million blocks: `[ConvBnRelu; 1_000_000]`, 4,000,002 modules
//! (the model, its array `layers`, a million blocks, three layers each). Measure it with `/usr/bin/time -v cargo run --release --example
//! big_report` (time and "Maximum resident set size").

use std::time::Instant;

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Shape};

/// A convolution, a batch norm and a ReLU.
#[derive(Complexity)]
pub struct ConvBnRelu {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1, bias = false))]
    conv: (),
    #[complexity(batch_norm2d)]
    bn: (),
    #[complexity(relu(inplace))]
    relu: (),
}

/// A million blocks.
#[derive(Complexity)]
pub struct Net {
    layers: [ConvBnRelu; 1_000_000],
}

fn main() {
    let start = Instant::now();
    let report = Report::of::<Net>(Shape::new(&[1, 16, 32, 32]), Mode::Eval).unwrap();
    let elapsed = start.elapsed();
    println!(
        "{} modules in {:.3} s: {}",
        report.modules().len(),
        elapsed.as_secs_f64(),
        report.headline()
    );
}
