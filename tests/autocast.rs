//! Training memory under `torch.autocast("cpu", dtype=torch.bfloat16)`: the bytes
//! autograd keeps after one training-mode forward of each reference model, against
//! PyTorch's own count (`tests/fixtures/autocast/cpu_bf16.json`, made by `measure.py`
//! there: `saved_tensors_hooks`, each storage once, parameters excluded, as
//! `autograd_saved_train` is made, with the forward under autocast).

mod reference_models;

use complexity_core::memory::{Device, Precision, Saved};
use complexity_core::report::Report;
use complexity_core::{DType, Mode, Model};
use complexity_workspace::assert_saved_matches;
use reference_models::*;

/// `tests/fixtures/autocast/{name}.json`.
fn fixture(name: &str) -> serde_json::Value {
    let path = format!(
        "{}/tests/fixtures/autocast/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The description's saved bytes under CPU autocast in bf16 (total, by dtype, by
/// module) against PyTorch's.
fn check<M: Model>(name: &str) {
    check_against::<M>(name, &fixture("cpu_bf16")[name]);
}

/// The description's saved bytes under CPU autocast in bf16 against PyTorch's in
/// `theirs` (`saved_bytes`, `by_dtype`, `by_module`).
fn check_against<M: Model>(name: &str, theirs: &serde_json::Value) {
    check_in::<M>(name, theirs, Precision::Autocast(Device::Cpu));
}

/// The description's saved bytes in `precision` against PyTorch's in `theirs`.
fn check_in<M: Model>(name: &str, theirs: &serde_json::Value, precision: Precision) {
    let report = Report::of_in::<M>(M::INPUT, Mode::Train, precision).unwrap();
    assert_saved_matches(name, &report, precision, theirs);
}

reference_model_tests!(check);

/// What the model `M` keeps for backward, at its input, in training mode in `precision`.
fn saved_in<M: Model>(precision: Precision) -> Saved {
    Report::of_in::<M>(M::INPUT, Mode::Train, precision)
        .unwrap()
        .totals()
        .cost
        .saved
}

/// A linear layer, a layer norm, a softmax and a dropout on `[1, 4, 8]`, whose saved
/// bytes differ by device: CUDA's list runs layer norm and softmax in float32 and stores
/// a dropout mask in one byte; the CPU runs them in their input's dtype.
#[derive(complexity_core::Complexity)]
#[complexity(input = [1, 4, 8], forward = {
    let z = norm(fc(x));
    drop(z.softmax(-1))
})]
struct Head {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
    #[complexity(layer_norm(eps = 1e-5))]
    norm: (),
    #[complexity(dropout(p = 0.5))]
    drop: (),
}

#[test]
fn devices_follow_their_lists() {
    let saved = |device| saved_in::<Head>(Precision::Autocast(device));
    // Both: the linear layer keeps the bf16 copy of its float32 input (32 elements), not
    // its weight's (the input needs no gradient); layer norm keeps 2 float32 statistics
    // per row (8).
    // CUDA: layer norm casts the bf16 `fc(x)` to a float32 copy and keeps it (32), softmax
    // keeps its float32 output (32), the dropout mask is a byte each (32):
    // 32·2 + (32 + 32)·4 + 8·4 + 32 = 384.
    let cuda = saved(Device::Cuda);
    assert_eq!(
        (cuda.activations, cuda.wide, cuda.stats, cuda.bools),
        (32, 64, 8, 32)
    );
    assert_eq!(cuda.bytes(DType::BF16, Device::Cuda), 384);
    // CPU: layer norm keeps the bf16 `fc(x)` (32), softmax its bf16 output (32), the mask
    // is bf16 (32): (32 + 32 + 32 + 32)·2 + 8·4 = 288.
    let cpu = saved(Device::Cpu);
    assert_eq!(
        (cpu.activations, cpu.wide, cpu.stats, cpu.bools),
        (128, 0, 8, 0)
    );
    assert_eq!(cpu.bytes(DType::BF16, Device::Cpu), 288);
}

/// `Training::memory` prices the saved activations of totals analysed in its own
/// precision, and names both otherwise; `Model::train_bytes` analyses in it by itself.
#[test]
fn training_memory_needs_its_precision() {
    use complexity_core::analyze_in;
    use complexity_core::memory::{Optimizer, Training};
    let amp = Training::autocast(DType::BF16, Optimizer::AdamW).device(Device::Cpu);
    let uniform = complexity_core::analyze(
        &<Head as complexity_core::Complexity>::MODULE,
        Head::INPUT,
        Mode::Train,
    )
    .unwrap();
    let e = amp.memory(&uniform).unwrap_err();
    assert_eq!(
        e.to_string(),
        "model: the totals' saved activations are in one dtype but the training runs autocast's on the CPU: analyse with `analyze_in(module, input, Mode::Train, training.precision())`"
    );
    let totals = analyze_in(
        &<Head as complexity_core::Complexity>::MODULE,
        Head::INPUT,
        Mode::Train,
        amp.precision(),
    )
    .unwrap();
    let memory = amp.memory(&totals).unwrap();
    // 88 parameters (72 linear, 16 norm): float32 weights, gradients, two AdamW states.
    let params = Head::PARAMS as u128;
    assert_eq!(memory.weights, params * 4);
    assert_eq!(memory.master_weights, 0);
    assert_eq!(memory.optimizer, params * 8);
    assert_eq!(memory.activations, 288);
    assert_eq!(Head::train_bytes(1, amp), memory.total());
}

/// Two models described by newcomers before autocast was modelled (in float32, from the
/// docs alone), measured under CPU autocast in bf16 (`tests/fixtures/autocast/unseen.json`).
#[test]
fn unseen_models() {
    #[allow(dead_code)]
    #[path = "../examples/distilbert.rs"]
    mod distilbert;
    #[allow(dead_code)]
    #[path = "../examples/mobilenet_v3_small.rs"]
    mod mobilenet_v3_small;
    let unseen = fixture("unseen");
    check_against::<mobilenet_v3_small::MobileNetV3Small>(
        "mobilenet_v3_small",
        &unseen["mobilenet_v3_small"],
    );
    check_against::<distilbert::DistilBertModel>("distilbert", &unseen["distilbert"]);
}

/// Conversions: `float()` and `to(y)` copy only when the dtype changes, and a product
/// of float32 values stays float32.
#[derive(complexity_core::Complexity)]
#[complexity(input = [1, 4], forward = {
    let h = fc(x);
    let f = h.float();
    let g = f * f;
    g.to(h).exp()
})]
struct Casts {
    #[complexity(linear(in = 4, out = 4))]
    fc: (),
}

#[test]
fn conversions_copy_only_when_the_dtype_changes() {
    let saved = saved_in::<Casts>;
    // Autocast: `fc` keeps its input's bf16 copy (4; its weight's copy is for the input's
    // gradient, which the model's input does not need); `h.float()` is a float32 copy,
    // which `f * f` keeps (4, float32); `g.to(h)` a bf16 copy; `exp` keeps its bf16
    // output (4): (4 + 4)·2 + 4·4 = 32 bytes.
    let amp = saved(Precision::Autocast(Device::Cpu));
    assert_eq!((amp.activations, amp.wide), (8, 4));
    assert_eq!(amp.bytes(DType::BF16, Device::Cpu), 32);
    // One dtype: `float()` and `to(h)` are the values themselves; `fc` keeps the input
    // (4), `f * f` the output of `fc` (4), `exp` its output (4).
    let uniform = saved(Precision::Uniform);
    assert_eq!((uniform.activations, uniform.wide), (12, 0));
}

/// Four models newcomers described from the docs alone, with autocast documented:
/// torchvision's EfficientNet-B0 (stochastic depth, squeeze-excitation) and ConvNeXt-T
/// (channels-last layer norm, layer scale), a small transformers Qwen2 (biased q/k/v,
/// grouped-query attention, rotary embedding) and GPT-NeoX (fused qkv, partial rotary,
/// parallel residual, the cache's copies), in float32 and under CPU autocast in bf16
/// (`tests/fixtures/autocast/newcomers.json`).
#[test]
fn newcomers_models() {
    #[allow(dead_code)]
    #[path = "../examples/efficientnet_b0.rs"]
    mod efficientnet_b0;
    #[allow(dead_code)]
    #[path = "../examples/qwen2_tiny.rs"]
    mod qwen2_tiny;
    #[allow(dead_code)]
    #[path = "../examples/convnext_tiny.rs"]
    mod convnext_tiny;
    #[allow(dead_code)]
    #[path = "../examples/gpt_neox_tiny.rs"]
    mod gpt_neox_tiny;
    use convnext_tiny::ConvNextTiny;
    use efficientnet_b0::EfficientNetB0;
    use gpt_neox_tiny::GPTNeoXModel;
    use qwen2_tiny::Qwen2Model;
    let measured = fixture("newcomers");
    assert_eq!(EfficientNetB0::PARAMS, 5_288_548);
    assert_eq!(Qwen2Model::PARAMS, 1_437_952);
    for (precision, key) in [
        (Precision::Uniform, "float32"),
        (Precision::Autocast(Device::Cpu), "autocast_cpu_bf16"),
    ] {
        let e = &measured["efficientnet_b0"][key];
        check_in::<EfficientNetB0>("efficientnet_b0", e, precision);
        check_in::<Qwen2Model>("qwen2_tiny", &measured["qwen2_tiny"][key], precision);
        let c = &measured["convnext_tiny"][key];
        check_in::<ConvNextTiny>("convnext_tiny", c, precision);
        let g = &measured["gpt_neox_tiny"][key];
        check_in::<GPTNeoXModel>("gpt_neox_tiny", g, precision);
    }
    assert_eq!(ConvNextTiny::PARAMS, 28_589_128);
    assert_eq!(GPTNeoXModel::PARAMS, 1_836_032);
    // 16 bytes per parameter (float32 weights, gradients, two AdamW states) and the
    // saved activations.
    assert_eq!(
        efficientnet_b0::AMP_TRAIN_BYTES,
        16 * 5_288_548 + 54_905_538
    );
}

/// A block whose output is float32 while its input was bf16 (a float32 parameter
/// promotes it).
#[derive(complexity_core::Complexity)]
#[complexity(forward = x * x + p)]
struct Promoting {
    #[complexity(parameter(shape = (8,)))]
    p: (),
}

/// An array's elements are analysed until one sees the input the one before saw: under
/// autocast its dtype counts too.
#[derive(complexity_core::Complexity)]
#[complexity(input = [1, 8], forward = blocks(fc(x)))]
struct Blocks {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
    blocks: [Promoting; 3],
}

#[test]
fn array_elements_differ_by_their_input_dtype() {
    let amp = saved_in::<Blocks>(Precision::Autocast(Device::Cpu));
    // `fc` keeps its input's bf16 copy (8); the first block's `x * x` keeps its bf16
    // input (8), the next two their float32 inputs (8 each).
    assert_eq!((amp.activations, amp.wide), (16, 16));
    assert_eq!(amp.bytes(DType::BF16, Device::Cpu), 16 * 2 + 16 * 4);
}

/// Autocast to float16 on the CPU keeps what bfloat16 keeps, in float16: measured for
/// three models (`tests/fixtures/autocast/cpu_fp16.json`), priced with `DType::F16`.
#[test]
fn float16_keeps_what_bfloat16_keeps() {
    let fp16 = fixture("cpu_fp16");
    let amp = Precision::Autocast(Device::Cpu);
    for (name, s) in [
        ("resnet18", saved_in::<resnet18::ResNet18>(amp)),
        ("bert_base", saved_in::<bert_base::BertBase>(amp)),
        ("llama_tiny", saved_in::<llama_tiny::LlamaModel>(amp)),
    ] {
        let theirs = &fp16[name];
        assert_eq!(
            s.bytes(DType::F16, Device::Cpu),
            theirs["saved_bytes"].as_u64().unwrap() as u128,
            "{name}"
        );
        let [half, ..] = s.bytes_by_class(DType::F16, Device::Cpu);
        assert_eq!(
            half,
            theirs["by_dtype"]["float16"].as_u64().unwrap() as u128,
            "{name}"
        );
    }
}

/// Stochastic depth on a float32 value (a float32 parameter promoted it, as ConvNeXt's
/// layer scale does).
#[derive(complexity_core::Complexity)]
#[complexity(input = [2, 8], forward = sd(fc(x) + p))]
struct Scaled {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
    #[complexity(parameter(shape = (8,)))]
    p: (),
    #[complexity(stochastic_depth(p = 0.5, mode = "row"))]
    sd: (),
}

#[test]
fn fresh_tensors_take_their_input_dtype() {
    let amp = saved_in::<Scaled>(Precision::Autocast(Device::Cpu));
    // `fc` keeps its input's bf16 copy (16); stochastic depth its noise, one float32
    // per row (2): 16·2 + 2·4 = 40 bytes.
    assert_eq!((amp.activations, amp.wide), (16, 2));
    assert_eq!(amp.bytes(DType::BF16, Device::Cpu), 40);
}

/// `nn.RMSNorm` after a linear layer on `[4, 8]`: with a bf16 input and float32 weights
/// PyTorch takes its composite path in float32 and converts the result back.
#[derive(complexity_core::Complexity)]
#[complexity(input = [4, 8])]
struct Rms {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
    #[complexity(rms_norm(normalized_shape = 8))]
    norm: (),
}

#[test]
fn rms_norm_computes_in_float32() {
    let saved = |precision: Precision| precision.saved_bytes(&saved_in::<Rms>(precision));
    // Measured with torch 2.15 (saved_tensors_hooks, parameters excluded). Autocast:
    // `fc`'s bf16 copy of its input (32 · 2), the norm's float32 copy of its bf16 input
    // (32 · 4), `rstd` (4 · 4) and the normalized input (32 · 4): 336 bytes. float32:
    // the input (32), `fc`'s output (32), `rstd` (4), the normalized input (32), 4 bytes
    // each: 400.
    assert_eq!(saved(Precision::Autocast(Device::Cpu)), 336);
    assert_eq!(saved(Precision::Uniform), 400);
}
