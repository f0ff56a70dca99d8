//! T5-small's encoder (`examples/t5_small_encoder.rs`) against mmengine's figures for
//! transformers' `T5EncoderModel` at token ids `[1, 128]`
//! (`tests/fixtures/t5_small_encoder.json`, copied unchanged from the team's
//! `shared/reference/models/t5_small_encoder.json`): totals in both modes, every module's
//! params, FLOPs (by op) and activations by name, `out_table` and `out_arch` byte for byte.

#[allow(dead_code)]
#[path = "../examples/t5_small_encoder.rs"]
mod example;

use complexity_core::Mode;
use complexity_core::report::Report;
use complexity_workspace::{assert_constants_match, assert_matches_fixture};
use example::T5SmallEncoder;

const NAME: &str = "t5_small_encoder";

/// The constants (and the run-time report's totals) are mmengine's.
#[test]
fn compile_time_totals_match_mmengine() {
    assert_constants_match::<T5SmallEncoder>(
        NAME,
        (35_330_816, 2_516_582_400, 4_718_592),
        2_516_582_400,
        &[1, 128, 512],
    );
}

/// Totals and their strings, every module (names, classes, params, FLOPs, activations,
/// flops_by_op), `out_table` and `out_arch`, in training and eval mode.
#[test]
fn t5_small_encoder_matches_mmengine() {
    assert_matches_fixture::<T5SmallEncoder>(NAME, true);
}

/// The tied embedding: its parameters count once, under `shared` (never called: `N/A`),
/// and `encoder.embed_tokens`, which runs, has none of its own.
#[test]
fn the_tied_embedding_counts_once() {
    let r = Report::of::<T5SmallEncoder>(T5SmallEncoder::INPUT, Mode::Eval).unwrap();
    assert_eq!(r.module("shared").unwrap().cost().params, 32_128 * 512);
    assert_eq!(r.module("shared").unwrap().calls(), 0);
    let tied = r.module("encoder.embed_tokens").unwrap();
    assert_eq!((tied.cost().params, tied.calls()), (0, 1));
}

/// The position bias is cut to the last `seq_length` rows (`[:, :, -seq_length:, :]`,
/// written `slice(2, -x.size(1))`), so the description follows the input's length.
#[test]
fn any_sequence_length() {
    for len in [1, 64, 512] {
        let r = Report::of::<T5SmallEncoder>(complexity_core::Shape::new(&[1, len]), Mode::Eval)
            .unwrap();
        assert_eq!(r.model().output().unwrap().dims(), &[1, len, 512]);
    }
}
