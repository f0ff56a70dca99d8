//! DenseNet-201 (`examples/densenet201.rs`) against mmengine's figures for torchvision's
//! `torchvision.models.densenet201()` at `[1, 3, 224, 224]`
//! (`tests/fixtures/densenet201.json`, copied unchanged from the team's
//! `shared/reference/models/densenet201.json`): totals in both modes, every module's params,
//! FLOPs (by op) and activations by name, and `out_table` and `out_arch` byte for byte.

#[allow(dead_code)]
#[path = "../examples/densenet201.rs"]
mod example;

use complexity_core::report::Report;
use complexity_core::{Mode, OpKind};
use complexity_workspace::{assert_constants_match, assert_matches_fixture};
use example::DenseNet201;

const NAME: &str = "densenet201";

fn report(mode: Mode) -> Report {
    Report::of::<DenseNet201>(DenseNet201::INPUT, mode).expect("densenet201 analyses")
}

/// The constants (and the run-time report's totals) are mmengine's: training-mode params,
/// FLOPs and activations, eval-mode FLOPs, the output shape.
#[test]
fn compile_time_totals_match_mmengine() {
    assert_constants_match::<DenseNet201>(
        NAME,
        (20_013_928, 4_414_987_008, 7_853_544),
        4_340_870_784,
        &[1, 1000],
    );
    // The inherent constants are the trait's.
    const FLOPS: u128 = DenseNet201::FLOPS;
    const FLOPS_EVAL: u128 = DenseNet201::FLOPS_EVAL;
    assert_eq!((FLOPS, FLOPS_EVAL), (4_414_987_008, 4_340_870_784));
}

/// Totals and their strings, every module (names, classes, params, FLOPs, activations,
/// flops_by_op), `out_table` and `out_arch`, in training and eval mode.
#[test]
fn densenet201_matches_mmengine() {
    assert_matches_fixture::<DenseNet201>(NAME, true);
}

#[test]
fn flops_by_op_of_the_model() {
    // The fixture's root module: conv, batch_norm, the functional adaptive_avg_pool2d of
    // the model's own forward (1920·7·7), linear.
    for (mode, bn) in [(Mode::Train, 123_527_040), (Mode::Eval, 49_410_816)] {
        let r = report(mode);
        let c = &r.totals().cost;
        assert_eq!(c.flops_of(OpKind::Conv), 4_289_445_888);
        assert_eq!(c.flops_of(OpKind::BatchNorm), bn);
        assert_eq!(c.flops_of(OpKind::AdaptiveAvgPool2d), 1920 * 7 * 7);
        assert_eq!(c.flops_of(OpKind::Linear), 1_920_000);
        // The pool is the model's own: `features` and `classifier` do not have it.
        let features = r.module("features").unwrap().cost();
        assert_eq!(features.flops_of(OpKind::AdaptiveAvgPool2d), 0);
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
    assert_eq!(
        shape("features.conv0"),
        (vec![1, 3, 224, 224], vec![1, 64, 112, 112])
    );
    assert_eq!(
        shape("features.pool0"),
        (vec![1, 64, 112, 112], vec![1, 64, 56, 56])
    );
    // A dense layer sees every previous feature map (64 + 2·32 channels for the third)
    // and returns 32 new ones; the block returns them all.
    assert_eq!(
        shape("features.denseblock1.denselayer3"),
        (vec![1, 128, 56, 56], vec![1, 32, 56, 56])
    );
    assert_eq!(
        shape("features.denseblock1.denselayer3.conv1"),
        (vec![1, 128, 56, 56], vec![1, 128, 56, 56])
    );
    assert_eq!(
        shape("features.denseblock1"),
        (vec![1, 64, 56, 56], vec![1, 256, 56, 56])
    );
    assert_eq!(
        shape("features.transition1"),
        (vec![1, 256, 56, 56], vec![1, 128, 28, 28])
    );
    assert_eq!(
        shape("features.denseblock3"),
        (vec![1, 256, 14, 14], vec![1, 1792, 14, 14])
    );
    assert_eq!(
        shape("features.denseblock4.denselayer32.norm1"),
        (vec![1, 1888, 7, 7], vec![1, 1888, 7, 7])
    );
    assert_eq!(
        shape("features"),
        (vec![1, 3, 224, 224], vec![1, 1920, 7, 7])
    );
    assert_eq!(shape("classifier"), (vec![1, 1920], vec![1, 1000]));
    for (path, class) in [
        ("features", "Sequential"),
        ("features.denseblock2", "_DenseBlock"),
        ("features.denseblock2.denselayer12", "_DenseLayer"),
        ("features.transition2", "_Transition"),
        ("features.transition2.pool", "AvgPool2d"),
    ] {
        assert_eq!(r.module(path).unwrap().class(), class, "{path}");
    }
    assert!(r.module("features.denseblock3.denselayer49").is_none());
}

#[test]
fn zero_cost_operations_are_listed() {
    // ReLU: `relu0`, two per dense layer (98 layers), one per transition and the model's
    // `F.relu` (1 + 196 + 3 + 1); the stem's max pool and the transitions' average pools
    // (mmengine's unsupported ops: `aten::max_pool2d` ×1, `aten::avg_pool2d` ×3); the
    // `cat`s, one per dense layer and one per block as in torchvision's trace (mmengine
    // ignores `aten::cat`); the flatten.
    let expected = [
        ("relu", 201),
        ("max_pool", 1),
        ("cat", 98 + 4),
        ("reshape", 1),
        ("avg_pool", 3),
    ];
    for mode in [Mode::Train, Mode::Eval] {
        assert_eq!(report(mode).zero_ops(), expected, "{mode:?}");
    }
}

#[test]
fn peak_activations_hold_the_dense_blocks_features() {
    // The most elements alive at once: at `denseblock1.denselayer6.norm1` (56×56), the
    // block's list `x, f1 … f5` (64 + 5·32 channels, kept for the later `cat`s), the `cat`
    // of it given to the layer and the batch norm's output, each 224·56·56.
    const PEAK: u128 = DenseNet201::PEAK_ACTIVATIONS;
    assert_eq!(PEAK, 3 * 224 * 56 * 56);
    assert_eq!(PEAK, 2_107_392);
}
