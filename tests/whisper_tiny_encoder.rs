//! Whisper-tiny's encoder (`examples/whisper_tiny_encoder.rs`) against mmengine's figures
//! for transformers' `WhisperEncoder` at `[1, 80, 3000]`
//! (`tests/fixtures/whisper_tiny_encoder.json`, copied unchanged from the team's
//! `shared/reference/models/whisper_tiny_encoder.json`): totals in both modes, every
//! module's params, FLOPs (by op) and activations by name, and `out_table` and `out_arch`
//! byte for byte.

#[allow(dead_code)]
#[path = "../examples/whisper_tiny_encoder.rs"]
mod example;

use complexity_core::report::Report;
use complexity_core::{Mode, OpKind};
use complexity_workspace::{assert_constants_match, assert_matches_fixture};
use example::WhisperEncoder;

const NAME: &str = "whisper_tiny_encoder";

fn report(mode: Mode) -> Report {
    Report::of::<WhisperEncoder>(WhisperEncoder::INPUT, mode).expect("whisper analyses")
}

/// The constants (and the run-time report's totals) are mmengine's: training-mode params,
/// FLOPs and activations, eval-mode FLOPs, the output shape.
#[test]
fn compile_time_totals_match_mmengine() {
    assert_constants_match::<WhisperEncoder>(
        NAME,
        (8_208_384, 18_494_784_000, 78_768_000),
        18_494_784_000,
        &[1, 1500, 384],
    );
    // The inherent constants are the trait's.
    const FLOPS: u128 = WhisperEncoder::FLOPS;
    const FLOPS_EVAL: u128 = WhisperEncoder::FLOPS_EVAL;
    assert_eq!((FLOPS, FLOPS_EVAL), (18_494_784_000, 18_494_784_000));
}

/// Totals and their strings, every module (names, classes, params, FLOPs, activations,
/// flops_by_op), `out_table` and `out_arch`, in training and eval mode.
#[test]
fn whisper_tiny_encoder_matches_mmengine() {
    assert_matches_fixture::<WhisperEncoder>(NAME, true);
}

#[test]
fn flops_by_op_and_zero_ops() {
    let r = report(Mode::Train);
    let c = &r.totals().cost;
    // conv1: 384·80·3·3000; conv2: 384·384·3·1500.
    assert_eq!(c.flops_of(OpKind::Conv), 276_480_000 + 663_552_000);
    // Two matmuls per layer, each 6 heads · 1500 · 1500 · 64: 4 · 2 · 864,000,000.
    assert_eq!(c.flops_of(OpKind::Matmul), 6_912_000_000);
    // mmengine's unsupported ops: gelu 6, embedding 1, add 9, mul 8, softmax 4; what it
    // ignores without a word: the dropouts, views and the `arange`.
    let zero: Vec<_> = r.zero_ops();
    for (op, n) in [
        ("gelu", 6),
        ("embedding", 1),
        ("add", 9),
        ("mul", 8),
        ("softmax", 4),
    ] {
        assert!(zero.contains(&(op, n)), "{op} ×{n} in {zero:?}");
    }
}
