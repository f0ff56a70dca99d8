//! Training memory: the bytes autograd keeps for backward after one training-mode
//! forward in float32, against PyTorch's own count (`autograd_saved_train` in every
//! fixture: `saved_tensors_hooks`, each storage once, parameters excluded).

mod reference_models;
#[allow(dead_code)]
#[path = "../examples/transformer_encoder.rs"]
mod transformer_encoder;

#[allow(dead_code)]
#[path = "../examples/distilbert.rs"]
mod distilbert;
#[allow(dead_code)]
#[path = "../examples/mobilenet_v3_small.rs"]
mod mobilenet_v3_small;

use complexity_core::memory::{Device, Precision};
use complexity_core::report::Report;
use complexity_core::{DType, Mode, Model};
use complexity_workspace::{Fixture, assert_saved_matches};
use reference_models::*;

/// The description's saved bytes (total, by dtype, by module) against the fixture's.
fn check<M: Model>(name: &str) {
    let fixture = Fixture::load(name);
    check_against::<M>(name, fixture.get("autograd_saved_train"));
}

/// The description's saved bytes against PyTorch's figures in `theirs`
/// (`saved_bytes`, `by_module`, and `by_dtype` when given).
fn check_against<M: Model>(name: &str, theirs: &serde_json::Value) {
    let report = Report::of::<M>(M::INPUT, Mode::Train).unwrap();
    assert_saved_matches(name, &report, Precision::Uniform, theirs);
}

reference_model_tests!(check);

/// Two models no test was written for: described by newcomers from the docs alone
/// (`examples/mobilenet_v3_small.rs`, `examples/distilbert.rs`), each exact to PyTorch's
/// own count, measured for them (`tests/fixtures/saved/*.json` say how).
#[test]
fn unseen_models() {
    fn measured(name: &str) -> serde_json::Value {
        let path = format!(
            "{}/tests/fixtures/saved/{name}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    }
    let m = measured("mobilenet_v3_small");
    assert_eq!(
        mobilenet_v3_small::MobileNetV3Small::PARAMS,
        m["params"].as_u64().unwrap()
    );
    check_against::<mobilenet_v3_small::MobileNetV3Small>("mobilenet_v3_small", &m);
    let d = measured("distilbert");
    assert_eq!(
        distilbert::DistilBertModel::PARAMS,
        d["params"].as_u64().unwrap()
    );
    check_against::<distilbert::DistilBertModel>("distilbert", &d);
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

/// A GPT layer as Megatron-LM runs it, for Korthikanti et al., "Reducing Activation
/// Recomputation in Large Transformer Models" (2022): pre-norm attention (fused QKV,
/// scores, softmax, attention dropout, `· v`, projection, dropout, residual) and MLP
/// (`h → 4h`, GeLU, `4h → h`, dropout, residual).
mod gpt {
    use complexity_core::Complexity;

    #[derive(Complexity)]
    #[complexity(forward = {
        let (q, k, v) = qkv(x).split(H, 2);
        let q = q.unflatten(-1, (A, H / A)).transpose(1, 2);
        let k = k.unflatten(-1, (A, H / A)).transpose(1, 2);
        let v = v.unflatten(-1, (A, H / A)).transpose(1, 2);
        let scores = (matmul(q, k.transpose(-1, -2)) * 0.125).softmax(-1);
        let scores = scores.dropout(0.1);
        dropout(dense(matmul(scores, v).transpose(1, 2).flatten(2)))
    })]
    pub struct Attention<const H: usize, const A: usize> {
        #[complexity(linear(in = H, out = 3 * H))]
        qkv: (),
        #[complexity(linear(in = H, out = H))]
        dense: (),
        #[complexity(dropout(p = 0.1))]
        dropout: (),
    }

    #[derive(Complexity)]
    #[complexity(forward = dropout(fc2(gelu(fc1(x)))))]
    pub struct Mlp<const H: usize> {
        #[complexity(linear(in = H, out = 4 * H))]
        fc1: (),
        #[complexity(gelu)]
        gelu: (),
        #[complexity(linear(in = 4 * H, out = H))]
        fc2: (),
        #[complexity(dropout(p = 0.1))]
        dropout: (),
    }

    #[derive(Complexity)]
    #[complexity(forward = {
        let x = x + attention(ln1(x));
        x + mlp(ln2(x))
    })]
    pub struct Layer<const H: usize, const A: usize> {
        #[complexity(layer_norm(normalized_shape = H))]
        ln1: (),
        attention: Attention<H, A>,
        #[complexity(layer_norm(normalized_shape = H))]
        ln2: (),
        mlp: Mlp<H>,
    }

    /// `L` layers: the array `torch.utils.checkpoint` wraps element by element.
    #[derive(Complexity)]
    #[complexity(forward = layers(x))]
    pub struct Gpt<const H: usize, const A: usize, const L: usize> {
        layers: [Layer<H, A>; L],
    }
}

/// `s·b·h·(34 + 5·a·s/h)` bytes per layer in 16-bit, without recomputation, under the
/// paper's assumptions: 16-bit activations, 1-byte dropout masks (CUDA), and the layer
/// norms' per-row mean and rstd left out ("small buffers"; here 2 norms × 2 × s·b
/// float32, checked on their own).
#[test]
fn korthikanti_per_layer_activations() {
    use complexity_core::totals;
    let (s, b, h, a) = (64u128, 2u128, 256u128, 8u128);
    let t = totals!(gpt::Layer<256, 8>, input = [2, 64, 256]);
    let saved = t.cost.saved;
    assert_eq!(saved.stats, 2 * 2 * s * b);
    let paper = s * b * h * 34 + 5 * a * s * s * b;
    assert_eq!(paper, 1_441_792);
    assert_eq!(
        saved.bytes(DType::F16, Device::Cuda) - saved.stats * 4,
        paper
    );
}

/// Full recomputation keeps each layer's input only, `2·s·b·h·L` bytes in 16-bit (the
/// paper's "full activation recomputation"), and one layer's recompute on top.
#[test]
fn checkpointing_keeps_layer_inputs() {
    use complexity_core::memory::{Optimizer, Training};
    use complexity_core::totals;
    let (s, b, h, l) = (64u128, 2u128, 256u128, 4u128);
    let t = totals!(gpt::Gpt<256, 8, 4>, input = [2, 64, 256]);
    let layer = totals!(gpt::Layer<256, 8>, input = [2, 64, 256]);
    assert_eq!(
        t.cost.checkpointed.bytes(DType::F16, Device::Cuda),
        2 * s * b * h * l
    );
    assert_eq!(t.cost.recompute, layer.cost.saved);
    let m = Training::mixed(DType::F16, Optimizer::AdamW)
        .checkpointing(true)
        .memory(&t)
        .unwrap();
    assert_eq!(m.activations, 2 * s * b * h * l);
    assert_eq!(
        m.recompute,
        layer.cost.saved.bytes(DType::F16, Device::Cuda)
    );
    // Without checkpointing, L layers keep L times one layer (each keeps its own input).
    let all = Training::mixed(DType::F16, Optimizer::AdamW)
        .memory(&t)
        .unwrap();
    assert_eq!(
        all.activations,
        l * layer.cost.saved.bytes(DType::F16, Device::Cuda)
    );
}

/// Weights, gradients and optimizer states: ResNet-18 (11,689,512 parameters) with Adam
/// in float32 is 4 + 4 + 2·4 bytes per parameter, plus the 22,256,640 bytes autograd
/// keeps (PyTorch's count, above); mixed bf16 with AdamW is 2 + 2 + 4 + 2·4, its
/// activations in bf16.
#[test]
fn training_memory_by_part() {
    use complexity_core::memory::{Optimizer, Training};
    let t = <resnet18::ResNet18 as Model>::TRAIN;
    let m = Training::new(Optimizer::Adam)
        .device(Device::Cpu)
        .memory(&t)
        .unwrap();
    let p = 11_689_512u128;
    assert_eq!(
        (m.weights, m.gradients, m.master_weights, m.optimizer),
        (4 * p, 4 * p, 0, 8 * p)
    );
    assert_eq!(m.activations, 22_256_640);
    assert_eq!(m.total(), 16 * p + 22_256_640);
    let sgd = Training::new(Optimizer::Sgd).memory(&t).unwrap();
    assert_eq!(sgd.optimizer, 0);
    let momentum = Training::new(Optimizer::SgdMomentum).memory(&t).unwrap();
    assert_eq!(momentum.optimizer, 4 * p);
    let mixed = Training::mixed(DType::BF16, Optimizer::AdamW)
        .memory(&t)
        .unwrap();
    assert_eq!(
        (
            mixed.weights,
            mixed.gradients,
            mixed.master_weights,
            mixed.optimizer
        ),
        (2 * p, 2 * p, 4 * p, 8 * p)
    );
    // The float activations halve; max pooling's int64 indices (1,605,632 bytes) and
    // batch norm's float32 statistics do not.
    let saved = t.cost.saved;
    assert_eq!(saved.indices * 8, 1_605_632);
    assert_eq!(
        mixed.activations,
        saved.activations * 2 + saved.stats * 4 + 1_605_632
    );
    // The derive's const fn: the same at batch 1, and batch 8 analysed again.
    assert_eq!(
        resnet18::ResNet18::train_bytes(1, Training::new(Optimizer::Adam).device(Device::Cpu)),
        m.total()
    );
    const AT_8: u128 =
        resnet18::ResNet18::train_bytes(8, Training::new(Optimizer::Adam).device(Device::Cpu));
    assert!(AT_8 > m.total());
}

/// A frozen module's parameters get no gradient and no optimizer state (Whisper's
/// `embed_positions`, 1500 × 384).
#[test]
fn frozen_parameters_train_nothing() {
    use complexity_core::memory::{Optimizer, Training};
    let t = <whisper_tiny_encoder::WhisperEncoder as Model>::TRAIN;
    assert_eq!(t.cost.frozen, 1500 * 384);
    let m = Training::new(Optimizer::Adam).memory(&t).unwrap();
    let trainable = (t.cost.params - t.cost.frozen) as u128;
    assert_eq!(m.gradients, 4 * trainable);
    assert_eq!(m.optimizer, 8 * trainable);
    assert_eq!(m.weights, 4 * t.cost.params as u128);
}

/// Inference: weights in any dtype (int4 packs two per byte), the KV cache per token and
/// at a context length, the activation arena.
#[test]
fn inference_memory() {
    use complexity_core::memory::Inference;
    let t = <llama_tiny::LlamaModel as Model>::EVAL;
    let serve = Inference::new(DType::I4, DType::BF16);
    let m = serve.memory(&t);
    assert_eq!(m.weights, (t.cost.params as u128).div_ceil(2));
    // 4 layers × (k, v) × 4 KV heads × 64, in bf16: 4,096 bytes per token.
    assert_eq!(serve.kv_cache_per_token(&t).unwrap(), 4 * 2 * 4 * 64 * 2);
    assert_eq!(m.kv_cache, 128 * 4_096);
    assert_eq!(serve.kv_cache_at(&t, 131_072).unwrap(), 131_072 * 4_096);
    assert_eq!(m.activations, t.cost.peak_elements * 2);
    assert_eq!(m.total(), m.weights + m.kv_cache + m.activations);
    // A model without a cache has none.
    let r = <resnet18::ResNet18 as Model>::EVAL;
    assert_eq!(
        Inference::new(DType::F32, DType::F32).memory(&r).kv_cache,
        0
    );
}

/// `view`, and a `reshape` that only splits dimensions, share their input's storage even
/// when it is transposed; a reshape or flatten merging a transposed tensor's dimensions
/// copies it. Measured with PyTorch 2.15's `saved_tensors_hooks` (each storage once,
/// parameters excluded) on `nn.Linear(8, 8)` and `x` `[6, 4, 8]`, `p =
/// lin(x).transpose(0, 1)` (`[4, 6, 8]`, strides `(8, 32, 1)`), `F.gelu(p)` keeping
/// `p`'s storage: the linear keeps `x` (192 elements) and `gelu` `p` (192), so 384 when
/// the other operation's operand is a view of `p`, 576 when it is a copy.
#[test]
fn views_of_transposed_tensors() {
    use complexity_core::Complexity;
    fn saved<M: Model>() -> u128 {
        Report::of::<M>(M::INPUT, Mode::Train)
            .unwrap()
            .totals()
            .cost
            .saved
            .bytes(DType::F32, Device::Cpu)
    }
    // `torch.matmul(q, q.transpose(-2, -1))` on `q = p.view(2, 2, 6, 8)`.
    #[derive(Complexity)]
    #[complexity(input = [6, 4, 8], forward = {
        let p = lin(x).transpose(0, 1);
        let q = p.view(2, 2, 6, 8);
        let g = F.gelu(p);
        matmul(q, q.transpose(-2, -1)).sum() + g.sum()
    })]
    struct View {
        #[complexity(linear(in = 8, out = 8))]
        lin: (),
    }
    // `(q * q)` on `q = p.reshape(2, 2, 6, 8)`: a split, viewed.
    #[derive(Complexity)]
    #[complexity(input = [6, 4, 8], forward = {
        let p = lin(x).transpose(0, 1);
        let q = p.reshape(2, 2, 6, 8);
        let g = F.gelu(p);
        (q * q).sum() + g.sum()
    })]
    struct Split {
        #[complexity(linear(in = 8, out = 8))]
        lin: (),
    }
    // `(q * q)` on `q = p.reshape(24, 8)`: a merge of the transposed dimensions, a copy.
    #[derive(Complexity)]
    #[complexity(input = [6, 4, 8], forward = {
        let p = lin(x).transpose(0, 1);
        let q = p.reshape(24, 8);
        let g = F.gelu(p);
        (q * q).sum() + g.sum()
    })]
    struct Merge {
        #[complexity(linear(in = 8, out = 8))]
        lin: (),
    }
    // The same with `p.flatten(0, 1)`.
    #[derive(Complexity)]
    #[complexity(input = [6, 4, 8], forward = {
        let p = lin(x).transpose(0, 1);
        let q = p.flatten(0, 1);
        let g = F.gelu(p);
        (q * q).sum() + g.sum()
    })]
    struct Flat {
        #[complexity(linear(in = 8, out = 8))]
        lin: (),
    }
    assert_eq!(saved::<View>(), 384 * 4);
    assert_eq!(saved::<Split>(), 384 * 4);
    assert_eq!(saved::<Merge>(), 576 * 4);
    assert_eq!(saved::<Flat>(), 576 * 4);
}

/// PyTorch's own `nn.TransformerEncoder` and `nn.MultiheadAttention`, described from the
/// docs by a newcomer (`examples/transformer_encoder.rs`), against figures measured for
/// this project (`tests/fixtures/tiny_encoder.json`).
#[test]
fn transformer_encoder() {
    check::<transformer_encoder::TinyEncoder>("tiny_encoder");
}

/// `x.contiguous()` is `x` itself when `x` is contiguous (PyTorch returns `self`), and a
/// copy of a transposed `x`: `fc` keeps its input (32 elements) and `h * h` keeps `h`
/// (32); `c * c` keeps `c`, which is `h`'s storage (0 more) or, transposed first, a copy
/// (32 more).
#[test]
fn contiguous_copies_only_what_is_not() {
    use complexity_core::Complexity;
    #[derive(Complexity)]
    #[complexity(input = [1, 4, 8], forward = {
        let h = fc(x);
        let c = h.contiguous();
        c * c + h * h
    })]
    struct Same {
        #[complexity(linear(in = 8, out = 8))]
        fc: (),
    }
    #[derive(Complexity)]
    #[complexity(input = [1, 4, 8], forward = {
        let h = fc(x);
        let c = h.transpose(1, 2).contiguous().transpose(1, 2);
        c * c + h * h
    })]
    struct Copied {
        #[complexity(linear(in = 8, out = 8))]
        fc: (),
    }
    let saved = |r: Report| r.totals().cost.saved.activations;
    assert_eq!(
        saved(Report::of::<Same>(Same::INPUT, Mode::Train).unwrap()),
        64
    );
    assert_eq!(
        saved(Report::of::<Copied>(Copied::INPUT, Mode::Train).unwrap()),
        96
    );
}
