//! The 15 reference models (the examples whose figures `tests/fixtures/*.json` hold), for
//! the tests that check every one of them: `mod reference_models;` in a test, then
//! `reference_model_tests!(check);` gives one `#[test]` per model calling
//! `check::<Model>("name")`.

#[allow(dead_code)]
#[path = "../../examples/bart_large.rs"]
pub mod bart_large;
#[allow(dead_code)]
#[path = "../../examples/bert_base.rs"]
pub mod bert_base;
#[allow(dead_code)]
#[path = "../../examples/densenet201.rs"]
pub mod densenet201;
#[allow(dead_code)]
#[path = "../../examples/fcn_resnet50.rs"]
pub mod fcn_resnet50;
#[allow(dead_code)]
#[path = "../../examples/gpt2_small.rs"]
pub mod gpt2_small;
#[allow(dead_code)]
#[path = "../../examples/inception_v3.rs"]
pub mod inception_v3;
#[allow(dead_code)]
#[path = "../../examples/llama_tiny.rs"]
pub mod llama_tiny;
#[allow(dead_code)]
#[path = "../../examples/mobilenet_v2.rs"]
pub mod mobilenet_v2;
#[allow(dead_code)]
#[path = "../../examples/r3d_18.rs"]
pub mod r3d_18;
#[allow(dead_code)]
#[path = "../../examples/resnet18.rs"]
pub mod resnet18;
#[allow(dead_code)]
#[path = "../../examples/resnet50.rs"]
pub mod resnet50;
#[allow(dead_code)]
#[path = "../../examples/t5_small_encoder.rs"]
pub mod t5_small_encoder;
#[allow(dead_code)]
#[path = "../../examples/vgg16.rs"]
pub mod vgg16;
#[allow(dead_code)]
#[path = "../../examples/vit_b_16.rs"]
pub mod vit_b_16;
#[allow(dead_code)]
#[path = "../../examples/whisper_tiny_encoder.rs"]
pub mod whisper_tiny_encoder;

/// One `#[test]` per reference model, named after it, calling `$check::<Model>("name")`.
macro_rules! reference_model_tests {
    ($check:ident) => {
        #[test]
        fn resnet18() {
            $check::<reference_models::resnet18::ResNet18>("resnet18");
        }

        #[test]
        fn resnet50() {
            $check::<reference_models::resnet50::ResNet50>("resnet50");
        }

        #[test]
        fn vgg16() {
            $check::<reference_models::vgg16::Vgg16>("vgg16");
        }

        #[test]
        fn mobilenet_v2() {
            $check::<reference_models::mobilenet_v2::MobileNetV2>("mobilenet_v2");
        }

        #[test]
        fn vit_b_16() {
            $check::<reference_models::vit_b_16::VitB16>("vit_b_16");
        }

        #[test]
        fn bert_base() {
            $check::<reference_models::bert_base::BertBase>("bert_base");
        }

        #[test]
        fn gpt2_small() {
            $check::<reference_models::gpt2_small::Gpt2Small>("gpt2_small");
        }

        #[test]
        fn llama_tiny() {
            $check::<reference_models::llama_tiny::LlamaModel>("llama_tiny");
        }

        #[test]
        fn densenet201() {
            $check::<reference_models::densenet201::DenseNet201>("densenet201");
        }

        #[test]
        fn inception_v3() {
            $check::<reference_models::inception_v3::InceptionV3>("inception_v3");
        }

        #[test]
        fn r3d_18() {
            $check::<reference_models::r3d_18::R3D18>("r3d_18");
        }

        #[test]
        fn fcn_resnet50() {
            $check::<reference_models::fcn_resnet50::FcnResNet50>("fcn_resnet50");
        }

        #[test]
        fn t5_small_encoder() {
            $check::<reference_models::t5_small_encoder::T5SmallEncoder>("t5_small_encoder");
        }

        #[test]
        fn whisper_tiny_encoder() {
            $check::<reference_models::whisper_tiny_encoder::WhisperEncoder>(
                "whisper_tiny_encoder",
            );
        }

        #[test]
        fn bart_large() {
            $check::<reference_models::bart_large::BartModel>("bart_large");
        }
    };
}

pub(crate) use reference_model_tests;
