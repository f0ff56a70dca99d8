//! r3d_18 (`examples/r3d_18.rs`) against mmengine's figures for torchvision's
//! `torchvision.models.video.r3d_18()` at `[1, 3, 16, 112, 112]`
//! (`tests/fixtures/r3d_18.json`, copied unchanged from the team's
//! `shared/reference/models/r3d_18.json`): totals in both modes, every module's params,
//! FLOPs (by op) and activations by name, and `out_table` and `out_arch` byte for byte.

#[allow(dead_code)]
#[path = "../examples/r3d_18.rs"]
mod example;

use complexity_core::report::Report;
use complexity_core::{Mode, OpKind};
use complexity_workspace::{assert_constants_match, assert_matches_fixture};
use example::R3D18;

const NAME: &str = "r3d_18";

fn report(mode: Mode) -> Report {
    Report::of::<R3D18>(R3D18::INPUT, mode).expect("r3d_18 analyses")
}

/// The constants (and the run-time report's totals) are mmengine's: training-mode params,
/// FLOPs and activations, eval-mode FLOPs, the output shape.
#[test]
fn compile_time_totals_match_mmengine() {
    assert_constants_match::<R3D18>(
        NAME,
        (33_371_472, 40_803_177_472, 21_325_200),
        40_739_203_072,
        &[1, 400],
    );
    // The inherent constants are the trait's.
    const FLOPS: u128 = R3D18::FLOPS;
    const FLOPS_EVAL: u128 = R3D18::FLOPS_EVAL;
    assert_eq!((FLOPS, FLOPS_EVAL), (40_803_177_472, 40_739_203_072));
}

/// Totals and their strings, every module (names, classes, params, FLOPs, activations,
/// flops_by_op), `out_table` and `out_arch`, in training and eval mode.
#[test]
fn r3d_18_matches_mmengine() {
    assert_matches_fixture::<R3D18>(NAME, true);
}

#[test]
fn flops_by_op_of_the_model() {
    // The fixture's root module: conv, batch_norm, linear (adaptive_avg_pool3d has no
    // mmengine rule, unlike the 2-d pool).
    for (mode, bn) in [(Mode::Train, 106_624_000), (Mode::Eval, 42_649_600)] {
        let r = report(mode);
        let c = &r.totals().cost;
        assert_eq!(c.flops_of(OpKind::Conv), 40_696_348_672);
        assert_eq!(c.flops_of(OpKind::BatchNorm), bn);
        assert_eq!(c.flops_of(OpKind::Linear), 204_800);
        assert_eq!(c.flops_of(OpKind::AdaptiveAvgPool2d), 0);
    }
}

#[test]
fn shapes_flow_through_the_model() {
    let r = report(Mode::Train);
    let shape = |path: &str| {
        let m = r.module(path).unwrap();
        (
            m.input().unwrap().dims().to_vec(),
            m.output().unwrap().dims().to_vec(),
        )
    };
    // The stem keeps the 16 frames and halves height and width.
    assert_eq!(
        shape("stem.0"),
        (vec![1, 3, 16, 112, 112], vec![1, 64, 16, 56, 56])
    );
    // Stride (2, 2, 2) from layer2 on: time is halved too.
    assert_eq!(
        shape("layer2.0.downsample.0"),
        (vec![1, 64, 16, 56, 56], vec![1, 128, 8, 28, 28])
    );
    assert_eq!(
        shape("layer4.1.conv2.0"),
        (vec![1, 512, 2, 7, 7], vec![1, 512, 2, 7, 7])
    );
    assert_eq!(
        shape("avgpool"),
        (vec![1, 512, 2, 7, 7], vec![1, 512, 1, 1, 1])
    );
    assert_eq!(shape("fc"), (vec![1, 512], vec![1, 400]));
    assert_eq!(
        r.module("layer1.0.conv1.0").unwrap().class(),
        "Conv3DSimple"
    );
    assert_eq!(r.module("stem").unwrap().class(), "BasicStem");
    // The block's relu runs once (after the residual add); conv1's own relu once.
    assert_eq!(r.module("layer1.0.relu").unwrap().calls(), 1);
    assert!(r.module("layer1.0.downsample").is_none());
    assert!(r.module("layer2.1.downsample").is_none());
}

#[test]
fn zero_cost_operations_are_listed() {
    // ReLU: the stem's, each `conv1`'s and each block's after the residual add (1 + 8 + 8
    // calls); the 8 residual adds (mmengine: `aten::add_` ×8 in eval mode); the flatten;
    // the 3-d adaptive pool (mmengine: `aten::adaptive_avg_pool3d`, no rule).
    let expected = [
        ("relu", 17),
        ("add", 8),
        ("reshape", 1),
        ("adaptive_avg_pool", 1),
    ];
    for mode in [Mode::Train, Mode::Eval] {
        assert_eq!(report(mode).zero_ops(), expected, "{mode:?}");
    }
}
