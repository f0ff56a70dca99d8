//! BART-large (`examples/bart_large.rs`) against mmengine's figures for transformers'
//! `BartModel` at token ids `[1, 128]` (`tests/fixtures/bart_large.json`, copied unchanged
//! from the team's `shared/reference/models/bart_large.json`): totals in both modes, every
//! module's params, FLOPs (by op) and activations by name, `out_table` and `out_arch` byte
//! for byte.

#[allow(dead_code)]
#[path = "../examples/bart_large.rs"]
mod example;

use complexity_core::Mode;
use complexity_core::report::Report;
use complexity_workspace::{assert_constants_match, assert_matches_fixture};
use example::BartModel;

const NAME: &str = "bart_large";

/// The constants (and the run-time report's totals) are mmengine's.
#[test]
fn compile_time_totals_match_mmengine() {
    assert_constants_match::<BartModel>(
        NAME,
        (406_291_456, 46_345_748_480, 48_758_784),
        46_345_748_480,
        &[1, 128, 1024],
    );
}

/// Totals and their strings, every module (names, classes, params, FLOPs, activations,
/// flops_by_op), `out_table` and `out_arch`, in training and eval mode.
#[test]
fn bart_large_matches_mmengine() {
    assert_matches_fixture::<BartModel>(NAME, true);
}

/// One embedding tied three ways (`shared.weight`, `encoder.embed_tokens.weight`,
/// `decoder.embed_tokens.weight`: the fixture's `tied_parameters`): counted once, under
/// `shared`, which is never called; both `embed_tokens` run with none of their own.
#[test]
fn the_three_way_tie_counts_once() {
    let r = Report::of::<BartModel>(BartModel::INPUT, Mode::Eval).unwrap();
    let shared = r.module("shared").unwrap();
    assert_eq!((shared.cost().params, shared.calls()), (50_265 * 1_024, 0));
    for path in ["encoder.embed_tokens", "decoder.embed_tokens"] {
        let tied = r.module(path).unwrap();
        assert_eq!(
            (tied.cost().params, tied.calls(), tied.tied()),
            (0, 1, Some("shared"))
        );
    }
}

/// The zero ops mmengine lists for `shift_tokens_right` and the mask, as counted here:
/// `clone` 1 and `masked_fill` 1 as mmengine's `aten::clone` and `aten::masked_fill_`;
/// `softmax` 36 and `gelu` 24 likewise.
#[test]
fn zero_ops_as_mmengine_lists_them() {
    use complexity_core::ZeroOp;
    let fixture = complexity_workspace::Fixture::load(NAME);
    let r = Report::of::<BartModel>(BartModel::INPUT, Mode::Eval).unwrap();
    let cost = r.model().cost();
    for (op, aten) in [
        (ZeroOp::Clone, "aten::clone"),
        (ZeroOp::MaskedFill, "aten::masked_fill_"),
        (ZeroOp::Softmax, "aten::softmax"),
        (ZeroOp::Gelu, "aten::gelu"),
        (ZeroOp::Embedding, "aten::embedding"),
    ] {
        assert_eq!(
            u64::from(cost.zero_count(op)),
            fixture.unsupported("eval", aten),
            "{aten}"
        );
    }
}
