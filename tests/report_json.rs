//! Reports as JSON (feature `serde`, schema in `complexity-core/src/report/json.rs`) and
//! diffs between two reports.

#[allow(dead_code)]
#[path = "../examples/bert_base.rs"]
mod bert_base;
#[allow(dead_code)]
#[path = "../examples/resnet18.rs"]
mod resnet18;
#[allow(dead_code)]
#[path = "../examples/resnext50.rs"]
mod resnext50;

use complexity_core::report::Report;
use complexity_core::{Mode, Shape};
use serde_json::Value;
use std::collections::BTreeSet;

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

/// Every documented field, with ResNet-18's values (mmengine's eval figures, and the
/// other conventions' as the tools printed them: `tests/conventions.rs`).
#[test]
fn resnet18_as_json() {
    let r = Report::of::<resnet18::ResNet18>(resnet18::ResNet18::INPUT, Mode::Eval).unwrap();
    let json: Value = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(
        keys(&json),
        BTreeSet::from([
            "schema",
            "model",
            "mode",
            "precision",
            "convention",
            "unit",
            "input",
            "output",
            "totals",
            "modules"
        ])
    );
    assert_eq!(json["schema"], "complexity-report/1");
    assert_eq!(json["model"], "ResNet");
    assert_eq!(json["mode"], "eval");
    assert_eq!(json["precision"], "uniform");
    assert_eq!(json["convention"], "mmengine");
    assert_eq!(json["unit"], "multiply-adds");
    assert_eq!(json["input"], serde_json::json!([1, 3, 224, 224]));
    let t = &json["totals"];
    assert_eq!(
        keys(t),
        BTreeSet::from([
            "params",
            "frozen_params",
            "flops",
            "activations",
            "peak_elements",
            "kv_cache_elements",
            "other_macs",
            "flops_by_op",
            "zero_ops",
            "saved",
            "saved_bytes",
            "conventions"
        ])
    );
    assert_eq!(t["params"], 11_689_512);
    assert_eq!(t["flops"], 1_819_065_856u64);
    assert_eq!(t["activations"], 2_484_712);
    assert_eq!(t["conventions"]["torch_flop_counter"], 3_628_146_688u64);
    assert_eq!(t["conventions"]["calflops_macs"], 1_814_073_344u64);
    // What ptflops and calflops printed for torchvision's resnet18 (`peers_eval`).
    assert_eq!(t["conventions"]["ptflops"], 1_825_313_768u64);
    assert_eq!(t["conventions"]["calflops_flops"], 3_636_250_112u64);
    assert_eq!(t["conventions"]["thop"], 1_824_033_792u64);
    assert_eq!(t["conventions"]["torchinfo"], 1_814_083_944u64);
    assert_eq!(t["conventions"]["fvcore"], 1_819_065_856u64);
    assert_eq!(t["flops_by_op"]["conv"], 1_813_561_344u64);
    assert_eq!(t["zero_ops"]["relu"], 17);
    assert_eq!(
        keys(&t["saved"]),
        BTreeSet::from(["activations", "stats", "indices", "masks", "bools", "wide"])
    );
    let modules = json["modules"].as_array().unwrap();
    assert_eq!(modules.len(), r.len());
    for m in modules {
        assert_eq!(
            keys(m),
            BTreeSet::from([
                "path",
                "class",
                "depth",
                "calls",
                "input",
                "output",
                "cost",
                "own_saved_bytes"
            ])
        );
    }
    assert_eq!(modules[0]["path"], "");
    let fc = modules.iter().find(|m| m["path"] == "fc").unwrap();
    assert_eq!(fc["cost"]["params"], 513_000);
    assert_eq!(fc["output"], serde_json::json!([1, 1000]));
}

/// BERT at 128 and 512 tokens: the same parameters, every module's FLOPs and outputs
/// changed. mmengine's totals at both lengths are `tests/models.rs`'s.
/// A report under CPU autocast prices its saved bytes so: ResNet-18's are PyTorch's
/// 35,327,360 (`tests/fixtures/autocast/cpu_bf16.json`): bf16 activations and weight
/// copies 33,644,928, float32 batch-norm statistics 76,800, int64 indices 1,605,632.
#[test]
fn autocast_report_as_json() {
    use complexity_core::memory::{Device, Precision};
    let amp = Precision::Autocast(Device::Cpu);
    let r =
        Report::of_in::<resnet18::ResNet18>(resnet18::ResNet18::INPUT, Mode::Train, amp).unwrap();
    let json: Value = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(json["precision"], "autocast_cpu");
    assert_eq!(json["totals"]["saved_bytes"], 35_327_360u64);
    assert_eq!(json["totals"]["saved"]["activations"], 33_644_928u64 / 2);
    assert_eq!(json["totals"]["saved"]["stats"], 76_800u64 / 4);
    let fc = json["modules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["path"] == "fc")
        .unwrap();
    // The pooled bf16 input (512) and the weight's bf16 copy (1000 · 512), 2 bytes each.
    assert_eq!(fc["own_saved_bytes"], 1_025_024u64);
}

#[test]
fn bert_diff_between_lengths() {
    let a = Report::of::<bert_base::BertBase>(Shape::new(&[1, 128]), Mode::Eval).unwrap();
    let b = Report::of::<bert_base::BertBase>(Shape::new(&[1, 512]), Mode::Eval).unwrap();
    let d = a.diff(&b);
    assert_eq!(d.totals.0.0, d.totals.1.0);
    assert_eq!(d.totals.0.1, a.totals().cost.flops);
    assert_eq!(d.totals.1.1, b.totals().cost.flops);
    let row = d
        .rows
        .iter()
        .find(|r| r.path == "encoder.layer.0.attention.self")
        .unwrap();
    assert_eq!(row.params.0, row.params.1);
    assert_eq!(
        (row.output.0.unwrap(), row.output.1.unwrap()),
        (Shape::new(&[1, 128, 768]), Shape::new(&[1, 512, 768]))
    );
    let text = d.to_string();
    assert!(text.contains("[1, 128, 768] → [1, 512, 768]"), "{text}");
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("total: params 109482240, FLOPs ")
    );
    // Nothing changes against itself; JSON too.
    assert!(a.diff(&a).rows.is_empty());
    let json: Value = serde_json::to_value(&d).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), d.rows.len());
}

/// A module only one model has is listed with `-` on the other side.
#[test]
fn diff_lists_modules_on_one_side() {
    let a = Report::of::<resnet18::ResNet18>(resnet18::ResNet18::INPUT, Mode::Eval).unwrap();
    let b = Report::of::<bert_base::BertBase>(bert_base::BertBase::INPUT, Mode::Eval).unwrap();
    let d = a.diff(&b);
    let conv1 = d.rows.iter().find(|r| r.path == "conv1").unwrap();
    assert_eq!(conv1.params, (Some(9_408), None));
    let pooler = d.rows.iter().find(|r| r.path == "pooler").unwrap();
    assert_eq!(pooler.class, (None, Some("BertPooler")));
    assert!(d.to_string().contains("9408 → -"));
}

/// ResNet-50 against ResNeXt-50 (32×4d): the example of a diff. ResNeXt-50's
/// figures are mmengine 0.10.7's for torchvision's `resnext50_32x4d()` in eval mode on
/// `[1, 3, 224, 224]` (measured for this test: `get_model_complexity_info` totals, and
/// `FlopAnalyzer`/`ActivationAnalyzer.by_module()` for the modules below); ResNet-50's are
/// the fixture's.
#[test]
fn resnet50_against_resnext50() {
    use resnext50::ResNeXt50;
    use resnext50::resnet50::ResNet50;
    let a = Report::of::<ResNet50>(ResNet50::INPUT, Mode::Eval).unwrap();
    let b = Report::of::<ResNeXt50>(ResNeXt50::INPUT, Mode::Eval).unwrap();
    let t = &b.totals().cost;
    assert_eq!(
        (t.params, t.flops, t.activations),
        (25_028_904, 4_259_381_248, 14_401_512)
    );
    let d = a.diff(&b);
    let row = |path: &str| d.rows.iter().find(|r| r.path == path).unwrap();
    // mmengine's by_module: (FLOPs, activations).
    for (path, flops, acts) in [
        ("layer1", 645_464_064, 5_619_712),
        ("layer1.0", 199_098_368, 2_408_448),
        ("layer1.0.conv2", 14_450_688, 401_408),
        ("layer4", 867_141_632, 852_992),
    ] {
        let r = row(path);
        assert_eq!(
            (r.flops.1, r.activations.1),
            (Some(flops), Some(acts)),
            "{path}"
        );
    }
    // The 3×3 convolution of `layer1.0` in 32 groups: 128 · (128 / 32) · 9 weights, where
    // ResNet-50's has 64 · 64 · 9.
    assert_eq!(row("layer1.0.conv2").params, (Some(36_864), Some(4_608)));
    // `fc` is the same on both sides, so it is not listed.
    assert!(d.rows.iter().all(|r| r.path != "fc"));
    assert!(d.to_string().contains("layer1.0.conv2  36864 → 4608"));
}
