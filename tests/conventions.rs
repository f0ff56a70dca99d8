//! Other tools' conventions from the same analysis: each model's eval-mode totals in
//! fvcore's, torch `FlopCounterMode`'s and calflops' (MACs) conventions, torchinfo's
//! total mult-adds and thop's MACs and parameters, against the figures those tools printed (`peers_eval` in every
//! fixture).

#[allow(dead_code)]
#[path = "../examples/bart_large.rs"]
mod bart_large;
#[allow(dead_code)]
#[path = "../examples/bert_base.rs"]
mod bert_base;
#[allow(dead_code)]
#[path = "../examples/densenet201.rs"]
mod densenet201;
#[allow(dead_code)]
#[path = "../examples/fcn_resnet50.rs"]
mod fcn_resnet50;
#[allow(dead_code)]
#[path = "../examples/gpt2_small.rs"]
mod gpt2_small;
#[allow(dead_code)]
#[path = "../examples/inception_v3.rs"]
mod inception_v3;
#[allow(dead_code)]
#[path = "../examples/llama_tiny.rs"]
mod llama_tiny;
#[allow(dead_code)]
#[path = "../examples/mobilenet_v2.rs"]
mod mobilenet_v2;
#[allow(dead_code)]
#[path = "../examples/r3d_18.rs"]
mod r3d_18;
#[allow(dead_code)]
#[path = "../examples/resnet18.rs"]
mod resnet18;
#[allow(dead_code)]
#[path = "../examples/resnet50.rs"]
mod resnet50;
#[allow(dead_code)]
#[path = "../examples/t5_small_encoder.rs"]
mod t5_small_encoder;
#[allow(dead_code)]
#[path = "../examples/vgg16.rs"]
mod vgg16;
#[allow(dead_code)]
#[path = "../examples/vit_b_16.rs"]
mod vit_b_16;
#[allow(dead_code)]
#[path = "../examples/whisper_tiny_encoder.rs"]
mod whisper_tiny_encoder;

use complexity_core::report::Report;
use complexity_core::{Convention, Mode, Model, Unit};
use complexity_workspace::Fixture;

fn check<M: Model>(name: &str) {
    let fixture = Fixture::load(name);
    let peers = fixture.get("peers_eval");
    let report = Report::of::<M>(M::INPUT, Mode::Eval).unwrap();
    let cost = &report.totals().cost;
    let theirs = |tool: &str, key: &str| peers[tool][key].as_u64().unwrap() as u128;
    assert_eq!(
        Convention::Fvcore.flops(cost),
        theirs("fvcore", "flops"),
        "{name}: fvcore"
    );
    assert_eq!(
        cost.activations as u128,
        theirs("fvcore", "activations"),
        "{name}: fvcore activations"
    );
    assert_eq!(
        Convention::TorchFlopCounter.flops(cost),
        theirs("torch_flop_counter", "flops"),
        "{name}: FlopCounterMode"
    );
    assert_eq!(
        Convention::CalflopsMacs.flops(cost),
        theirs("calflops", "macs"),
        "{name}: calflops MACs"
    );
    assert_eq!(
        report.torchinfo_mult_adds(),
        peers["torchinfo"]["total_mult_adds"].as_u64().unwrap() as u128,
        "{name}: torchinfo's total mult-adds"
    );
    let (macs, params) = report.thop();
    assert_eq!(
        (macs as f64, params as f64),
        (
            peers["thop"]["macs"].as_f64().unwrap(),
            peers["thop"]["params"].as_f64().unwrap()
        ),
        "{name}: thop"
    );
    // calflops counts trainable parameters: all but a frozen module's (Whisper's
    // `embed_positions`, 1500 × 384).
    assert_eq!(
        (cost.params - cost.frozen) as u128,
        theirs("calflops", "params"),
        "{name}: calflops params"
    );
}

#[test]
fn units() {
    assert_eq!(Convention::TorchFlopCounter.unit(), Unit::Flops);
    assert_eq!(Convention::Mmengine.unit(), Unit::MultiplyAdds);
    assert_eq!(Convention::CalflopsMacs.unit().name(), "multiply-adds");
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
