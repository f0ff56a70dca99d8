//! `#[derive(Complexity)]` features, each checked against figures derived by hand next to
//! the assertion (conv and linear per-op values are tests/fixtures/CONVENTIONS.md's, measured with mmengine).

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Shape};

/// Data flows through the fields in declaration order by default; `skip` leaves a field
/// out of the model.
#[derive(Complexity)]
#[complexity(input = [2, 3, 16, 16])]
struct Small {
    #[complexity(conv2d(out = 8, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(relu)]
    act: (),
    #[complexity(flatten)]
    flat: (),
    #[complexity(linear(out = 10))]
    fc: (),
    #[complexity(skip)]
    #[allow(dead_code)]
    label: &'static str,
}

#[test]
fn sequential_by_default() {
    // conv: Conv2d(3,8,3,padding=1) on [2,3,16,16]: 110,592 FLOPs, 4,096 activations,
    // 8·3·3·3 + 8 = 224 params. flatten: [2, 8·16·16] = [2, 2048].
    // fc: 2·2048·10 = 40,960 FLOPs, 2·10 = 20 activations, 2048·10 + 10 = 20,490 params.
    assert_eq!(Small::PARAMS, 224 + 20_490);
    assert_eq!(Small::FLOPS, 110_592 + 40_960);
    assert_eq!(Small::ACTIVATIONS, 4_096 + 20);
    assert_eq!(Small::OUTPUT, Shape::new(&[2, 10]));
    let r = Report::of::<Small>(Small::INPUT, Mode::Train).unwrap();
    assert_eq!(
        r.module("flat").unwrap().output(),
        Some(Shape::new(&[2, 2048]))
    );
    assert!(r.module("label").is_none());
}

#[derive(Complexity)]
struct Pointwise {
    #[complexity(conv2d(out = 4, kernel = 1))]
    conv: (),
}

/// Arrays act like `nn.Sequential`, with children `0`, `1`, …; `class` renames the type.
#[derive(Complexity)]
#[complexity(class = "Stack", input = (3, 8, 8))]
struct Stack {
    blocks: [Pointwise; 3],
}

#[test]
fn arrays_are_sequential() {
    // blocks.0: 3 → 4 channels: 4·3 + 4 = 16 params, 4·3·8·8 = 768 FLOPs;
    // blocks.1 and .2: 4 → 4: 4·4 + 4 = 20 params, 4·4·8·8 = 1,024 FLOPs; 4·8·8 = 256 acts each.
    assert_eq!(Stack::PARAMS, 16 + 20 + 20);
    assert_eq!(Stack::FLOPS, 768 + 1_024 + 1_024);
    assert_eq!(Stack::ACTIVATIONS, 3 * 256);
    let r = Report::of::<Stack>(Stack::INPUT, Mode::Train).unwrap();
    let paths: Vec<String> = r.modules().map(|m| m.path()).collect();
    assert_eq!(
        paths,
        [
            "",
            "blocks",
            "blocks.0",
            "blocks.0.conv",
            "blocks.1",
            "blocks.1.conv",
            "blocks.2",
            "blocks.2.conv"
        ]
    );
    assert_eq!(r.model().class(), "Stack");
    assert_eq!(r.module("blocks").unwrap().class(), "Sequential");
    assert_eq!(r.module("blocks.1").unwrap().class(), "Pointwise");
}

/// Generic over a type: the nested field's type gets a `Complexity` bound.
#[derive(Complexity)]
struct Wrap<B> {
    inner: B,
    #[complexity(relu)]
    act: (),
}

#[test]
fn generic_over_a_type() {
    let r = Report::of::<Wrap<Stack>>(Shape::new(&[1, 3, 8, 8]), Mode::Eval).unwrap();
    assert_eq!(r.totals().cost.flops, 768 + 1_024 + 1_024);
    assert_eq!(r.module("inner.blocks.2.conv").unwrap().cost().params, 20);
}

/// `when` removes a child for some instantiations; calling a missing child passes its
/// input through.
#[derive(Complexity)]
#[complexity(forward = conv(x) + shortcut(x))]
struct Residual<const IN: usize, const OUT: usize> {
    #[complexity(conv2d(in = IN, out = OUT, kernel = 3, padding = 1, bias = false))]
    conv: (),
    #[complexity(when = IN != OUT, conv2d(in = IN, out = OUT, kernel = 1, bias = false))]
    shortcut: (),
}

#[test]
fn when_makes_a_child_optional() {
    let input = Shape::new(&[1, 4, 5, 5]);
    // Same channels: no shortcut. conv: 4·4·3·3 = 144 params, 144·5·5 = 3,600 FLOPs.
    let same = Report::of::<Residual<4, 4>>(input, Mode::Train).unwrap();
    assert_eq!(
        (same.totals().cost.params, same.totals().cost.flops),
        (144, 3_600)
    );
    assert!(same.module("shortcut").is_none());
    // 4 → 8: conv 8·4·9 = 288 params, 288·25 = 7,200 FLOPs; shortcut 8·4 = 32 params, 32·25 = 800.
    let wide = Report::of::<Residual<4, 8>>(input, Mode::Train).unwrap();
    assert_eq!(
        (wide.totals().cost.params, wide.totals().cost.flops),
        (288 + 32, 7_200 + 800)
    );
    assert_eq!(
        wide.module("shortcut").unwrap().output(),
        Some(Shape::new(&[1, 8, 5, 5]))
    );
}

/// A module called twice counts both calls, and its parameters once.
#[derive(Complexity)]
#[complexity(input = [1, 4], forward = fc(fc(x)))]
struct Twice {
    #[complexity(linear(in = 4, out = 4))]
    fc: (),
}

#[test]
fn a_module_called_twice() {
    // Linear(4, 4): 4·4 + 4 = 20 params; each call 4·4 = 16 FLOPs and 4 activations.
    assert_eq!(
        (Twice::PARAMS, Twice::FLOPS, Twice::ACTIVATIONS),
        (20, 32, 8)
    );
    let r = Report::of::<Twice>(Twice::INPUT, Mode::Train).unwrap();
    assert_eq!(r.module("fc").unwrap().calls(), 2);
}

/// Argument values are const expressions over const generics.
#[derive(Complexity)]
struct Expand<const C: usize> {
    #[complexity(conv2d(out = C * 4, kernel = 1, groups = C / 2, bias = false))]
    conv: (),
}

#[test]
fn const_expressions_in_arguments() {
    // 8 → 32 channels in 4 groups: 32·(8/4)·1·1 = 64 params; 64·3·3 = 576 FLOPs.
    let r = Report::of::<Expand<8>>(Shape::new(&[1, 8, 3, 3]), Mode::Train).unwrap();
    assert_eq!((r.totals().cost.params, r.totals().cost.flops), (64, 576));
    assert_eq!(r.totals().output, Shape::new(&[1, 32, 3, 3]));
}

/// `sequential(…)` in the attribute describes an `nn.Sequential` of layers in one field.
#[derive(Complexity)]
#[complexity(input = (2, 4, 4))]
struct Head {
    #[complexity(sequential(
        conv2d(out = 6, kernel = 1, bias = false),
        batch_norm2d(eps = 1e-3),
        relu
    ))]
    proj: (),
}

#[test]
fn sequential_attribute() {
    // conv: 6·2 = 12 params, 12·4·4 = 192 FLOPs; bn: 12 params, 5·6·4·4 = 480 FLOPs (train).
    assert_eq!((Head::PARAMS, Head::FLOPS), (24, 192 + 480));
    let r = Report::of::<Head>(Head::INPUT, Mode::Train).unwrap();
    assert_eq!(r.module("proj.1").unwrap().class(), "BatchNorm2d");
    assert!(
        r.arch()
            .contains("(1): BatchNorm2d(\n      6, eps=0.001, momentum=0.1")
    );
}

mod reexport {
    pub use complexity_core as cc;
}

/// `crate = path` for crates that re-export complexity-core.
#[derive(Complexity)]
#[complexity(crate = crate::reexport::cc, input = [1, 3])]
struct Renamed {
    #[complexity(linear(out = 2, bias = false))]
    fc: (),
}

#[test]
fn crate_path_override() {
    assert_eq!((Renamed::PARAMS, Renamed::FLOPS), (6, 6));
}

/// A run-time analysis reports the error the compiler would.
#[test]
fn runtime_errors_name_the_field_path() {
    let e = Report::of::<Wrap<Stack>>(Shape::new(&[1, 3, 8]), Mode::Train).unwrap_err();
    assert_eq!(
        e.to_string(),
        "inner.blocks.0.conv: conv2d takes a tensor of rank 4 ([N, C, H, W]), got [1, 3, 8] (in `Pointwise::conv`)"
    );
    let e = Report::of::<Residual<4, 8>>(Shape::new(&[1, 5, 5, 5]), Mode::Train).unwrap_err();
    assert_eq!(
        e.to_string(),
        "conv: expects 4 input channels, got 5 (in `Residual::conv`)"
    );
}

#[test]
fn display_lists_modules_with_shapes() {
    let r = Report::of::<Small>(Small::INPUT, Mode::Train).unwrap();
    let text = r.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 5 + 3);
    assert!(lines[1].starts_with("model "));
    assert!(
        lines[2].contains("conv")
            && lines[2].contains("Conv2d")
            && lines[2].contains("[2, 3, 16, 16]")
            && lines[2].contains("[2, 8, 16, 16]")
    );
    // conv keeps its input, 2·3·16·16 floats; ReLU its output, 2·8·16·16, which the
    // flattened view the linear layer keeps shares.
    assert!(lines[2].ends_with("4096         6144         conv=110592"));
    assert!(
        lines[3].ends_with(" 0            16384"),
        "relu has no flops by op, and keeps its output: {:?}",
        lines[3]
    );
    assert_eq!(
        lines[6],
        "total (Train): 20714 params, 151552 FLOPs, 4116 activations, output [2, 10]"
    );
    assert_eq!(
        lines[7],
        "memory in float32: params 82856 bytes, saved for backward 22528 bytes (float32 22528), KV cache 0 bytes, activation peak 32768 bytes"
    );
}

/// A raw identifier names its module without the `r#`, as PyTorch would.
#[test]
fn raw_identifiers_name_modules_unraw() {
    #[derive(Complexity)]
    #[complexity(input = (8,))]
    struct r#Raw {
        #[complexity(linear(out = 4))]
        r#type: (),
    }
    // 8·4 weights + 4 biases.
    assert_eq!(r#Raw::PARAMS, 36);
    let r = Report::of::<r#Raw>(r#Raw::INPUT, Mode::Train).unwrap();
    assert_eq!(r.model().class(), "Raw");
    assert_eq!(r.module("type").unwrap().cost().params, 36);
}

/// PyTorch's spellings are accepted as written: its argument names, `F.` and `torch.`
/// functions, keyword arguments, and typed `let`s.
#[test]
fn pytorch_spellings() {
    #[derive(Complexity)]
    #[complexity(input = (3, 16, 16), forward = {
        let y: Tensor = conv1(x);
        let y = F.relu(y) - y.mean(dim = -1, keepdim = true);
        torch.softmax(y, -1)
    })]
    struct Net {
        #[complexity(conv2d(in_channels = 3, out_channels = 8, kernel_size = 3, padding = 1))]
        conv1: (),
    }
    // 8·3·3·3 weights + 8 biases; 216·16·16 multiply-adds.
    assert_eq!(Net::PARAMS, 224);
    assert_eq!(Net::FLOPS, 55_296);
    assert_eq!(Net::OUTPUT.dims(), &[1, 8, 16, 16]);
    let mut zeros = Report::of::<Net>(Net::INPUT, Mode::Train)
        .unwrap()
        .zero_ops();
    zeros.sort();
    assert_eq!(
        zeros,
        vec![("mean", 1), ("relu", 1), ("softmax", 1), ("sub", 1)]
    );
}

/// A module that runs no traced operation (`nn.Identity`) prints `N/A` like an uncalled
/// one; a dropout with `p = 0` still runs `aten::dropout`. The expected text is what
/// mmengine 0.10.7 printed for the same PyTorch model (`tests/fixtures/mmengine_identity.py`).
#[test]
fn identity_prints_na() {
    #[derive(Complexity)]
    #[complexity(forward = relu(drop(id(fc(x)))))]
    struct Net {
        #[complexity(linear(in = 8, out = 8))]
        fc: (),
        #[complexity(identity)]
        id: (),
        #[complexity(dropout(p = 0.0))]
        drop: (),
        #[complexity(relu)]
        relu: (),
    }
    let r = Report::of::<Net>(Shape::new(&[1, 8]), Mode::Train).unwrap();
    assert!(!r.module("id").unwrap().traced());
    assert!(r.module("drop").unwrap().traced());
    assert_eq!(
        r.arch(),
        "\nN/A indicates a possibly missing statistic due to how the module was called. \
         Missing values are still included in the parent's total.\n\
         Net(\n  #params: 72, #flops: 64, #acts: 8\n  (fc): Linear(\n    in_features=8, \
         out_features=8, bias=True\n    #params: 72, #flops: 64, #acts: 8\n  )\n  (id): \
         Identity(#params: 0, #flops: N/A, #acts: N/A)\n  (drop): Dropout(p=0.0, inplace=False)\n  \
         (relu): ReLU()\n)"
    );
    assert_eq!(
        r.table(),
        "\n+---------+----------------------+--------+--------------+\n\
         | module  | #parameters or shape | #flops | #activations |\n\
         +---------+----------------------+--------+--------------+\n\
         | fc      | 72                   | 64     | 8            |\n\
         |  weight |  (8, 8)              |        |              |\n\
         |  bias   |  (8,)                |        |              |\n\
         +---------+----------------------+--------+--------------+\n"
    );
}

/// A module returning a tuple (`let (cos, sin) = rotary_emb(x);`), and an array whose
/// elements all take the same extra inputs (`for layer in layers: h = layer(h, cos, sin)`),
/// as transformers' decoders are written.
#[test]
fn tuples_out_and_extra_inputs_in() {
    /// Position features from the input's shape, like a rotary embedding.
    #[derive(Complexity)]
    #[complexity(forward = { let f = x.narrow(-1, 0, 4); (f.cos(), f.sin()) })]
    struct Rotary {}

    /// One layer: `h + proj(h * cos + h * sin)`.
    #[derive(Complexity)]
    #[complexity(inputs = (h, cos, sin), forward = h + proj(h * cos + h * sin))]
    struct Layer {
        #[complexity(linear(in = 4, out = 4))]
        proj: (),
    }

    #[derive(Complexity)]
    #[complexity(input = [2, 5, 4], forward = {
        let (cos, sin) = rotary_emb(x);
        layers(x, cos, sin)
    })]
    struct Decoder {
        rotary_emb: Rotary,
        layers: [Layer; 3],
    }

    // Three linear layers of 4·4 + 4 parameters, each 2·5·4·4 = 160 multiply-adds on
    // [2, 5, 4].
    assert_eq!(Decoder::PARAMS, 3 * 20);
    assert_eq!(Decoder::FLOPS, 3 * 160);
    assert_eq!(Decoder::OUTPUT.dims(), &[2, 5, 4]);
    let r = Report::of::<Decoder>(Decoder::INPUT, Mode::Train).unwrap();
    assert_eq!(r.module("layers.2.proj").unwrap().cost().flops, 160);
    assert_eq!(
        r.module("rotary_emb").unwrap().output().unwrap().dims(),
        &[2, 5, 4]
    );
    let mut zeros = r.zero_ops();
    zeros.sort();
    assert_eq!(
        zeros,
        vec![
            ("add", 6),
            ("cos", 1),
            ("mul", 6),
            ("reshape", 1),
            ("sin", 1)
        ]
    );

    // A pattern naming more values than the call returns.
    #[derive(Complexity)]
    #[complexity(forward = { let (a, b, c) = rotary_emb(x); a + b + c })]
    struct Three {
        rotary_emb: Rotary,
    }
    let err = Report::of::<Three>(Shape::new(&[1, 4]), Mode::Train).unwrap_err();
    assert_eq!(
        err.to_string(),
        "model: the pattern names 3 values, but the call returns 2 (in `Three`'s forward)"
    );
}

/// Tied weights: BART's `decoder.embed_tokens` and a language-model head share
/// `shared.weight`; mmengine counts the tensor once, under its first name.
#[derive(Complexity)]
#[complexity(forward = lm_head(embed_tokens(x)))]
struct Decoder {
    #[complexity(embedding(num_embeddings = 100, embedding_dim = 16), tied = "shared")]
    embed_tokens: (),
    #[complexity(linear(out = 100, bias = false), tied = "shared")]
    lm_head: (),
}

#[derive(Complexity)]
#[complexity(input = [1, 8], forward = decoder(x))]
struct Seq2Seq {
    #[complexity(embedding(num_embeddings = 100, embedding_dim = 16), uncalled)]
    shared: (),
    decoder: Decoder,
}

#[test]
fn tied_weights_count_once() {
    // `shared.weight` 100·16 = 1600, counted once; the head's FLOPs at every token:
    // 8·16·100 = 12,800.
    assert_eq!((Seq2Seq::PARAMS, Seq2Seq::FLOPS), (1_600, 12_800));
    let r = Report::of::<Seq2Seq>(Seq2Seq::INPUT, Mode::Eval).unwrap();
    let head = r.module("decoder.lm_head").unwrap();
    assert_eq!(head.tied(), Some("shared"));
    assert_eq!((head.cost().params, head.cost().flops), (0, 12_800));
    assert!(head.parameters().is_empty());
    assert_eq!(r.module("shared").unwrap().parameters().len(), 1);
    assert_eq!(r.module("shared").unwrap().tied(), None);
}

/// An `nn.Sequential` subclass with its own `forward` (children named by position, run
/// as the `forward` says): here a residual around both layers, the second one first.
#[derive(Complexity)]
#[complexity(sequential, input = [1, 8], forward = x + first(second(x).relu()))]
struct ResidualSequential {
    #[complexity(linear(out = 8))]
    first: (),
    #[complexity(linear(out = 8))]
    second: (),
}

#[test]
fn sequential_with_a_forward() {
    // Two Linear(8, 8): 2·(64 + 8) = 144 params, 2·64 = 128 FLOPs.
    assert_eq!(
        (ResidualSequential::PARAMS, ResidualSequential::FLOPS),
        (144, 128)
    );
    let r = Report::of::<ResidualSequential>(ResidualSequential::INPUT, Mode::Eval).unwrap();
    let names: Vec<String> = r.modules().map(|m| m.path()).collect();
    assert_eq!(names, ["", "0", "1"]);
    assert_eq!(r.module("1").unwrap().calls(), 1);
}

/// torchvision's `StochasticDepth`: `if not self.training or p == 0: return input`, so in
/// eval mode it traces no operation and mmengine prints `N/A` for it; in training its
/// random mask (`bernoulli_`, `div_`, `mul`) has no mmengine rule: 0 FLOPs.
#[derive(Complexity)]
#[complexity(input = [1, 8], forward = x + drop(fc(x)) + off(x))]
struct DropPath {
    #[complexity(linear(out = 8))]
    fc: (),
    #[complexity(stochastic_depth(p = 0.1, mode = "row"))]
    drop: (),
    // An integer literal is a float, as in Python.
    #[complexity(stochastic_depth(p = 0, mode = "batch"))]
    off: (),
}

#[test]
fn stochastic_depth_runs_only_in_training() {
    use complexity_core::ZeroOp;
    let train = Report::of::<DropPath>(DropPath::INPUT, Mode::Train).unwrap();
    let eval = Report::of::<DropPath>(DropPath::INPUT, Mode::Eval).unwrap();
    let drop = train.module("drop").unwrap();
    assert_eq!(
        (drop.class(), drop.extra_repr().as_str()),
        ("StochasticDepth", "")
    );
    assert!(drop.traced());
    assert_eq!(drop.cost().zero_count(ZeroOp::StochasticDepth), 1);
    assert_eq!(drop.output(), Some(Shape::new(&[1, 8])));
    // p = 0, and every stochastic depth in eval mode: no operation, `N/A`.
    assert!(!train.module("off").unwrap().traced());
    assert!(!eval.module("drop").unwrap().traced());
    assert_eq!(
        eval.module("drop")
            .unwrap()
            .cost()
            .zero_count(ZeroOp::Identity),
        1
    );
    // Linear(8, 8) only: 64 FLOPs either way.
    assert_eq!((DropPath::FLOPS, DropPath::FLOPS_EVAL), (64, 64));
    // Traced with all zeros, mmengine prints no statistics; untraced, `N/A`.
    assert!(train.arch().contains("(drop): StochasticDepth()\n"));
    assert!(
        eval.arch()
            .contains("(drop): StochasticDepth(#params: 0, #flops: N/A, #acts: N/A)")
    );
}

/// torchvision's `Permute` (ConvNeXt's `CNBlock`): channels last for the layer norm and
/// the linear layers, then back.
#[derive(Complexity)]
#[complexity(input = (8, 4, 4))]
struct ChannelsLast {
    #[complexity(permute(dims = (0, 2, 3, 1)))]
    to_last: (),
    #[complexity(linear(out = 16))]
    fc: (),
    #[complexity(permute(dims = (0, -1, 1, 2)))]
    to_first: (),
}

#[test]
fn permute_layer() {
    use complexity_core::ZeroOp;
    assert_eq!(ChannelsLast::OUTPUT.dims(), &[1, 16, 4, 4]);
    // Linear(8, 16) on 4·4 positions: 16·8·16 = 2,048 FLOPs, 8·16 + 16 = 144 params.
    assert_eq!((ChannelsLast::PARAMS, ChannelsLast::FLOPS), (144, 2_048));
    let r = Report::of::<ChannelsLast>(ChannelsLast::INPUT, Mode::Eval).unwrap();
    let p = r.module("to_last").unwrap();
    assert_eq!((p.class(), p.extra_repr().as_str()), ("Permute", ""));
    assert_eq!(p.output(), Some(Shape::new(&[1, 4, 4, 8])));
    assert_eq!(p.cost().zero_count(ZeroOp::Reshape), 1);
}

/// `self.layer[0](x)` and `for i in 0..2: x = self.convs[i](x)`: elements of a sequence
/// called by index. The sequence is never called itself; its elements' parameters count
/// once, and one never indexed is listed with its parameters as never called (`N/A`).
#[derive(Complexity)]
#[complexity(input = [1, 4], forward = {
    let y = layer[1](x);
    for i in 0..2 {
        y = convs[i](y);
    }
    layer[-2](y) + layer[0](x)
})]
struct Indexed {
    // `layer.2` is never called: its `in` cannot be inferred, so it is given.
    #[complexity(
        sequential(linear(out = 4), linear(out = 4), linear(in = 4, out = 8)),
        class = "ModuleList"
    )]
    layer: (),
    convs: [Block4; 3],
}

#[derive(Complexity)]
struct Block4 {
    #[complexity(linear(in = 4, out = 4))]
    fc: (),
}

#[test]
fn elements_called_by_index() {
    // Linear(4, 4) ×2 and Linear(4, 8) in `layer`: 20 + 20 + 40 = 80; three Linear(4, 4)
    // in `convs`: 60. FLOPs, 16 per Linear(4, 4) call: `layer[1]` and `layer[-2]` (of
    // three elements, element 1 again) 32, `convs[0]` and `convs[1]` 32, `layer[0]` 16.
    assert_eq!(Indexed::PARAMS, 80 + 60);
    assert_eq!(Indexed::FLOPS, 32 + 32 + 16);
    let r = Report::of::<Indexed>(Indexed::INPUT, Mode::Eval).unwrap();
    let calls = |p: &str| r.module(p).unwrap().calls();
    assert_eq!(
        (calls("layer.0"), calls("layer.1"), calls("layer.2")),
        (1, 2, 0)
    );
    assert_eq!(
        (calls("convs.0"), calls("convs.1"), calls("convs.2")),
        (1, 1, 0)
    );
    assert_eq!(r.module("layer").unwrap().cost().params, 80);
    assert_eq!(r.module("layer.2").unwrap().cost().params, 40);
    assert_eq!(r.module("convs").unwrap().cost().params, 60);
    assert_eq!(r.module("convs").unwrap().cost().flops, 32);
    assert!(r.module("layer").unwrap().traced());
    assert!(!r.module("layer.2").unwrap().traced());
}

/// An empty `nn.Sequential()` returns its input, with no operation: `N/A`, as mmengine
/// prints a module that traces none.
#[derive(Complexity)]
#[complexity(input = [1, 4], forward = fc(x) + shortcut(x))]
struct EmptySequential {
    #[complexity(linear(out = 4))]
    fc: (),
    #[complexity(sequential())]
    shortcut: (),
}

#[test]
fn an_empty_sequential() {
    assert_eq!((EmptySequential::PARAMS, EmptySequential::FLOPS), (20, 16));
    let r = Report::of::<EmptySequential>(EmptySequential::INPUT, Mode::Eval).unwrap();
    let s = r.module("shortcut").unwrap();
    assert_eq!((s.class(), s.calls(), s.traced()), ("Sequential", 1, false));
    assert_eq!(s.output(), Some(Shape::new(&[1, 4])));
    assert!(
        r.arch()
            .contains("(shortcut): Sequential(#params: 0, #flops: N/A, #acts: N/A)")
    );
}

/// A module called with no tensor (BEiT's `relative_position_bias()`, which reads only
/// its own table): `inputs = ()`, called as `bias_table()`.
#[derive(Complexity)]
#[complexity(inputs = (), forward = table.permute(2, 0, 1).unsqueeze(0))]
struct RelativePositionBias {
    #[complexity(parameter(shape = (49, 49, 12)))]
    table: (),
}

#[derive(Complexity)]
#[complexity(input = [1, 12, 49, 49], forward = x.softmax(-1) + relative_position_bias())]
struct Scores {
    relative_position_bias: RelativePositionBias,
}

#[test]
fn a_module_called_with_no_tensor() {
    assert_eq!(Scores::OUTPUT.dims(), &[1, 12, 49, 49]);
    assert_eq!(Scores::PARAMS, 49 * 49 * 12);
    let r = Report::of::<Scores>(Scores::INPUT, Mode::Eval).unwrap();
    let bias = r.module("relative_position_bias").unwrap();
    assert_eq!(
        (bias.calls(), bias.output()),
        (1, Some(Shape::new(&[1, 12, 49, 49])))
    );
}

/// A sequence called by index and as a whole, in either order: each element's
/// parameters count once (72 for a Linear(8, 8)), FLOPs at every call (64 each).
#[derive(Complexity)]
#[complexity(input = [1, 8], forward = layers(layers[1](x)))]
struct IndexedThenWhole {
    layers: [Lin8; 2],
}

#[derive(Complexity)]
#[complexity(input = [1, 8], forward = layers[2](layers(x)))]
struct WholeThenIndexed {
    layers: [Lin8; 4],
}

#[derive(Complexity)]
#[complexity(input = [1, 8], forward = {
    for i in 0..3 {
        x = layers[i](x);
    }
    layers(x)
})]
struct LoopThenWhole {
    layers: [Lin8; 3],
}

#[derive(Complexity)]
struct Lin8 {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
}

#[test]
fn indexed_and_whole_calls_count_parameters_once() {
    assert_eq!(
        (IndexedThenWhole::PARAMS, IndexedThenWhole::FLOPS),
        (2 * 72, 3 * 64)
    );
    assert_eq!(
        (WholeThenIndexed::PARAMS, WholeThenIndexed::FLOPS),
        (4 * 72, 5 * 64)
    );
    assert_eq!(
        (LoopThenWhole::PARAMS, LoopThenWhole::FLOPS),
        (3 * 72, 6 * 64)
    );
    // The table, the tree and the summary agree.
    let r = Report::of::<IndexedThenWhole>(IndexedThenWhole::INPUT, Mode::Eval).unwrap();
    assert_eq!(r.module("layers").unwrap().cost().params, 144);
    assert_eq!(r.module("layers.1").unwrap().cost().params, 72);
    assert!(
        r.table().contains("| layers        | 0.144K "),
        "{}",
        r.table()
    );
    assert!(r.arch().contains("#params: 0.14K"), "{}", r.arch());
}

/// `tied` shares the `weight` (PyTorch's `b.weight = a.weight`); a bias stays the tied
/// layer's own.
#[derive(Complexity)]
#[complexity(input = [1, 8], forward = b(a(x)))]
struct TiedWithBias {
    #[complexity(linear(in = 8, out = 8, bias = false))]
    a: (),
    #[complexity(linear(in = 8, out = 8), tied = "a")]
    b: (),
}

/// Ties the report rejects, each with its reason.
#[derive(Complexity)]
#[complexity(forward = b(a(x)))]
struct TiedNowhere {
    #[complexity(linear(in = 8, out = 8))]
    a: (),
    #[complexity(linear(in = 8, out = 8), tied = "nope")]
    b: (),
}

#[derive(Complexity)]
#[complexity(forward = b(a(x)))]
struct TiedToItself {
    #[complexity(linear(in = 8, out = 8))]
    a: (),
    #[complexity(linear(in = 8, out = 8), tied = "b")]
    b: (),
}

#[derive(Complexity)]
#[complexity(forward = b(a(x)))]
struct TiedOtherShape {
    #[complexity(linear(in = 8, out = 8))]
    a: (),
    #[complexity(linear(in = 8, out = 4), tied = "a")]
    b: (),
}

#[test]
fn a_tie_shares_the_weight_and_is_checked() {
    // a: 64 weights; b: its bias, 8 (its weight is a's).
    assert_eq!(TiedWithBias::PARAMS, 64 + 8);
    let r = Report::of::<TiedWithBias>(TiedWithBias::INPUT, Mode::Eval).unwrap();
    assert_eq!(
        r.module("b").unwrap().parameters(),
        vec![("bias", Shape::new(&[8]))]
    );
    let state = r.state_dict();
    assert_eq!(state[1].name, "b.weight");
    assert_eq!(state[1].tied.as_deref(), Some("a.weight"));
    assert_eq!(
        (state[2].name.as_str(), state[2].tied.as_deref()),
        ("b.bias", None)
    );
    let x = Shape::new(&[1, 8]);
    let err = |r: Result<Report, complexity_core::Error>| r.err().unwrap().to_string();
    assert_eq!(
        err(Report::of::<TiedNowhere>(x, Mode::Eval)),
        "b: `tied = \"nope\"`: no module of the model has this path"
    );
    assert_eq!(
        err(Report::of::<TiedToItself>(x, Mode::Eval)),
        "b: `tied = \"b\"`: the module it names is tied itself: name the first"
    );
    assert_eq!(
        err(Report::of::<TiedOtherShape>(x, Mode::Eval)),
        "b: `tied = \"a\"`: the two weights differ in shape ([4, 8] here, [8, 8] there)"
    );
}

/// torchvision's `_DenseBlock` names its layers `denselayer1`, `denselayer2`, …: a
/// `sequential` struct with `prefix` and `start` (a spliced array continues the
/// numbering).
#[derive(Complexity)]
#[complexity(sequential, prefix = "denselayer", start = 1)]
struct DenseBlock {
    #[complexity(linear(out = 8))]
    first: (),
    #[complexity(relu)]
    act: (),
    #[complexity(splice)]
    rest: [Lin8; 2],
}

/// A `sequential` struct's children renamed from its field (torchvision's ViT).
#[derive(Complexity)]
#[complexity(input = [1, 4], forward = layers(block(x)))]
struct Numbered {
    block: DenseBlock,
    #[complexity(prefix = "encoder_layer_")]
    layers: PlainSequential,
}

#[derive(Complexity)]
#[complexity(sequential)]
struct PlainSequential {
    #[complexity(linear(out = 8))]
    a: (),
    #[complexity(linear(out = 8))]
    b: (),
}

#[test]
fn a_sequential_structs_prefix_and_start() {
    let r = Report::of::<Numbered>(Numbered::INPUT, Mode::Eval).unwrap();
    let names: Vec<String> = r.modules().map(|m| m.path()).collect();
    assert_eq!(
        names,
        [
            "",
            "block",
            "block.denselayer1",
            "block.denselayer2",
            "block.denselayer3",
            "block.denselayer3.fc",
            "block.denselayer4",
            "block.denselayer4.fc",
            "layers",
            "layers.encoder_layer_0",
            "layers.encoder_layer_1",
        ]
    );
    // Linear(4, 8) 40 + two Lin8 72 each + two Linear(8, 8) 72 each.
    assert_eq!(r.model().cost().params, 40 + 4 * 72);
    assert_eq!(r.module("block.denselayer4.fc").unwrap().calls(), 1);
    assert!(r.arch().contains("(denselayer1): Linear("), "{}", r.arch());
    assert!(
        r.table().contains("block.denselayer1.weight"),
        "{}",
        r.table()
    );
    assert_eq!(r.state_dict()[0].name, "block.denselayer1.weight");
}

/// An element called by index with no tensor, when it takes one: the element's own
/// input check reports it.
#[derive(Complexity)]
#[complexity(forward = layers[0]() + x)]
struct IndexedWithoutInput {
    layers: [Lin8; 2],
}

#[test]
fn an_element_called_without_its_input() {
    let e = Report::of::<IndexedWithoutInput>(Shape::new(&[1, 8]), Mode::Eval)
        .err()
        .unwrap();
    assert_eq!(
        e.to_string(),
        "layers: takes 1 input(s), called with 0 (in `IndexedWithoutInput::layers`)"
    );
}

/// `x += y;` is `x = x + y;` (torchvision's `out += identity`), and so are `-=`, `*=`,
/// `/=`: the same figures as the spelled-out form.
#[test]
fn compound_assignment_is_the_operation() {
    #[derive(Complexity)]
    #[complexity(input = [1, 4, 8, 8], forward = {
        let identity = x;
        let out = conv(x);
        out += identity;
        out *= 0.5;
        relu(out)
    })]
    struct InPlace {
        #[complexity(conv2d(out = 4, kernel = 3, padding = 1))]
        conv: (),
        #[complexity(relu(inplace))]
        relu: (),
    }
    #[derive(Complexity)]
    #[complexity(input = [1, 4, 8, 8], forward = relu((conv(x) + x) * 0.5))]
    struct Spelled {
        #[complexity(conv2d(out = 4, kernel = 3, padding = 1))]
        conv: (),
        #[complexity(relu(inplace))]
        relu: (),
    }
    let (a, b) = (
        Report::of::<InPlace>(InPlace::INPUT, Mode::Train).unwrap(),
        Report::of::<Spelled>(Spelled::INPUT, Mode::Train).unwrap(),
    );
    assert_eq!(a.totals(), b.totals());
    assert_eq!(a.zero_ops(), [("relu", 1), ("add", 1), ("mul", 1)]);
}
