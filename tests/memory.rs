//! Training memory: the bytes autograd keeps for backward after one training-mode
//! forward in float32, against PyTorch's own count (`autograd_saved_train` in every
//! fixture: `saved_tensors_hooks`, each storage once, parameters excluded).

#[allow(dead_code)]
#[path = "../examples/resnet18.rs"]
mod resnet18;
#[allow(dead_code)]
#[path = "../examples/resnet50.rs"]
mod resnet50;
#[allow(dead_code)]
#[path = "../examples/vgg16.rs"]
mod vgg16;
#[allow(dead_code)]
#[path = "../examples/mobilenet_v2.rs"]
mod mobilenet_v2;
#[allow(dead_code)]
#[path = "../examples/vit_b_16.rs"]
mod vit_b_16;
#[allow(dead_code)]
#[path = "../examples/bert_base.rs"]
mod bert_base;
#[allow(dead_code)]
#[path = "../examples/gpt2_small.rs"]
mod gpt2_small;
#[allow(dead_code)]
#[path = "../examples/llama_tiny.rs"]
mod llama_tiny;
#[allow(dead_code)]
#[path = "../examples/densenet201.rs"]
mod densenet201;
#[allow(dead_code)]
#[path = "../examples/inception_v3.rs"]
mod inception_v3;
#[allow(dead_code)]
#[path = "../examples/r3d_18.rs"]
mod r3d_18;
#[allow(dead_code)]
#[path = "../examples/fcn_resnet50.rs"]
mod fcn_resnet50;
#[allow(dead_code)]
#[path = "../examples/t5_small_encoder.rs"]
mod t5_small_encoder;
#[allow(dead_code)]
#[path = "../examples/whisper_tiny_encoder.rs"]
mod whisper_tiny_encoder;
#[allow(dead_code)]
#[path = "../examples/bart_large.rs"]
mod bart_large;

use complexity_core::memory::Device;
use complexity_core::report::Report;
use complexity_core::{DType, Mode, Model};
use std::collections::BTreeMap;
use complexity_workspace::Fixture;

/// The description's saved bytes (total, by dtype, by module) against the fixture's.
fn check<M: Model>(name: &str) {
    let fixture = Fixture::load(name);
    let theirs = fixture.get("autograd_saved_train");
    let report = Report::of::<M>(M::INPUT, Mode::Train).unwrap();
    let saved = report.totals().cost.saved;
    let ours = saved.bytes(DType::F32, Device::Cpu);
    let mut by_module = BTreeMap::new();
    for m in report.modules() {
        let own = m.own_saved().bytes(DType::F32, Device::Cpu);
        if own > 0 {
            *by_module.entry(m.path()).or_insert(0u128) += own;
        }
    }
    let theirs_by_module: BTreeMap<String, u128> = theirs["by_module"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap() as u128))
        .collect();
    let mut diff = String::new();
    for k in by_module.keys().chain(theirs_by_module.keys()) {
        let (a, b) = (by_module.get(k), theirs_by_module.get(k));
        if a != b && !diff.contains(&format!("\n{k}:")) {
            diff += &format!("\n{k}: ours {a:?} theirs {b:?}");
        }
    }
    assert_eq!(
        ours,
        theirs["saved_bytes"].as_u64().unwrap() as u128,
        "{name}: saved bytes; by module:{diff}"
    );
    assert!(diff.is_empty(), "{name}: by module:{diff}");
    // By dtype: float activations, masks (float32 on the CPU) and statistics are
    // PyTorch's `float32`; indices its `int64`; conditions its `bool`.
    let [float, stats, int64, bools] = saved.bytes_by_class(DType::F32, Device::Cpu);
    let dtype = |k: &str| theirs["by_dtype"][k].as_u64().unwrap_or(0) as u128;
    assert_eq!(
        (float + stats, int64, bools),
        (dtype("float32"), dtype("int64"), dtype("bool")),
        "{name}: by dtype"
    );
}

#[test]
fn resnet18() {
    check::<resnet18::ResNet18>("resnet18");
}

#[test]
fn resnet50() {
    check::<resnet50::ResNet50>("resnet50");
}

#[test]
fn vgg16() {
    check::<vgg16::Vgg16>("vgg16");
}

#[test]
fn mobilenet_v2() {
    check::<mobilenet_v2::MobileNetV2>("mobilenet_v2");
}

#[test]
fn vit_b_16() {
    check::<vit_b_16::VitB16>("vit_b_16");
}

#[test]
fn bert_base() {
    check::<bert_base::BertBase>("bert_base");
}

#[test]
fn gpt2_small() {
    check::<gpt2_small::Gpt2Small>("gpt2_small");
}

#[test]
fn llama_tiny() {
    check::<llama_tiny::LlamaModel>("llama_tiny");
}

#[test]
fn densenet201() {
    check::<densenet201::DenseNet201>("densenet201");
}

#[test]
fn inception_v3() {
    check::<inception_v3::InceptionV3>("inception_v3");
}

#[test]
fn r3d_18() {
    check::<r3d_18::R3D18>("r3d_18");
}

#[test]
fn fcn_resnet50() {
    check::<fcn_resnet50::FcnResNet50>("fcn_resnet50");
}

#[test]
fn t5_small_encoder() {
    check::<t5_small_encoder::T5SmallEncoder>("t5_small_encoder");
}

#[test]
fn whisper_tiny_encoder() {
    check::<whisper_tiny_encoder::WhisperEncoder>("whisper_tiny_encoder");
}

#[test]
fn bart_large() {
    check::<bart_large::BartModel>("bart_large");
}

/// The KV cache after one forward with `use_cache=True` (float32), against the bytes of
/// transformers' `past_key_values` (`kv_cache_eval`): 12 layers × (k, v) × 128 × 768
/// for GPT-2; 4 layers × (k, v) × 128 × (4 KV heads × 64) for llama_tiny; 12 decoder
/// layers × (self + cross) × (k, v) × 128 × 1024 for BART.
#[test]
fn kv_caches() {
    fn cache<M: Model>(name: &str) {
        let fixture = Fixture::load(name);
        let theirs = fixture.get("kv_cache_eval")["bytes"].as_u64().unwrap() as u128;
        let report = Report::of::<M>(M::INPUT, Mode::Eval).unwrap();
        assert_eq!(report.totals().cost.cached * 4, theirs, "{name}");
    }
    cache::<gpt2_small::Gpt2Small>("gpt2_small");
    cache::<llama_tiny::LlamaModel>("llama_tiny");
    cache::<bart_large::BartModel>("bart_large");
}
