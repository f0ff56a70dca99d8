//! The architectures of `examples/` against mmengine's figures for the same torchvision
//! and transformers models (`tests/fixtures/`): totals in both modes, every module's
//! params, FLOPs (by op) and activations by name, and `out_table` (and `out_arch`) byte
//! for byte.

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

use complexity_workspace::assert_matches_fixture;

#[test]
fn resnet50_matches_mmengine() {
    assert_matches_fixture::<resnet50::ResNet50>("resnet50", true);
}

#[test]
fn vgg16_matches_mmengine() {
    assert_matches_fixture::<vgg16::Vgg16>("vgg16", true);
}

#[test]
fn mobilenet_v2_matches_mmengine() {
    assert_matches_fixture::<mobilenet_v2::MobileNetV2>("mobilenet_v2", true);
}

#[test]
fn vit_b_16_matches_mmengine() {
    assert_matches_fixture::<vit_b_16::VitB16>("vit_b_16", true);
}

#[test]
fn bert_base_matches_mmengine() {
    assert_matches_fixture::<bert_base::BertBase>("bert_base", true);
}

#[test]
fn gpt2_small_matches_mmengine() {
    assert_matches_fixture::<gpt2_small::Gpt2Small>("gpt2_small", true);
}
