//! Inception v3 (`examples/inception_v3.rs`) against mmengine's figures for torchvision's
//! `torchvision.models.inception_v3(aux_logits=False, init_weights=False)` at
//! `[1, 3, 299, 299]` (`tests/fixtures/inception_v3.json`, copied unchanged from the team's
//! `shared/reference/models/inception_v3.json`): totals in both modes, every module's
//! params, FLOPs (by op) and activations by name, and `out_table` and `out_arch` byte for
//! byte.

#[allow(dead_code)]
#[path = "../examples/inception_v3.rs"]
mod example;

use complexity_core::report::Report;
use complexity_core::{Mode, OpKind};
use complexity_workspace::{assert_constants_match, assert_matches_fixture};
use example::InceptionV3;

const NAME: &str = "inception_v3";

fn report(mode: Mode) -> Report {
    Report::of::<InceptionV3>(InceptionV3::INPUT, mode).expect("inception_v3 analyses")
}

/// The constants (and the run-time report's totals) are mmengine's: training-mode params,
/// FLOPs and activations, eval-mode FLOPs, the output shape.
#[test]
fn compile_time_totals_match_mmengine() {
    assert_constants_match::<InceptionV3>(
        NAME,
        (23_834_568, 5_758_184_608, 8_968_488),
        5_731_282_144,
        &[1, 1000],
    );
    // The inherent constants are the trait's.
    const FLOPS: u128 = InceptionV3::FLOPS;
    const FLOPS_EVAL: u128 = InceptionV3::FLOPS_EVAL;
    assert_eq!((FLOPS, FLOPS_EVAL), (5_758_184_608, 5_731_282_144));
}

/// Totals and their strings, every module (names, classes, params, FLOPs, activations,
/// flops_by_op), `out_table` and `out_arch`, in training and eval mode.
#[test]
fn inception_v3_matches_mmengine() {
    assert_matches_fixture::<InceptionV3>(NAME, true);
}

#[test]
fn flops_by_op_of_the_model() {
    // The fixture's root module: conv, batch_norm, adaptive_avg_pool2d (the `avgpool`
    // module, 2048·8·8), linear.
    for (mode, bn) in [(Mode::Train, 44_837_440), (Mode::Eval, 17_934_976)] {
        let r = report(mode);
        let c = &r.totals().cost;
        assert_eq!(c.flops_of(OpKind::Conv), 5_711_168_096);
        assert_eq!(c.flops_of(OpKind::BatchNorm), bn);
        assert_eq!(c.flops_of(OpKind::AdaptiveAvgPool2d), 131_072);
        assert_eq!(c.flops_of(OpKind::Linear), 2_048_000);
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
    // The stem: 299 → 149 → 147 → 147 → 73 → 73 → 71 → 35.
    assert_eq!(
        shape("Conv2d_1a_3x3"),
        (vec![1, 3, 299, 299], vec![1, 32, 149, 149])
    );
    assert_eq!(
        shape("maxpool1"),
        (vec![1, 64, 147, 147], vec![1, 64, 73, 73])
    );
    assert_eq!(
        shape("maxpool2"),
        (vec![1, 192, 71, 71], vec![1, 192, 35, 35])
    );
    // InceptionA: 64 + 64 + 96 + pool_features channels.
    assert_eq!(
        shape("Mixed_5b"),
        (vec![1, 192, 35, 35], vec![1, 256, 35, 35])
    );
    assert_eq!(
        shape("Mixed_5d"),
        (vec![1, 288, 35, 35], vec![1, 288, 35, 35])
    );
    // The average-pool branch keeps the grid.
    assert_eq!(
        shape("Mixed_5b.branch_pool"),
        (vec![1, 192, 35, 35], vec![1, 32, 35, 35])
    );
    // InceptionB: 384 + 96 + 288 (the max-pool branch) channels on a 17×17 grid.
    assert_eq!(
        shape("Mixed_6a"),
        (vec![1, 288, 35, 35], vec![1, 768, 17, 17])
    );
    // Factorised 7×7: 1×7 then 7×1.
    assert_eq!(
        r.module("Mixed_6b.branch7x7_2.conv").unwrap().extra_repr(),
        "128, 128, kernel_size=(1, 7), stride=(1, 1), padding=(0, 3), bias=False"
    );
    assert_eq!(
        shape("Mixed_6e"),
        (vec![1, 768, 17, 17], vec![1, 768, 17, 17])
    );
    // InceptionD: 320 + 192 + 768 (the max-pool branch) channels on an 8×8 grid.
    assert_eq!(
        shape("Mixed_7a"),
        (vec![1, 768, 17, 17], vec![1, 1280, 8, 8])
    );
    // InceptionE: 320 + 2·384 + 2·384 + 192.
    assert_eq!(
        shape("Mixed_7b"),
        (vec![1, 1280, 8, 8], vec![1, 2048, 8, 8])
    );
    assert_eq!(
        shape("Mixed_7c"),
        (vec![1, 2048, 8, 8], vec![1, 2048, 8, 8])
    );
    assert_eq!(shape("avgpool"), (vec![1, 2048, 8, 8], vec![1, 2048, 1, 1]));
    assert_eq!(shape("dropout"), (vec![1, 2048, 1, 1], vec![1, 2048, 1, 1]));
    assert_eq!(shape("fc"), (vec![1, 2048], vec![1, 1000]));
    assert_eq!(r.module("Mixed_6a").unwrap().class(), "InceptionB");
    assert_eq!(
        r.module("Mixed_7c.branch3x3_2b").unwrap().class(),
        "BasicConv2d"
    );
    assert!(r.module("AuxLogits").is_none());
}

#[test]
fn zero_cost_operations_are_listed() {
    // mmengine's unsupported ops are `aten::max_pool2d` ×4 and `aten::avg_pool2d` ×9 (and,
    // in training mode, `aten::add_` ×94: the batch norms' `num_batches_tracked += 1`,
    // which no description has): the same pools here, the two `MaxPool2d` modules and
    // the functional pools of `Mixed_6a`/`Mixed_7a` (max) and the 9 A/C/E blocks (avg).
    // ReLU: one `F.relu` per `BasicConv2d` (94); `cat`: one per block, and two more in each
    // InceptionE (3·1 + 1 + 4·1 + 1 + 2·3 = 15); the flatten is the one `reshape`.
    let unsupported = |mode: &str| {
        let mut ops = fixture_unsupported(mode);
        ops.sort();
        ops
    };
    assert_eq!(
        unsupported("eval"),
        [
            ("aten::avg_pool2d".into(), 9),
            ("aten::max_pool2d".into(), 4)
        ]
    );
    assert_eq!(
        unsupported("train"),
        [
            ("aten::add_".into(), 94),
            ("aten::avg_pool2d".into(), 9),
            ("aten::max_pool2d".into(), 4)
        ]
    );
    let expected = [
        ("relu", 94),
        ("max_pool", 4),
        ("avg_pool", 9),
        ("dropout", 1),
        ("reshape", 1),
        ("cat", 15),
    ];
    for mode in [Mode::Train, Mode::Eval] {
        let mut ours = report(mode).zero_ops();
        let mut want = expected.to_vec();
        ours.sort();
        want.sort();
        assert_eq!(ours, want, "{mode:?}");
    }
}

/// `train.unsupported_ops` / `eval.unsupported_ops` of the fixture, as (op, count). The
/// support crate's `Fixture` gives strings, totals and modules, not this map.
fn fixture_unsupported(mode: &str) -> Vec<(String, u64)> {
    let path = format!("{}/tests/fixtures/{NAME}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("fixture");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    json[mode]["unsupported_ops"]
        .as_object()
        .expect("unsupported_ops")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().expect("count")))
        .collect()
}
