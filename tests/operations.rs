//! The operations of the table as a `forward` writes them: shapes by their rules, every
//! one counted as its zero op.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Shape, Totals, ZeroOp, totals};

/// Keeps a child so that the struct is a module with a forward of its own.
#[derive(Complexity)]
#[complexity(forward = id(x).pow(2).mean(-1, true))]
struct MeanOfSquares {
    #[complexity(identity)]
    id: (),
}

#[derive(Complexity)]
#[complexity(forward = id(x).sum((1, 2)))]
struct SumTwo {
    #[complexity(identity)]
    id: (),
}

#[derive(Complexity)]
#[complexity(forward = {
    let y = id(x);
    let m = y.amax(-1, true);
    ((-y).softmax(-1).clamp(0.0, 1.0).exp() + y.pow(m)).log_softmax(1).sum()
})]
struct Chain {
    #[complexity(identity)]
    id: (),
}

const INPUT: [u64; 3] = [1, 4, 8];

#[test]
fn reductions_follow_their_dims() {
    // mean over the last dimension, kept: [1, 4, 8] -> [1, 4, 1].
    const M: Totals = totals!(MeanOfSquares, input = [1, 4, 8]);
    assert_eq!(M.output.dims(), &[1, 4, 1]);
    // sum over dimensions 1 and 2, not kept: [1, 4, 8] -> [1].
    const S: Totals = totals!(SumTwo, input = [1, 4, 8]);
    assert_eq!(S.output.dims(), &[1]);
    // sum of everything: a scalar.
    const C: Totals = totals!(Chain, input = [1, 4, 8]);
    assert_eq!(C.output.dims(), &[] as &[u64]);
}

#[test]
fn every_operation_is_a_zero_op() {
    let r = Report::of::<Chain>(Shape::new(&INPUT), Mode::Train).unwrap();
    assert_eq!(r.totals().cost.flops, 0);
    let mut zeros = r.zero_ops();
    zeros.sort();
    assert_eq!(
        zeros,
        vec![
            ("add", 1),
            ("amax", 1),
            ("clamp", 1),
            ("exp", 1),
            ("identity", 1),
            ("log_softmax", 1),
            ("neg", 1),
            ("pow", 1),
            ("softmax", 1),
            ("sum", 1),
        ]
    );
}

#[test]
fn a_repeated_dimension_is_an_error() {
    #[derive(Complexity)]
    #[complexity(forward = id(x).mean((1, -2)))]
    struct Twice {
        #[complexity(identity)]
        id: (),
    }
    let err = Report::of::<Twice>(Shape::new(&INPUT), Mode::Train).unwrap_err();
    assert_eq!(
        err.to_string(),
        "model: `mean`: dimension 1 appears more than once in the dimensions reduced (in `Twice`'s forward)"
    );
}

#[test]
fn tensor_arguments_broadcast() {
    #[derive(Complexity)]
    #[complexity(forward = { let y = id(x); y.pow(y.amax(0)) })]
    struct Pow {
        #[complexity(identity)]
        id: (),
    }
    // amax over dimension 0 of [1, 4, 8] is [4, 8], which broadcasts against [1, 4, 8].
    const P: Totals = totals!(Pow, input = [1, 4, 8]);
    assert_eq!(P.output.dims(), &[1, 4, 8]);
    #[derive(Complexity)]
    #[complexity(forward = { let y = id(x); y.pow(y.sum(2)) })]
    struct Mismatch {
        #[complexity(identity)]
        id: (),
    }
    let err = Report::of::<Mismatch>(Shape::new(&INPUT), Mode::Train).unwrap_err();
    assert_eq!(
        err.to_string(),
        "model: `pow` of shapes [1, 4, 8] and [1, 4], which do not broadcast (in `Mismatch`'s forward)"
    );
}

/// Each way a view can fail says why.
#[test]
fn view_failures_say_why() {
    #[derive(Complexity)]
    #[complexity(forward = id(x).permute((0, 1, 1)))]
    struct Permute {
        #[complexity(identity)]
        id: (),
    }
    #[derive(Complexity)]
    #[complexity(forward = id(x).expand(1, 5, 8))]
    struct Expand {
        #[complexity(identity)]
        id: (),
    }
    #[derive(Complexity)]
    #[complexity(forward = id(x).reshape((3, -1)))]
    struct Reshape {
        #[complexity(identity)]
        id: (),
    }
    #[derive(Complexity)]
    #[complexity(forward = id(x).reshape((5, 7)))]
    struct Sizes {
        #[complexity(identity)]
        id: (),
    }
    let message = |e: complexity_core::Error| e.to_string();
    let of = |m| message(complexity_core::analyze(m, Shape::new(&INPUT), Mode::Train).unwrap_err());
    assert_eq!(
        of(&Permute::MODULE),
        "model: `permute` of a tensor of shape [1, 4, 8]: a dimension appears twice, so the order is not a permutation (in `Permute`'s forward)"
    );
    assert_eq!(
        of(&Expand::MODULE),
        "model: `expand` of a tensor of shape [1, 4, 8]: only a dimension of size 1 can be expanded to another size (in `Expand`'s forward)"
    );
    assert_eq!(
        of(&Reshape::MODULE),
        "model: `reshape` of a tensor of shape [1, 4, 8]: the sizes given do not divide its elements, so -1 cannot be inferred (in `Reshape`'s forward)"
    );
    assert_eq!(
        of(&Sizes::MODULE),
        "model: `reshape` of a tensor of shape [1, 4, 8]: the sizes do not multiply to its number of elements (in `Sizes`'s forward)"
    );
}

/// `torch.softmax(x, -1)` as a function is the same operation as `x.softmax(-1)`.
#[test]
fn operations_as_functions() {
    #[derive(Complexity)]
    #[complexity(forward = sum(softmax(id(x), -1), (1, 2)))]
    struct Functional {
        #[complexity(identity)]
        id: (),
    }
    const F: Totals = totals!(Functional, input = [1, 4, 8]);
    assert_eq!(F.output.dims(), &[1]);
    let mut zeros = Report::of::<Functional>(Shape::new(&INPUT), Mode::Train)
        .unwrap()
        .zero_ops();
    zeros.sort();
    assert_eq!(zeros, vec![("identity", 1), ("softmax", 1), ("sum", 1)]);
}

/// Layers applied functionally, as PyTorch's `F.max_pool2d`, `F.avg_pool2d` and
/// `F.interpolate`: their rules, charged to the module whose forward calls them.
#[test]
fn functional_layers() {
    #[derive(Complexity)]
    #[complexity(forward = {
        let y = F.max_pool2d(id(x), kernel_size = 3, stride = 2);
        let y = F.avg_pool2d(y, 3, 1, 1);
        F.interpolate(y, scale_factor = 2.0, mode = "bilinear")
    })]
    struct Pools {
        #[complexity(identity)]
        id: (),
    }
    // [1, 4, 9, 9] → max pool 3/2 → [1, 4, 4, 4] → avg pool 3/1/1 → [1, 4, 4, 4] →
    // bilinear ×2 → [1, 4, 8, 8]: 4 · 256 multiply-adds by mmengine's rule.
    const T: Totals = totals!(Pools, input = [1, 4, 9, 9]);
    assert_eq!(T.output.dims(), &[1, 4, 8, 8]);
    assert_eq!(T.flops(), 4 * 256);
    let r = Report::of::<Pools>(Shape::new(&[1, 4, 9, 9]), Mode::Train).unwrap();
    assert_eq!(r.model().cost().flops, 1024);
    let mut zeros = r.zero_ops();
    zeros.sort();
    assert_eq!(
        zeros,
        vec![("avg_pool", 1), ("identity", 1), ("max_pool", 1)]
    );
}

/// Sizes read from another value, as PyTorch writes them: `x.view(x.size(0), -1)`,
/// `x.reshape(b, t, h, d)` with `b = x.shape[0]`.
#[test]
fn sizes_from_values() {
    #[derive(Complexity)]
    #[complexity(forward = {
        let y = id(x);
        let z = y.view(y.size(0), -1);
        z.reshape((y.shape[0], y.size(1), 2, -1))
    })]
    struct Views {
        #[complexity(identity)]
        id: (),
    }
    // [3, 4, 8] → view(3, -1) = [3, 32] → reshape(3, 4, 2, -1) = [3, 4, 2, 4].
    const T: Totals = totals!(Views, input = [3, 4, 8]);
    assert_eq!(T.output.dims(), &[3, 4, 2, 4]);
}

/// Views written as functions, as `torch.flatten(x, 1)` is.
#[test]
fn views_as_functions() {
    #[derive(Complexity)]
    #[complexity(forward = torch.flatten(torch.transpose(id(x), 1, 2), 1))]
    struct Flat {
        #[complexity(identity)]
        id: (),
    }
    const T: Totals = totals!(Flat, input = [2, 3, 4]);
    assert_eq!(T.output.dims(), &[2, 12]);
}

/// Buffers (`register_buffer`) and new tensors: values of `forward` that no parameter
/// counts, as a rotary embedding uses them.
#[test]
fn buffers_and_new_tensors() {
    #[derive(Complexity)]
    #[complexity(forward = {
        let positions = torch.arange(x.size(1)).unsqueeze(-1);
        let angles = positions * inv_freq;
        (x * angles.cos() + x * angles.sin()) + torch.zeros((x.size(0), x.size(1), 8))
    })]
    struct Rotary {
        #[complexity(buffer(shape = (8,)))]
        inv_freq: (),
    }
    // [2, 5, 8]: positions [5, 1] × inv_freq [8] = angles [5, 8], broadcast to [2, 5, 8].
    const T: Totals = totals!(Rotary, input = [2, 5, 8]);
    assert_eq!(T.output.dims(), &[2, 5, 8]);
    assert_eq!(T.params(), 0, "a buffer is not a parameter");
    let r = Report::of::<Rotary>(Shape::new(&[2, 5, 8]), Mode::Train).unwrap();
    assert_eq!(r.model().buffers(), vec![("inv_freq", Shape::new(&[8]))]);
    assert!(r.model().parameters().is_empty());
    assert_eq!(
        r.zero_ops().iter().find(|(op, _)| *op == "create"),
        Some(&("create", 2))
    );
}

/// `F.relu(x)` is the function, even in a struct with a `relu` field (which stays
/// uncalled), as in PyTorch.
#[test]
fn functions_never_call_fields() {
    #[derive(Complexity)]
    #[complexity(forward = F.relu(fc(x)))]
    struct Net {
        #[complexity(linear(in = 4, out = 4))]
        fc: (),
        #[complexity(relu, uncalled)]
        relu: (),
    }
    let r = Report::of::<Net>(Shape::new(&[1, 4]), Mode::Train).unwrap();
    assert_eq!(r.module("relu").unwrap().calls(), 0);
    assert_eq!(
        r.model().cost().zero_count(complexity_core::ZeroOp::Relu),
        1
    );
}

/// `torch.cat` as PyTorch writes it: a tuple or a list, the dimension by position, by
/// keyword, or omitted (0); a `let` that reuses a field's name. Channels: 4 after the
/// convolution, 4 + 4 = 8 for `a`, 4 + 4 + 8 = 16 for `b`, then 16 · 2 = 32 rows of `c`
/// along dimension 0.
#[test]
fn cat_as_pytorch_writes_it() {
    #[derive(Complexity)]
    #[complexity(input = (4, 8, 8), forward = {
        let x = conv(x);
        let a = torch.cat((x, x), dim = 1);
        let b = torch.cat([x, x, a], 1);
        let conv = b.relu();
        torch.cat((conv, conv))
    })]
    struct Net {
        #[complexity(conv2d(out = 4, kernel = 1))]
        conv: (),
    }
    assert_eq!(Net::OUTPUT.dims(), &[2, 16, 8, 8]);
}

/// `split` with a list of sizes (`split_with_sizes`), and `split`/`chunk` as functions
/// with the dimension by keyword: `[1, 8, 12]` split into 2 + 6 along dimension 1, then
/// the 6 chunked in 3 pieces of 2 along 1, then the 12 split in pieces of 4 along -1.
#[test]
fn split_with_sizes_and_function_forms() {
    #[derive(Complexity)]
    #[complexity(input = [1, 8, 12], forward = {
        let (a, b) = x.split([2, 6], 1);
        let (c, _, _) = torch.chunk(b, 3, dim = 1);
        let (d, _, _) = torch.split(a + c, 4, -1);
        d
    })]
    struct Net {}
    assert_eq!(Net::OUTPUT.dims(), &[1, 2, 4]);
}

/// `nn.functional.gelu(x)` and `torch.nn.functional.softmax(x, -1)`: the long spellings
/// of `F.` are the same functions (0 FLOPs: one gelu and one softmax listed).
#[test]
fn nn_functional_spellings() {
    #[derive(Complexity)]
    #[complexity(input = [1, 4], forward = torch.nn.functional.softmax(nn.functional.gelu(x), -1))]
    struct Net {}
    let r = Report::of::<Net>(Net::INPUT, Mode::Train).unwrap();
    assert_eq!(r.zero_ops(), [("gelu", 1), ("softmax", 1)]);
}

/// `F.interpolate(y, size = x.shape[-2..])` (Python's `x.shape[-2:]`, FCN's head) and
/// `size = (x.size(2), x.size(3))`: the output follows the input at any size. Bilinear
/// costs 4 FLOPs per output element (mmengine's `upsample_bilinear2d` rule): at
/// `[1, 3, 64, 48]`, 4 · (1·5·64·48) = 61,440; nearest, 1 per element: 15,360.
#[test]
fn interpolate_to_a_size_read_from_the_input() {
    #[derive(Complexity)]
    #[complexity(forward = {
        let y = conv(x);
        F.interpolate(y, size = x.shape[-2..], mode = "bilinear", align_corners = false)
    })]
    struct Fcn {
        #[complexity(conv2d(out = 5, kernel = 8, stride = 8))]
        conv: (),
    }
    #[derive(Complexity)]
    #[complexity(forward = F.interpolate(conv(x), (x.size(2), x.shape[3])))]
    struct Nearest {
        #[complexity(conv2d(out = 5, kernel = 8, stride = 8))]
        conv: (),
    }
    for (h, w) in [(64, 48), (224, 224), (225, 231)] {
        let input = Shape::new(&[1, 3, h, w]);
        let r = Report::of::<Fcn>(input, Mode::Eval).unwrap();
        assert_eq!(r.model().output().unwrap().dims(), &[1, 5, h, w]);
        let up = r
            .totals()
            .cost
            .flops_of(complexity_core::OpKind::UpsampleBilinear2d);
        assert_eq!(up, 4 * 5 * h as u128 * w as u128);
        let r = Report::of::<Nearest>(input, Mode::Eval).unwrap();
        assert_eq!(r.model().output().unwrap().dims(), &[1, 5, h, w]);
        let up = r
            .totals()
            .cost
            .flops_of(complexity_core::OpKind::UpsampleNearest2d);
        assert_eq!(up, 5 * h as u128 * w as u128);
    }
}

/// One child called several times (ALBERT's shared layer, a `for` loop over one module):
/// its parameters count once, its FLOPs and activations at every call. The table is
/// mmengine 0.10.7's for
///
/// ```python
/// class Net(nn.Module):
///     def __init__(s):
///         super().__init__(); s.layer = nn.Linear(16, 16); s.norm = nn.LayerNorm(16)
///     def forward(s, x):
///         for _ in range(3):
///             x = s.norm(s.layer(x))
///         return x
/// get_model_complexity_info(Net(), input_shape=(4, 16))["out_table"]
/// ```
///
/// (linear: 3 · 4·16·16 = 3,072; layer norm: 3 · 5 · 64 = 960).
#[test]
fn a_child_called_several_times() {
    #[derive(Complexity)]
    #[complexity(input = (4, 16), forward = norm(layer(norm(layer(norm(layer(x)))))))]
    struct Net {
        #[complexity(linear(in = 16, out = 16))]
        layer: (),
        #[complexity(layer_norm)]
        norm: (),
    }
    let r = Report::of::<Net>(Net::INPUT, Mode::Train).unwrap();
    assert_eq!(r.module("layer").unwrap().calls(), 3);
    assert_eq!(
        (Net::PARAMS, Net::FLOPS, Net::ACTIVATIONS),
        (304, 4032, 192)
    );
    let expected = "
+----------------+----------------------+---------+--------------+
| module         | #parameters or shape | #flops  | #activations |
+----------------+----------------------+---------+--------------+
| model          | 0.304K               | 4.032K  | 0.192K       |
|  layer         |  0.272K              |  3.072K |  0.192K      |
|   layer.weight |   (16, 16)           |         |              |
|   layer.bias   |   (16,)              |         |              |
|  norm          |  32                  |  0.96K  |  0           |
|   norm.weight  |   (16,)              |         |              |
|   norm.bias    |   (16,)              |         |              |
+----------------+----------------------+---------+--------------+
";
    assert_eq!(r.table(), expected);

    // The same with the Python loop written as one: `x = …;` and `for _ in 0..3`.
    #[derive(Complexity)]
    #[complexity(input = (4, 16), forward = {
        for _ in 0..3 {
            let y = layer(x);
            x = norm(y);
        }
        x
    })]
    struct Looped {
        #[complexity(linear(in = 16, out = 16))]
        layer: (),
        #[complexity(layer_norm)]
        norm: (),
    }
    let r = Report::of::<Looped>(Looped::INPUT, Mode::Train).unwrap();
    assert_eq!(r.table(), expected);
    assert_eq!(Looped::FLOPS, Net::FLOPS);
}

/// `torch.where(cond, a, b)` and `cond.where(a, b)`: `where` is a Rust keyword, written as
/// PyTorch writes it all the same. `where` broadcasts its three tensors.
#[test]
fn where_as_pytorch_writes_it() {
    #[derive(Complexity)]
    #[complexity(input = [2, 4, 8], forward = {
        let mask = x.gt(0);
        let y = torch.where(mask, x, torch.zeros((4, 1)));
        mask.where(y, 0.0)
    })]
    struct Net {}
    assert_eq!(Net::OUTPUT.dims(), &[2, 4, 8]);
    let r = Report::of::<Net>(Net::INPUT, Mode::Train).unwrap();
    assert_eq!(
        r.model().cost().zero_count(complexity_core::ZeroOp::Where),
        2
    );
}

/// `x.new_ones(())` (transformers' `and_masks`), `x.new_zeros(b, n)` and
/// `x.new_full((b, n), v)`: new tensors of the sizes given, counted as `create`.
#[test]
fn new_tensors_from_a_tensor() {
    #[derive(Complexity)]
    #[complexity(input = [2, 8], forward = {
        let one = x.new_ones(());
        let z = x.new_zeros(x.size(0), 8);
        let f = x.new_full((2, 8), -1e9);
        x + z + f + one
    })]
    struct Net {}
    assert_eq!(Net::OUTPUT.dims(), &[2, 8]);
    let r = Report::of::<Net>(Net::INPUT, Mode::Train).unwrap();
    assert_eq!(
        r.model().cost().zero_count(complexity_core::ZeroOp::Create),
        3
    );
}

/// `torch.arange(n, dtype = torch.long, device = x.device)`: dtype and device change no
/// count and are accepted as written.
#[test]
fn new_tensors_take_dtype_and_device() {
    #[derive(Complexity)]
    #[complexity(input = [1, 16], forward = {
        let positions = torch.arange(x.size(1), dtype = torch.long, device = x.device);
        let z = torch.zeros((1, 16), dtype = torch.float32);
        x + positions.unsqueeze(0) + z
    })]
    struct Net {}
    assert_eq!(Net::OUTPUT.dims(), &[1, 16]);
}

/// Masks combined with `&` and `|` (transformers' `and_masks`), `softmax(…, dtype = …)`
/// and `type_as`: shapes broadcast, no count changes, each listed as a zero op.
#[test]
fn masks_dtypes_and_type_as() {
    #[derive(Complexity)]
    #[complexity(input = [1, 1, 8, 8], forward = {
        let causal = x.gt(0);
        let padding = x.lt(1);
        let mask = causal & padding | causal;
        let w = F.softmax(x, dim = -1, dtype = torch.float32).type_as(x);
        w.masked_fill(mask, 0.0)
    })]
    struct Net {}
    let r = Report::of::<Net>(Net::INPUT, Mode::Train).unwrap();
    assert_eq!(
        r.model()
            .cost()
            .zero_count(complexity_core::ZeroOp::Logical),
        2
    );
    assert_eq!(r.model().cost().zero_count(complexity_core::ZeroOp::To), 1);
    assert_eq!(Net::OUTPUT.dims(), &[1, 1, 8, 8]);
}

/// Comparisons written as operators are the table's `lt`, `le`, `gt`, `ge`, `eq`, `ne`
/// (zero op `compare`); `x.to(…)` takes a device and a dtype, by position or keyword.
#[test]
fn comparison_operators_and_to_device_dtype() {
    #[derive(Complexity)]
    #[complexity(input = [1, 8], forward = {
        let q = torch.arange(x.size(1)).unsqueeze(1);
        let k = torch.arange(x.size(1)).unsqueeze(0);
        let mask = (k <= q) & (k > 0) | (k == q) & (k != 3) | (k < 2) & (k >= 1);
        let y = x.to(x.device, torch.float32) + x.to(device = x.device, dtype = torch.float32);
        y.masked_fill(mask, 0.0)
    })]
    struct Net {}
    let r = Report::of::<Net>(Net::INPUT, Mode::Train).unwrap();
    let zeros = |z| r.model().cost().zero_count(z);
    assert_eq!(zeros(complexity_core::ZeroOp::Compare), 6);
    assert_eq!(zeros(complexity_core::ZeroOp::Logical), 5);
    assert_eq!(zeros(complexity_core::ZeroOp::To), 2);
    assert_eq!(Net::OUTPUT.dims(), &[8, 8]);
}

/// An operation's integer arguments may read sizes when it runs, as transformers'
/// `attention_mask[:, :, :, : key_states.shape[-2]]` does: the mask is cut to the keys'
/// length at any input length.
#[test]
fn slice_to_a_size_read_from_a_value() {
    #[derive(Complexity)]
    #[complexity(inputs = (x, mask), forward = {
        let k = mask.narrow(1, 0, x.size(1));
        let cut = mask.slice(1, 0, k.shape[1]);
        k + cut + x
    })]
    struct Net {}
    #[derive(Complexity)]
    #[complexity(forward = n(x, torch.zeros((1, 128, 8))))]
    struct Top {
        n: Net,
    }
    for len in [16, 64, 128] {
        let t = complexity_core::analyze(&Top::MODULE, Shape::new(&[1, len, 8]), Mode::Eval);
        assert_eq!(t.unwrap().output.dims(), &[1, len, 8]);
    }
}

/// A whole shape read from a value: `x.new_zeros(x.shape)`, `y.view(x.size())`.
#[derive(Complexity)]
#[complexity(input = [2, 3, 4], forward = {
    let z = x.new_zeros(x.shape);
    let flat = (x + z).reshape((-1,));
    flat.view(x.size())
})]
struct WholeShape {}

#[test]
fn a_whole_shape_as_sizes() {
    assert_eq!(WholeShape::OUTPUT.dims(), &[2, 3, 4]);
    let r = Report::of::<WholeShape>(WholeShape::INPUT, Mode::Eval).unwrap();
    assert_eq!(r.model().cost().zero_count(ZeroOp::Create), 1);
}

/// `torch.arange(start, end, step)`: from 0 as `arange(end)`; with literals, ⌈(end − start) / step⌉
/// values.
#[derive(Complexity)]
#[complexity(input = [1, 5], forward = torch.arange(0, x.size(1)))]
struct ArangeFromZero {}

/// 2, 4, 6, 8; 3, 6, 9, 12; 10, 8, 6, 4; 0, 2, 4, 6: four values each.
#[derive(Complexity)]
#[complexity(input = [1, 5], forward = {
    torch.arange(2, 10, 2) + torch.arange(3, 13, 3) + torch.arange(10, 2, -2)
        + torch.arange(0, 8, step = 2) + torch.arange(start = 1, end = 5)
})]
struct ArangeStep {}

/// `end` by keyword, read from a size.
#[derive(Complexity)]
#[complexity(input = [1, 5], forward = torch.arange(end = x.size(1)))]
struct ArangeEnd {}

#[test]
fn arange_with_a_start() {
    assert_eq!(ArangeFromZero::OUTPUT.dims(), &[5]);
    assert_eq!(ArangeStep::OUTPUT.dims(), &[4]);
    assert_eq!(ArangeEnd::OUTPUT.dims(), &[5]);
}

/// Weight norm (wav2vec 2.0's positional convolution): the weight is computed in
/// `forward` from `weight_g` and `weight_v`, then `F.conv1d` runs on it.
#[derive(Complexity)]
#[complexity(input = [1, 8, 32], forward = {
    let weight = weight_g * weight_v;
    F.conv1d(x, weight, bias, padding = 2, groups = 2)
})]
struct WeightNormConv {
    #[complexity(parameter(shape = (1, 1, 5)))]
    weight_g: (),
    #[complexity(parameter(shape = (16, 4, 5)))]
    weight_v: (),
    #[complexity(parameter(shape = (16,)))]
    bias: (),
}

/// `F.layer_norm` and `F.group_norm` on the struct's own parameters, and
/// `F.embedding(ids, weight)` (an `nn.Embedding` subclass with its own `forward`).
#[derive(Complexity)]
#[complexity(input = [1, 4, 8], forward = {
    let y = F.layer_norm(x, (8,), weight, bias, 1e-5);
    let z = F.group_norm(y.transpose(1, 2), 2, gn_weight, gn_bias);
    let ids = torch.zeros((1, 3));
    (z, F.embedding(ids, table, padding_idx = 0) * 2.0, F.layer_norm(x, normalized_shape = (8,)))
})]
struct FunctionalNorms {
    #[complexity(parameter(shape = (8,)))]
    weight: (),
    #[complexity(parameter(shape = (8,)))]
    bias: (),
    #[complexity(parameter(shape = (8,)))]
    gn_weight: (),
    #[complexity(parameter(shape = (8,)))]
    gn_bias: (),
    #[complexity(parameter(shape = (10, 6)))]
    table: (),
}

#[test]
fn layers_with_weights_from_forward() {
    use complexity_core::OpKind;
    // conv1d: out 16, in 4 per group, kernel 5, 32 positions (padding 2): 16·4·5·32 =
    // 10,240 FLOPs, 16·32 = 512 activations; parameters 5 + 320 + 16 = 341, the
    // struct's own.
    assert_eq!(WeightNormConv::OUTPUT.dims(), &[1, 16, 32]);
    assert_eq!(
        (
            WeightNormConv::PARAMS,
            WeightNormConv::FLOPS,
            WeightNormConv::ACTIVATIONS
        ),
        (341, 10_240, 512)
    );
    // layer_norm with weight: 32·5 = 160; group_norm (affine) on [1, 8, 4]: 32·5 = 160;
    // layer_norm without weight: 32·4 = 128; the embedding 0.
    let r = Report::of::<FunctionalNorms>(FunctionalNorms::INPUT, Mode::Eval).unwrap();
    let c = r.model().cost();
    assert_eq!(c.flops_of(OpKind::LayerNorm), 160 + 128);
    assert_eq!(c.flops_of(OpKind::GroupNorm), 160);
    assert_eq!(c.zero_count(ZeroOp::Embedding), 1);
    assert_eq!(FunctionalNorms::OUTPUT.dims(), &[1, 8, 4]);
    assert_eq!(c.params, 8 * 4 + 60);
}

/// A child's own tensors in the parent's `forward` (Mamba's `self.dt_proj.weight @ t`,
/// `x + self.embed_positions.weight`): values of their shapes; the children are not
/// called (mmengine's `N/A`), their parameters count once.
#[derive(Complexity)]
#[complexity(input = [1, 8, 4], forward = {
    let dt = matmul(dt_proj.weight, x.transpose(1, 2)).transpose(1, 2);
    dt + dt_proj.bias + embed.weight.select(0, 0)
})]
struct ChildTensors {
    #[complexity(linear(in = 4, out = 6))]
    dt_proj: (),
    #[complexity(embedding(num_embeddings = 3, embedding_dim = 6))]
    embed: (),
}

#[test]
fn a_childs_tensors_as_values() {
    // [6, 4] @ [1, 4, 8]: 6·4·8 = 192 FLOPs; params 24 + 6 + 18 = 48.
    assert_eq!(ChildTensors::OUTPUT.dims(), &[1, 8, 6]);
    assert_eq!((ChildTensors::PARAMS, ChildTensors::FLOPS), (48, 192));
    let r = Report::of::<ChildTensors>(ChildTensors::INPUT, Mode::Eval).unwrap();
    let proj = r.module("dt_proj").unwrap();
    assert_eq!((proj.calls(), proj.cost().params), (0, 30));
    assert!(!proj.traced());
}

/// Whisper's `x + self.embed_positions.weight`, the embedding never called: marked
/// `uncalled` or not, it is listed with its parameters as never called.
#[derive(Complexity)]
#[complexity(input = (1500, 384), forward = x + embed_positions.weight)]
struct PositionsAdded {
    #[complexity(embedding(num_embeddings = 1500, embedding_dim = 384), uncalled)]
    embed_positions: (),
}

#[test]
fn an_uncalled_childs_tensor() {
    assert_eq!(PositionsAdded::OUTPUT.dims(), &[1, 1500, 384]);
    assert_eq!(PositionsAdded::PARAMS, 1500 * 384);
}

/// An in-place operation keeps its tensor's shape: a mask that would grow it is an error
/// (PyTorch: "output with shape [1, 1, 6] doesn't match the broadcast shape [1, 4, 6]").
#[derive(Complexity)]
#[complexity(forward = x.masked_fill_(torch.ones((1, 4, 6)).gt(0.5), 0.0))]
struct GrowsInPlace {}

#[derive(Complexity)]
#[complexity(forward = x.masked_fill_(torch.ones((1, 6)).gt(0.5), 0.0).fill_(1.0))]
struct KeepsInPlace {}

#[test]
fn in_place_keeps_the_shape() {
    let x = Shape::new(&[1, 1, 6]);
    let r = Report::of::<KeepsInPlace>(x, Mode::Eval).unwrap();
    assert_eq!(r.model().output(), Some(x));
    assert_eq!(
        Report::of::<GrowsInPlace>(x, Mode::Eval)
            .err()
            .unwrap()
            .to_string(),
        "model: `masked_fill_` of shapes [1, 1, 6] and [1, 4, 6]: in place, the tensor keeps its shape, and the other does not broadcast to it (in `GrowsInPlace`'s forward)"
    );
}

/// Python's subscripts, as PyTorch writes them, each against its shape by hand from
/// `[2, 8, 8, 6]`.
/// Swin's patch merging: every other row and column, then concatenated: [2, 4, 4, 12].
#[derive(Complexity)]
#[complexity(input = [2, 8, 8, 6], forward = { let a = x[..., 0::2, 0::2, :]; let b = x[..., 1::2, 0::2, :]; cat([a, b], -1) })]
struct PatchMerge {}

/// ViT's class token: [2, 8, 6].
#[derive(Complexity)]
#[complexity(input = [2, 8, 8, 6], forward = x[:, 0])]
struct ClassToken {}

/// a new axis after the first: [2, 1, 8, 8, 6].
#[derive(Complexity)]
#[complexity(input = [2, 8, 8, 6], forward = x[:, None])]
struct NewAxis {}

/// a new last axis: [2, 8, 8, 6, 1].
#[derive(Complexity)]
#[complexity(input = [2, 8, 8, 6], forward = x[..., None])]
struct NewLast {}

/// the first of the batch: [8, 8, 6].
#[derive(Complexity)]
#[complexity(input = [2, 8, 8, 6], forward = x[0])]
struct First {}

/// the last 3 rows; columns 1, 3, 5: [2, 3, 3, 6].
#[derive(Complexity)]
#[complexity(input = [2, 8, 8, 6], forward = x[:, -3:, 1:7:2])]
struct TailAndStep {}

/// every other row: [2, 4, 8, 6].
#[derive(Complexity)]
#[complexity(input = [2, 8, 8, 6], forward = x[:, ::2])]
struct EveryOther {}

/// the last column, counted after `...`: [2, 8, 6].
#[derive(Complexity)]
#[complexity(input = [2, 8, 8, 6], forward = x[..., -1, :])]
struct SelectFromEnd {}

#[test]
fn python_subscripts() {
    assert_eq!(PatchMerge::OUTPUT.dims(), &[2, 4, 4, 12]);
    assert_eq!(ClassToken::OUTPUT.dims(), &[2, 8, 6]);
    assert_eq!(NewAxis::OUTPUT.dims(), &[2, 1, 8, 8, 6]);
    assert_eq!(NewLast::OUTPUT.dims(), &[2, 8, 8, 6, 1]);
    assert_eq!(First::OUTPUT.dims(), &[8, 8, 6]);
    assert_eq!(TailAndStep::OUTPUT.dims(), &[2, 3, 3, 6]);
    assert_eq!(EveryOther::OUTPUT.dims(), &[2, 4, 8, 6]);
    assert_eq!(SelectFromEnd::OUTPUT.dims(), &[2, 8, 6]);
}

/// `torch.nn.utils.parametrizations.weight_norm` (wav2vec 2.0's positional convolution):
/// PyTorch replaces the conv's `weight` by `parametrizations.weight.original0` (g) and
/// `.original1` (v), computed by a `_WeightNorm` module when the conv runs. Written as
/// PyTorch builds it: modules called with no tensor (`inputs = ()`) return the weight,
/// and `F.conv1d` runs on it.
#[derive(Complexity)]
#[complexity(class = "_WeightNorm", inputs = (g, v), forward = v * (g / v.norm(2, (0, 1), true)))]
struct WeightNorm {}

/// `ParametrizationList`: the magnitude and direction, and the module combining them.
#[derive(Complexity)]
#[complexity(class = "ParametrizationList", inputs = (), forward = norm(original0, original1))]
struct ParametrizationList {
    #[complexity(rename = "0")]
    norm: WeightNorm,
    #[complexity(parameter(shape = (1, 1, 128)))]
    original0: (),
    #[complexity(parameter(shape = (768, 48, 128)))]
    original1: (),
}

/// `parametrizations`, a `ModuleDict` of one entry.
#[derive(Complexity)]
#[complexity(class = "ModuleDict", inputs = (), forward = weight())]
struct Parametrizations {
    weight: ParametrizationList,
}

/// `ParametrizedConv1d(768, 768, kernel_size=(128,), padding=(64,), groups=16)`.
#[derive(Complexity)]
#[complexity(
    class = "ParametrizedConv1d",
    input = [1, 768, 50],
    forward = F.conv1d(x, parametrizations(), bias, padding = 64, groups = 16),
)]
struct PositionalConv {
    #[complexity(parameter(shape = (768,)))]
    bias: (),
    parametrizations: Parametrizations,
}

#[test]
fn weight_norm_as_pytorch_builds_it() {
    // g 128 + v 768·48·128 = 4,718,592 + bias 768.
    assert_eq!(PositionalConv::PARAMS, 128 + 4_718_592 + 768);
    // 50 + 2·64 − 128 + 1 = 51 positions; 768 · 48 · 128 · 51 multiply-adds.
    assert_eq!(PositionalConv::OUTPUT.dims(), &[1, 768, 51]);
    assert_eq!(PositionalConv::FLOPS, 768 * 48 * 128 * 51);
    let r = Report::of::<PositionalConv>(PositionalConv::INPUT, Mode::Eval).unwrap();
    let names: Vec<String> = r.state_dict().into_iter().map(|t| t.name).collect();
    assert_eq!(
        names,
        [
            "bias",
            "parametrizations.weight.original0",
            "parametrizations.weight.original1"
        ]
    );
    assert_eq!(
        r.module("parametrizations.weight.0").unwrap().class(),
        "_WeightNorm"
    );
}

/// Swin's relative position bias: `table[index.view(-1)].view(N, N, -1)`, a subscript by a
/// buffer of indices (its rows, `index_select`, zero op `index`), here for 7×7 windows
/// (49 positions, (2·7 − 1)² = 169 table rows, 3 heads).
#[derive(Complexity)]
#[complexity(inputs = (), forward = {
    let bias = table[index.view(-1)].view(49, 49, -1);
    bias.permute(2, 0, 1).contiguous().unsqueeze(0)
})]
struct RelativePositionBias {
    #[complexity(parameter(shape = (169, 3)))]
    table: (),
    #[complexity(buffer(shape = (49, 49)))]
    index: (),
}

/// And BEiT's, `table[index]` by the 2-d index as it is: `[49, 49, 3]` directly.
#[derive(Complexity)]
#[complexity(input = [1, 3, 49, 49], forward = x + bias(),)]
struct Attention {
    bias: RelativePositionBias,
}

#[derive(Complexity)]
#[complexity(input = [49, 49], forward = table[x])]
struct Take2d {
    #[complexity(parameter(shape = (169, 3)))]
    table: (),
}

#[test]
fn a_table_indexed_by_a_tensor() {
    assert_eq!(Attention::OUTPUT.dims(), &[1, 3, 49, 49]);
    assert_eq!(Attention::PARAMS, 169 * 3);
    let r = Report::of::<Attention>(Attention::INPUT, Mode::Eval).unwrap();
    assert_eq!(
        r.module("bias").unwrap().cost().zero_count(ZeroOp::Index),
        1
    );
    assert_eq!(Take2d::OUTPUT.dims(), &[49, 49, 3]);
}

/// The dtype conversions (`x.long()`, `.int()`, `.bool()`, `.half()`, `.bfloat16()`,
/// `.double()`): shapes unchanged, 0 FLOPs, each a `to` (mmengine counts none).
#[test]
fn dtype_conversions() {
    #[derive(Complexity)]
    #[complexity(input = [2, 8], forward = {
        let m = x.gt(0).long().int().bool();
        x.masked_fill(m, 0.0).half().bfloat16().double()
    })]
    struct Net {}
    let r = Report::of::<Net>(Net::INPUT, Mode::Eval).unwrap();
    assert_eq!(r.totals().output, Shape::new(&[2, 8]));
    assert_eq!(r.totals().cost.flops, 0);
    let to = r.zero_ops().into_iter().find(|(op, _)| *op == "to");
    assert_eq!(to, Some(("to", 6)));
}
