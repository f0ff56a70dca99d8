//! Every reference model's description against the header of its real checkpoint
//! (`tests/fixtures/checkpoints/`, copied unchanged from the team's
//! `shared/reference/checkpoints/`: the header of each `.safetensors` file, its tensor data
//! cut off, so a reader that touched the data would fail): every name, shape and dtype
//! agree, tied tensors saved once included; and a wrong description is reported tensor by
//! tensor.

#[allow(dead_code)]
#[path = "../examples/bart_large.rs"]
mod bart_large;
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
#[path = "../examples/mobilenet_v2.rs"]
mod mobilenet_v2;
#[allow(dead_code)]
#[path = "../examples/resnet18.rs"]
mod resnet18;
#[allow(dead_code)]
#[path = "../examples/t5_small_encoder.rs"]
mod t5_small_encoder;
#[allow(dead_code)]
#[path = "../examples/vit_b_16.rs"]
mod vit_b_16;

use complexity_core::checkpoint::{
    Checkpoint, CheckpointError, assert_matches_checkpoint, compare,
};
use complexity_core::report::Report;
use complexity_core::{Complexity, DType, Mode, Model};

fn path(name: &str) -> String {
    format!(
        "{}/tests/fixtures/checkpoints/{name}.safetensors",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The description's report at its own input, and the checkpoint's header.
fn check<M: Model>(name: &str, tensors: usize) {
    let report = Report::of::<M>(M::INPUT, Mode::Eval).unwrap();
    assert_matches_checkpoint(&report, path(name), DType::F32);
    let checkpoint = Checkpoint::open(path(name)).unwrap();
    assert_eq!(
        checkpoint.tensors().len(),
        tensors,
        "{name}: tensors in the file"
    );
    assert_eq!(
        compare(&report, &checkpoint, DType::F32).matched,
        report.state_dict().len()
    );
}

// The tensor counts are the checkpoints README's.
#[test]
fn resnet18() {
    check::<resnet18::ResNet18>("resnet18", 122);
}

#[test]
fn mobilenet_v2() {
    check::<mobilenet_v2::MobileNetV2>("mobilenet_v2", 314);
}

#[test]
fn vit_b_16() {
    check::<vit_b_16::VitB16>("vit_b_16", 152);
}

#[test]
fn bert_base() {
    check::<bert_base::BertBase>("bert_base", 199);
}

#[test]
fn gpt2_small() {
    check::<gpt2_small::Gpt2Small>("gpt2_small", 148);
}

#[test]
fn llama_tiny() {
    check::<llama_tiny::LlamaModel>("llama_tiny", 38);
}

/// `shared` and `encoder.embed_tokens` are one tensor, saved once.
#[test]
fn t5_small_encoder() {
    check::<t5_small_encoder::T5SmallEncoder>("t5_small_encoder", 51);
}

/// One embedding tied three ways, saved once: 513 names in the state_dict, 511 tensors.
#[test]
fn bart_large() {
    check::<bart_large::BartModel>("bart_large", 511);
}

/// The file is the header alone: a reader that wanted the data would fail, so the check
/// read only the header.
#[test]
fn only_the_header_is_read() {
    let bytes = std::fs::read(path("resnet18")).unwrap();
    let header = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    assert_eq!(bytes.len(), 8 + header, "no tensor data in the fixture");
}

/// ResNet-18 with a classifier of 10 classes (one wrong `out`), against torchvision's
/// checkpoint (1,000): `fc.weight` and `fc.bias` are reported with both shapes, the other
/// 120 tensors match.
#[derive(Complexity)]
#[complexity(input = (3, 224, 224), class = "ResNet", forward = {
    let x = maxpool(relu(bn1(conv1(x))));
    let x = layer4(layer3(layer2(layer1(x))));
    fc(avgpool(x).flatten(1))
})]
struct ResNet18TenClasses {
    #[complexity(conv2d(out = 64, kernel = 7, stride = 2, padding = 3, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    bn1: (),
    #[complexity(relu(inplace))]
    relu: (),
    #[complexity(max_pool2d(kernel = 3, stride = 2, padding = 1))]
    maxpool: (),
    layer1: (
        resnet18::BasicBlock<64, 64, 1>,
        resnet18::BasicBlock<64, 64, 1>,
    ),
    layer2: (
        resnet18::BasicBlock<64, 128, 2>,
        resnet18::BasicBlock<128, 128, 1>,
    ),
    layer3: (
        resnet18::BasicBlock<128, 256, 2>,
        resnet18::BasicBlock<256, 256, 1>,
    ),
    layer4: (
        resnet18::BasicBlock<256, 512, 2>,
        resnet18::BasicBlock<512, 512, 1>,
    ),
    #[complexity(adaptive_avg_pool2d(output_size = 1))]
    avgpool: (),
    #[complexity(linear(out = 10))]
    fc: (),
}

#[test]
fn a_wrong_out_is_reported_precisely() {
    let report = Report::of::<ResNet18TenClasses>(ResNet18TenClasses::INPUT, Mode::Eval).unwrap();
    let diff = compare(
        &report,
        &Checkpoint::open(path("resnet18")).unwrap(),
        DType::F32,
    );
    assert!(!diff.is_match());
    assert_eq!(
        (diff.matched, diff.missing.len(), diff.unexpected.len()),
        (120, 0, 0)
    );
    let names: Vec<&str> = diff.mismatched.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["fc.weight", "fc.bias"]);
    assert_eq!(diff.mismatched[0].found.shape, [1000, 512]);
    let text = diff.to_string();
    assert!(text.contains("mismatched fc.weight: the description has [10, 512] F32, the checkpoint [1000, 512] F32"), "{text}");
    // In bfloat16 every floating tensor differs in dtype; `num_batches_tracked` (I64) not.
    let bf16 = compare(
        &report,
        &Checkpoint::open(path("resnet18")).unwrap(),
        DType::BF16,
    );
    assert_eq!((bf16.matched, bf16.mismatched.len()), (20, 102));
}

/// A sharded checkpoint: the index's `weight_map` names the shards; their tensors are
/// the union.
#[test]
fn a_sharded_checkpoint() {
    let dir = std::env::temp_dir().join(format!("complexity-shards-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let shard = |name: &str, json: &str| {
        let mut bytes = (json.len() as u64).to_le_bytes().to_vec();
        bytes.extend_from_slice(json.as_bytes());
        std::fs::write(dir.join(name), bytes).unwrap();
    };
    shard(
        "a.safetensors",
        r#"{"fc.weight":{"dtype":"F32","shape":[3,4],"data_offsets":[0,48]}}"#,
    );
    shard(
        "b.safetensors",
        r#"{"fc.bias":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}}"#,
    );
    std::fs::write(
        dir.join("model.safetensors.index.json"),
        r#"{"metadata":{},"weight_map":{"fc.weight":"a.safetensors","fc.bias":"b.safetensors"}}"#,
    )
    .unwrap();
    let checkpoint = Checkpoint::open(dir.join("model.safetensors.index.json")).unwrap();
    assert_eq!(checkpoint.tensors().len(), 2);
    #[derive(Complexity)]
    #[complexity(input = [1, 4])]
    struct Head {
        #[complexity(linear(out = 3))]
        fc: (),
    }
    let report = Report::of::<Head>(Head::INPUT, Mode::Eval).unwrap();
    assert!(compare(&report, &checkpoint, DType::F32).is_match());
    // A name the index maps to a shard that lacks it is an error.
    std::fs::write(
        dir.join("bad.index.json"),
        r#"{"weight_map":{"fc.scale":"a.safetensors"}}"#,
    )
    .unwrap();
    let err = Checkpoint::open(dir.join("bad.index.json")).unwrap_err();
    assert!(matches!(err, CheckpointError::Index(..)), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Not a safetensors file: an error naming the file, never a panic.
#[test]
fn a_file_that_is_no_checkpoint() {
    let err = Checkpoint::open(format!("{}/Cargo.toml", env!("CARGO_MANIFEST_DIR"))).unwrap_err();
    assert!(
        matches!(err, CheckpointError::Header(..) | CheckpointError::Io(..)),
        "{err}"
    );
    assert!(Checkpoint::from_header(&[1, 2, 3]).is_err());
}

/// The README's example output, byte for byte.
#[test]
fn the_readme_shows_the_comparison() {
    let report = Report::of::<ResNet18TenClasses>(ResNet18TenClasses::INPUT, Mode::Eval).unwrap();
    let diff = compare(
        &report,
        &Checkpoint::open(path("resnet18")).unwrap(),
        DType::F32,
    );
    let readme =
        std::fs::read_to_string(format!("{}/README.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(readme.contains(&format!("```text\n{diff}```")), "{diff}");
}
