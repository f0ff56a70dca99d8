//! ResNet-18 (`examples/resnet18.rs`) against mmengine's figures for torchvision's
//! `resnet18()` at `[1, 3, 224, 224]` (`tests/fixtures/resnet18.json`).

#[allow(dead_code)]
#[path = "../examples/resnet18.rs"]
mod example;

use complexity_core::report::Report;
use complexity_core::{Mode, Model, OpKind, Shape};
use complexity_workspace::{Fixture, assert_modules_match, assert_same_text};
use example::ResNet18;

fn report(mode: Mode) -> Report {
    Report::of::<ResNet18>(ResNet18::INPUT, mode).expect("ResNet-18 analyses")
}

#[test]
fn input_is_mmengines() {
    let fixture = Fixture::load("resnet18");
    assert_eq!(ResNet18::INPUT.dims(), fixture.input_shape().as_slice());
}

#[test]
fn compile_time_totals_match_mmengine() {
    let fixture = Fixture::load("resnet18");
    let ((params, flops, acts), _) = fixture.totals("train");
    // The figures, also the fixture's.
    assert_eq!(
        (params, flops, acts),
        (11_689_512, 1_826_516_992, 2_484_712)
    );
    const PARAMS: u64 = ResNet18::PARAMS;
    const FLOPS: u128 = ResNet18::FLOPS;
    const ACTIVATIONS: u64 = ResNet18::ACTIVATIONS;
    assert_eq!((PARAMS, FLOPS, ACTIVATIONS), (params, flops, acts));
    let ((_, eval_flops, eval_acts), _) = fixture.totals("eval");
    assert_eq!(ResNet18::FLOPS_EVAL, eval_flops);
    assert_eq!(eval_flops, 1_819_065_856);
    assert_eq!(<ResNet18 as Model>::EVAL.cost.activations, eval_acts);
    assert_eq!(ResNet18::OUTPUT, Shape::new(&[1, 1000]));
    // Usable as array lengths.
    let logits = [0f32; ResNet18::OUTPUT.dim(1) as usize];
    assert_eq!(logits.len(), 1000);
}

#[test]
fn runtime_totals_equal_compile_time_totals() {
    for (mode, totals) in [
        (Mode::Train, <ResNet18 as Model>::TRAIN),
        (Mode::Eval, <ResNet18 as Model>::EVAL),
    ] {
        assert_eq!(*report(mode).totals(), totals);
    }
}

#[test]
fn totals_strings_match_mmengine() {
    let fixture = Fixture::load("resnet18");
    for (mode, key) in [(Mode::Train, "train"), (Mode::Eval, "eval")] {
        let r = report(mode);
        let (_, strings) = fixture.totals(key);
        assert_eq!(
            [r.params_str(), r.flops_str(), r.activations_str()],
            strings.map(String::from)
        );
    }
}

#[test]
fn every_module_matches_mmengine_in_training_mode() {
    assert_modules_match(&report(Mode::Train), &Fixture::load("resnet18"), "train");
}

#[test]
fn every_module_matches_mmengine_in_eval_mode() {
    assert_modules_match(&report(Mode::Eval), &Fixture::load("resnet18"), "eval");
}

#[test]
fn flops_by_op_of_the_model() {
    // From the fixture's root module: conv, batch_norm, adaptive_avg_pool2d, linear.
    let r = report(Mode::Train);
    let c = &r.totals().cost;
    assert_eq!(c.flops_of(OpKind::Conv), 1_813_561_344);
    assert_eq!(c.flops_of(OpKind::BatchNorm), 12_418_560);
    assert_eq!(c.flops_of(OpKind::AdaptiveAvgPool2d), 25_088);
    assert_eq!(c.flops_of(OpKind::Linear), 512_000);
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
        shape("maxpool"),
        (vec![1, 64, 112, 112], vec![1, 64, 56, 56])
    );
    assert_eq!(
        shape("layer2.0.downsample.0"),
        (vec![1, 64, 56, 56], vec![1, 128, 28, 28])
    );
    assert_eq!(shape("avgpool"), (vec![1, 512, 7, 7], vec![1, 512, 1, 1]));
    assert_eq!(shape("fc"), (vec![1, 512], vec![1, 1000]));
    // The block's relu runs twice: both calls are counted, like mmengine.
    assert_eq!(r.module("layer1.0.relu").unwrap().calls(), 2);
    // Blocks that keep the shape have no downsample, as in torchvision.
    assert!(r.module("layer1.0.downsample").is_none());
    assert!(r.module("layer2.1.downsample").is_none());
}

#[test]
fn out_table_train_is_mmengines() {
    let fixture = Fixture::load("resnet18");
    assert_same_text(
        &report(Mode::Train).table(),
        fixture.string("mmengine_out_table_train"),
        "out_table (train)",
    );
}

#[test]
fn out_table_eval_is_mmengines() {
    let fixture = Fixture::load("resnet18");
    assert_same_text(
        &report(Mode::Eval).table(),
        fixture.string("mmengine_out_table_eval"),
        "out_table (eval)",
    );
}

#[test]
fn out_arch_train_is_mmengines() {
    let fixture = Fixture::load("resnet18");
    assert_same_text(
        &report(Mode::Train).arch(),
        fixture.string("mmengine_out_arch_train"),
        "out_arch (train)",
    );
}

#[test]
fn out_arch_eval_is_mmengines() {
    let fixture = Fixture::load("resnet18");
    assert_same_text(
        &report(Mode::Eval).arch(),
        fixture.string("mmengine_out_arch_eval"),
        "out_arch (eval)",
    );
}

/// The description's `state_dict` is torchvision's: 62 parameters and each batch norm's
/// `running_mean`, `running_var` and `num_batches_tracked` (`int64`), 122 tensors.
#[test]
fn state_dict_is_torchvisions() {
    let fixture = Fixture::load("resnet18");
    complexity_workspace::assert_state_dict_matches(&report(Mode::Eval), &fixture, "resnet18");
    assert_eq!(report(Mode::Eval).state_dict().len(), 122);
}
