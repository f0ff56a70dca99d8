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

/// BERT-base's FLOPs at sequence length `s` (batch 1), in closed form: per layer the
/// q, k, v and output projections `4·s·E²`, the MLP `2·s·E·MLP`, the two attention matmuls
/// `2·s²·E`, two layer norms `2·5·s·E`; then the embeddings' layer norm `5·s·E` and the
/// pooler `E²` (it sees one token).
fn bert_flops(s: u128) -> u128 {
    let (e, mlp, layers) = (768, 3072, 12);
    layers * (4 * s * e * e + 2 * s * e * mlp + 2 * s * s * e + 10 * s * e) + 5 * s * e + e * e
}

/// Activations: per layer q, k, v and the two output projections `5·s·E`, the MLP's
/// expansion `s·MLP`, the scores `H·s²` and the weighted sum `s·E`; the pooler `E`.
fn bert_activations(s: u64) -> u64 {
    let (e, mlp, h, layers) = (768, 3072, 12, 12);
    layers * (6 * s * e + s * mlp + h * s * s) + e
}

#[test]
fn bert_sequence_length_is_a_parameter_of_the_analysis() {
    use complexity_core::report::Report;
    use complexity_core::{Mode, Shape};
    use complexity_workspace::Fixture;
    // The closed form agrees with mmengine at 128 …
    let ((params, flops, acts), _) = Fixture::load("bert_base").totals("eval");
    assert_eq!((bert_flops(128), bert_activations(128)), (flops, acts));
    // … and the same description gives it at 512: linear MACs ×4, attention matmuls ×16.
    let r = Report::of::<bert_base::BertBase>(Shape::new(&[1, 512]), Mode::Eval).unwrap();
    let t = r.totals();
    assert_eq!(
        (t.cost.params, t.cost.flops, t.cost.activations),
        (params, bert_flops(512), bert_activations(512))
    );
    assert_eq!(
        t.cost.flops_of(complexity_core::OpKind::Matmul),
        12 * 2 * 512 * 512 * 768
    );
    assert_eq!(
        r.module("encoder.layer.0.attention.self").unwrap().output(),
        Some(Shape::new(&[1, 512, 768]))
    );
}

#[test]
fn zero_cost_operations_are_listed() {
    use complexity_core::report::Report;
    use complexity_core::{Mode, Model};
    // ResNet-50: 17 ReLU modules, called 1 + 16·3 = 49 times; one max pool; 16 residual adds.
    let r = Report::of::<resnet50::ResNet50>(<resnet50::ResNet50 as Model>::INPUT, Mode::Train)
        .unwrap();
    assert_eq!(
        r.zero_ops(),
        [("relu", 49), ("max_pool", 1), ("add", 16), ("reshape", 1)]
    );
    let text = r.to_string();
    assert!(text.ends_with("counted as 0 FLOPs (mmengine has no rule for them): relu ×49, max_pool ×1, add ×16, reshape ×1"), "{text}");
}

/// The compile-time constants of every model are mmengine's totals.
#[test]
fn compile_time_constants_match_mmengine() {
    use complexity_workspace::Fixture;
    let consts: [(&str, u64, u128, u128, u64); 6] = [
        (
            "resnet50",
            resnet50::ResNet50::PARAMS,
            resnet50::ResNet50::FLOPS,
            resnet50::ResNet50::FLOPS_EVAL,
            resnet50::ResNet50::ACTIVATIONS,
        ),
        (
            "vgg16",
            vgg16::Vgg16::PARAMS,
            vgg16::Vgg16::FLOPS,
            vgg16::Vgg16::FLOPS_EVAL,
            vgg16::Vgg16::ACTIVATIONS,
        ),
        (
            "mobilenet_v2",
            mobilenet_v2::MobileNetV2::PARAMS,
            mobilenet_v2::MobileNetV2::FLOPS,
            mobilenet_v2::MobileNetV2::FLOPS_EVAL,
            mobilenet_v2::MobileNetV2::ACTIVATIONS,
        ),
        (
            "vit_b_16",
            vit_b_16::VitB16::PARAMS,
            vit_b_16::VitB16::FLOPS,
            vit_b_16::VitB16::FLOPS_EVAL,
            vit_b_16::VitB16::ACTIVATIONS,
        ),
        (
            "bert_base",
            bert_base::BertBase::PARAMS,
            bert_base::BertBase::FLOPS,
            bert_base::BertBase::FLOPS_EVAL,
            bert_base::BertBase::ACTIVATIONS,
        ),
        (
            "gpt2_small",
            gpt2_small::Gpt2Small::PARAMS,
            gpt2_small::Gpt2Small::FLOPS,
            gpt2_small::Gpt2Small::FLOPS_EVAL,
            gpt2_small::Gpt2Small::ACTIVATIONS,
        ),
    ];
    for (name, params, flops, flops_eval, acts) in consts {
        let fixture = Fixture::load(name);
        let ((p, f, a), _) = fixture.totals("train");
        let ((_, fe, _), _) = fixture.totals("eval");
        assert_eq!((params, flops, flops_eval, acts), (p, f, fe, a), "{name}");
    }
}

/// Every count of GPT-2 is proportional to the batch: twice the batch, twice the FLOPs
/// and activations, the same parameters.
#[test]
fn gpt2_batch_is_a_parameter_of_the_analysis() {
    use complexity_core::report::Report;
    use complexity_core::{Mode, Shape};
    let one = Report::of::<gpt2_small::Gpt2Small>(Shape::new(&[1, 128]), Mode::Eval).unwrap();
    let two = Report::of::<gpt2_small::Gpt2Small>(Shape::new(&[2, 128]), Mode::Eval).unwrap();
    let (a, b) = (&one.totals().cost, &two.totals().cost);
    assert_eq!(
        (b.params, b.flops, b.activations),
        (a.params, 2 * a.flops, 2 * a.activations)
    );
    assert_eq!(two.totals().output, Shape::new(&[2, 128, 768]));
}
