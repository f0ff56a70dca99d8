//! FCN-ResNet50 (`examples/fcn_resnet50.rs`) against mmengine's figures for torchvision's
//! `fcn_resnet50(weights=None, weights_backbone=None, aux_loss=False)` at
//! `[1, 3, 224, 224]` (`tests/fixtures/fcn_resnet50.json`, copied unchanged from the
//! team's `shared/reference/models/fcn_resnet50.json`): totals in both modes, every
//! module's params, FLOPs (by op) and activations by name, and `out_table` and `out_arch`
//! byte for byte.

#[allow(dead_code)]
#[path = "../examples/fcn_resnet50.rs"]
mod example;

use complexity_core::report::Report;
use complexity_core::{Mode, OpKind, Shape};
use complexity_workspace::{assert_constants_match, assert_matches_fixture};
use example::FcnResNet50;

const NAME: &str = "fcn_resnet50";

/// The constants (and the run-time report's totals) are mmengine's: training-mode params,
/// FLOPs and activations, eval-mode FLOPs, the output shape.
#[test]
fn compile_time_totals_match_mmengine() {
    assert_constants_match::<FcnResNet50>(
        NAME,
        (32_957_013, 26_616_662_016, 25_606_224),
        26_539_892_736,
        &[1, 21, 224, 224],
    );
    // The inherent constants are the trait's.
    const FLOPS: u128 = FcnResNet50::FLOPS;
    const FLOPS_EVAL: u128 = FcnResNet50::FLOPS_EVAL;
    assert_eq!((FLOPS, FLOPS_EVAL), (26_616_662_016, 26_539_892_736));
}

/// Totals and their strings, every module (names, classes, params, FLOPs, activations,
/// flops_by_op), `out_table` and `out_arch`, in training and eval mode.
#[test]
fn fcn_resnet50_matches_mmengine() {
    assert_matches_fixture::<FcnResNet50>(NAME, true);
}

/// The dilated backbone keeps stride 8: layer4 runs at 28×28, and the bilinear upsample
/// to the input's size costs 4 FLOPs per output element: 4 · 21·224·224 = 4,214,784
/// (mmengine's `upsample_bilinear2d`). At another input the output follows it.
#[test]
fn dilation_and_the_upsample_to_the_input() {
    let r = Report::of::<FcnResNet50>(FcnResNet50::INPUT, Mode::Eval).unwrap();
    assert_eq!(
        r.module("backbone.layer4.2.conv3")
            .unwrap()
            .output()
            .unwrap()
            .dims(),
        &[1, 2048, 28, 28]
    );
    assert_eq!(
        r.totals().cost.flops_of(OpKind::UpsampleBilinear2d),
        4_214_784
    );
    let r = Report::of::<FcnResNet50>(Shape::new(&[1, 3, 225, 301]), Mode::Eval).unwrap();
    assert_eq!(r.model().output().unwrap().dims(), &[1, 21, 225, 301]);
}
