//! One row per operation a `forward` can call as a method (`x.rsqrt()`,
//! `x.mean(-1, true)`): how it is written, its arguments, its shape rule, its cost rule,
//! and what autograd saves for backward.

use crate::ZeroOp;

/// How an argument after the receiver is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Arg {
    /// A tensor of the `forward` (`y` in `x.pow(y)`), or a number literal (`2`, `0.5`),
    /// which broadcasts and holds no elements.
    TensorOrNumber,
    /// A number or string no count depends on (`x.clamp(0.0, 6.0)`, `x.to("bf16")`): any
    /// expression, not evaluated.
    Ignored,
    /// One dimension (`-1` counts from the end): an integer const expression.
    Dim,
    /// Dimensions: one (`1`), or a tuple or array of them (`(1, 2)`, `[-1]`).
    Dims,
    /// A `bool` const expression (`keepdim`).
    Bool,
    /// A dtype (`torch.float32`, `torch.bfloat16`, `torch.long`, …, or a value's
    /// `v.dtype`), or a device (`v.device`, `"cuda"`), which changes nothing counted.
    Dtype,
    /// A value of the `forward` lending only its dtype (`x.type_as(y)`).
    DtypeOf,
    /// A probability (`dropout`'s `p`): an `f64` const expression, default 0.5. Only
    /// whether it is 0 counts (dropout keeps no mask then); the step's `keepdim` carries
    /// `p > 0`.
    Rate,
}

/// One argument of an operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Param {
    /// Its name in PyTorch.
    pub name: &'static str,
    /// How it is written.
    pub kind: Arg,
    /// Whether it may be left out (then PyTorch's default: all dimensions, `false`, …).
    pub optional: bool,
}

/// How an operation's output shape follows from its inputs (`dims` are its integer
/// arguments in order).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ShapeRule {
    /// Elementwise: the inputs broadcast (NumPy / PyTorch rules) and the output has the
    /// broadcast shape; a `Dim` argument must be a dimension of it.
    Elementwise,
    /// In place (`x.masked_fill_(mask, v)`, `x.fill_(v)`): the output is `x`, whose shape
    /// the other inputs must broadcast to without growing it.
    InPlace,
    /// A reduction over `dims` (all of them when none are given): each removed, or kept
    /// as 1 with `keepdim`.
    Reduce,
    /// `unsqueeze(dim)`: a dimension of size 1 inserted at `dim` (of the result).
    Unsqueeze,
    /// `squeeze(dim)`: dimension `dim` removed if its size is 1; without `dim`, every
    /// size-1 dimension.
    Squeeze,
    /// `repeat(sizes)`: each dimension multiplied by its count (leading counts add
    /// dimensions).
    Repeat,
    /// `repeat_interleave(repeats, dim)`: dimension `dim` multiplied by `repeats`.
    RepeatInterleave,
    /// `narrow(dim, start, length)`: dimension `dim` cut to `length` from `start`.
    Narrow,
    /// `F.pad(x, pad)`: `(left, right)` pairs from the last dimension backwards, each
    /// added to its dimension.
    Pad,
    /// `gather(dim, index)`: the shape of `index` (of the same rank as the input).
    Gather,
    /// `index_select(dim, index)`: dimension `dim` becomes the index's length (a 1-d
    /// index).
    IndexSelect,
    /// `slice(dim, start, end, step)` (Python's `x[..., start:end:step]`): dimension `dim`
    /// cut to `⌈(end − start) / step⌉` after clamping to the dimension (negative `start`
    /// and `end` count from the end; `end` defaults to the size, `step` to 1).
    Slice,
    /// `bmm(a, b)`: `[n, c, t] @ [n, t, d]` gives `[n, c, d]`.
    Bmm,
    /// `mm(a, b)`: `[c, t] @ [t, d]` gives `[c, d]`.
    Mm,
    /// `input.addmm(mat1, mat2)`: `[c, t] @ [t, d]` gives `[c, d]`, and `input`
    /// broadcasts to it.
    Addmm,
    /// `input.baddbmm(batch1, batch2)`: `[n, c, t] @ [n, t, d]` gives `[n, c, d]`, and
    /// `input` broadcasts to it.
    Baddbmm,
}

/// mmengine's cost rule for an operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CostRule {
    /// No handle: 0 FLOPs, counted as this kind of [`ZeroOp`].
    Zero(ZeroOp),
    /// `aten::bmm` (op `bmm`): `n · c · t · d` FLOPs, `numel(output)` activations.
    Bmm,
    /// `aten::mm` (op `mm`): `c · t · d` FLOPs, no activations (mmengine has no
    /// activation rule for `mm`).
    Mm,
    /// `aten::addmm` (op `addmm`): `c · t · d` FLOPs of `mat1 [c, t] @ mat2 [t, d]`,
    /// `numel(output)` activations; the added `input` costs nothing.
    Addmm,
    /// `aten::baddbmm`: no handle in mmengine, 0 FLOPs (zero op `baddbmm`); its
    /// `n · c · t · d` multiply-adds of `batch1 [n, c, t] @ batch2 [n, t, d]` are kept apart
    /// for the conventions that count them (torch's `FlopCounterMode`, calflops).
    Baddbmm,
    /// A KV cache's `update`: 0 FLOPs (zero op `kv_cache`), and its input's elements are
    /// what the cache holds after this forward.
    Cache,
}

/// What autograd saves for the backward pass (PyTorch's `derivatives.yaml` and the
/// modules' forward code), for the memory analysis. An operation on values none of
/// which needs a gradient saves nothing, whatever its rule.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Saved {
    /// Nothing that holds elements (sizes only).
    Nothing,
    /// Nothing, and the output is a view of the input (shares its storage).
    View,
    /// Its input.
    Input,
    /// Its output.
    Output,
    /// Its input and its output.
    InputAndOutput,
    /// Every tensor operand (`maximum`, `minimum`).
    Inputs,
    /// A product's operands (`bmm`, `mm`, the factors of `addmm`, `baddbmm`): each
    /// one when another needs a gradient.
    Factors,
    /// A mask of its input's size (dropout in training: float on CPU, bool on CUDA).
    Mask,
    /// The bool condition, operand `k` of the row's tensors (`where`'s receiver: 0;
    /// `masked_fill`'s mask: 1).
    Condition(usize),
    /// The int64 index (`index_select`).
    Index,
    /// The int64 index and the input (`gather`).
    IndexAndInput,
    /// The input and two values per row (`F.normalize`: the norm, clamped).
    Normalize,
}

/// How a `forward` wrote an operation: what decides whether a tool that replaces
/// PyTorch's functions at run time (ptflops, calflops) sees it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Spelling {
    /// A method (`x.softmax(-1)`), or a bare function of the `forward` language
    /// (`softmax(x, -1)`): PyTorch's `Tensor.softmax`.
    Method,
    /// `torch.softmax(x, -1)`.
    Torch,
    /// `F.softmax(x, -1)`, `nn.functional.softmax(x, -1)`,
    /// `torch.nn.functional.softmax(x, -1)`.
    Functional,
}

/// The spellings of an operation a tool counts (a set of [`Spelling`]s).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Seen(u8);

impl Seen {
    /// No spelling: the tool never counts the operation.
    pub const NONE: Seen = Seen(0);
    /// `F.name(x)` only (the tools wrap `torch.nn.functional`'s functions).
    pub const FUNCTIONAL: Seen = Seen(1 << Spelling::Functional as u8);
    /// `torch.name(a, b)` only.
    pub const TORCH: Seen = Seen(1 << Spelling::Torch as u8);
    /// `torch.name(a, b)` and `a.name(b)` (the tools wrap both the function and the
    /// `Tensor` method).
    pub const TORCH_AND_METHOD: Seen =
        Seen((1 << Spelling::Torch as u8) | (1 << Spelling::Method as u8));

    /// Whether an operation written `spelling` is counted.
    pub const fn sees(self, spelling: Spelling) -> bool {
        self.0 & (1 << spelling as u8) != 0
    }
}

/// Which spellings of an operation the tools that replace PyTorch's functions count (by
/// the row's kind: an elementwise operation counts `numel(input)`; `bmm`/`mm`
/// `numel(a) · b[-1]`, twice in calflops' FLOPs; `addmm`/`baddbmm` that plus
/// `numel(input)`): what ptflops 0.7.5's `patch_functional`/`patch_tensor_ops` and
/// calflops 0.3.2's `_patch_functionals`/`_patch_tensor_methods` wrap.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Tools {
    /// ptflops (`get_model_complexity_info(…, backend = "pytorch")`).
    pub ptflops: Seen,
    /// calflops (`calculate_flops`).
    pub calflops: Seen,
}

impl Tools {
    /// Seen by neither.
    pub const NONE: Tools = Tools {
        ptflops: Seen::NONE,
        calflops: Seen::NONE,
    };
    /// `F.name(x)` seen by both (`F.relu`, `F.gelu`, `F.silu`, `F.softmax`, …).
    pub const FUNCTIONAL: Tools = Tools {
        ptflops: Seen::FUNCTIONAL,
        calflops: Seen::FUNCTIONAL,
    };
}

/// What `torch.autocast` does with an operation's operands on one device (PyTorch's
/// `autocast_mode.cpp` lists, as `torch.amp`'s docs print them).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Policy {
    /// Not listed: it runs in its operands' dtype (type promotion: a float32 operand
    /// with dimensions makes the result float32).
    Input,
    /// Lower precision (`conv*`, `linear`, `matmul`, `bmm`, `mm`, `addmm`, `baddbmm`):
    /// each float32 operand is cast to a new half-precision copy, weights once per
    /// parameter, the result is half precision.
    Lower,
    /// float32 (CPU: `adaptive_avg_pool3d`, `max_pool3d`, `avg_pool3d`, `prod`, losses;
    /// CUDA also `softmax`, `layer_norm`, `group_norm`, `exp`, `log`, `pow`, `rsqrt`,
    /// `sum`, `cumsum`, `norm`, …): each half-precision operand is cast to a new float32
    /// copy, the result is float32.
    Float32,
    /// The widest operand's dtype (CPU: `cat`, `stack`): narrower operands are cast.
    Promote,
}

/// An operation's autocast policy on the CPU and on CUDA.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Autocast {
    /// On the CPU (`torch.autocast("cpu")`).
    pub cpu: Policy,
    /// On CUDA (`torch.autocast("cuda")`).
    pub cuda: Policy,
}

impl Autocast {
    /// Listed nowhere: its operands' dtype.
    pub const INPUT: Autocast = Autocast {
        cpu: Policy::Input,
        cuda: Policy::Input,
    };
    /// Lower precision on both devices (matrix products).
    pub const LOWER: Autocast = Autocast {
        cpu: Policy::Lower,
        cuda: Policy::Lower,
    };
    /// float32 on CUDA, its operands' dtype on the CPU (`softmax`, `exp`, `rsqrt`, …).
    pub const FLOAT32_ON_CUDA: Autocast = Autocast {
        cpu: Policy::Input,
        cuda: Policy::Float32,
    };
}

/// The dtype of an operation's result, outside autocast's lists.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Dtype {
    /// Its operands' (type promotion; a view or an in-place result keeps its input's).
    Promoted,
    /// float32 (`x.float()`).
    Float32,
    /// Half precision (`x.half()`, `x.bfloat16()`).
    Half,
    /// Not a float (`x.long()`, `x.bool()`, comparisons): never cast.
    Integer,
    /// `where(cond, a, b)`: `a`'s and `b`'s promoted dtype, float32 (PyTorch's default
    /// dtype) when they are numbers; never the condition's.
    Selected,
    /// As its `dtype` argument says (`x.to(torch.float32)`, `x.to(y.dtype)`,
    /// `x.type_as(y)`, `F.softmax(x, -1, dtype = torch.float32)`), else promoted.
    Argument,
}

/// One operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Op {
    /// How a `forward` calls it: `x.name(args)`.
    pub name: &'static str,
    /// How it reads in full, as the docs and error messages show it.
    pub usage: &'static str,
    /// Its arguments after the receiver, in order.
    pub params: &'static [Param],
    /// Its shape rule.
    pub shape: ShapeRule,
    /// mmengine's cost rule.
    pub cost: CostRule,
    /// What autograd saves for backward.
    pub saved: Saved,
    /// Which spellings ptflops and calflops count.
    pub tools: Tools,
    /// Its result's dtype.
    pub dtype: Dtype,
    /// What autocast does with it.
    pub autocast: Autocast,
}

impl Op {
    /// The row with the spellings ptflops and calflops count.
    const fn seen(mut self, tools: Tools) -> Op {
        self.tools = tools;
        self
    }

    /// The row with its result's dtype.
    const fn dtype(mut self, dtype: Dtype) -> Op {
        self.dtype = dtype;
        self
    }

    /// The row with autocast's policy.
    const fn cast(mut self, autocast: Autocast) -> Op {
        self.autocast = autocast;
        self
    }
}

const fn param(name: &'static str, kind: Arg) -> Param {
    Param {
        name,
        kind,
        optional: false,
    }
}

const fn optional(name: &'static str, kind: Arg) -> Param {
    Param {
        name,
        kind,
        optional: true,
    }
}

const fn elementwise(
    name: &'static str,
    usage: &'static str,
    params: &'static [Param],
    zero: ZeroOp,
    saved: Saved,
) -> Op {
    Op {
        name,
        usage,
        params,
        shape: ShapeRule::Elementwise,
        cost: CostRule::Zero(zero),
        saved,
        tools: Tools::NONE,
        dtype: Dtype::Promoted,
        autocast: Autocast::INPUT,
    }
}

const fn shaped(
    name: &'static str,
    usage: &'static str,
    params: &'static [Param],
    shape: ShapeRule,
    cost: CostRule,
    saved: Saved,
) -> Op {
    Op {
        name,
        usage,
        params,
        shape,
        cost,
        saved,
        tools: Tools::NONE,
        dtype: Dtype::Promoted,
        autocast: Autocast::INPUT,
    }
}

/// The arguments of a reduction: `x.sum()`, `x.sum(-1)`, `x.sum((1, 2), true)`.
const REDUCE: &[Param] = &[optional("dim", Arg::Dims), optional("keepdim", Arg::Bool)];

const fn reduction(name: &'static str, zero: ZeroOp, saved: Saved) -> Op {
    Op {
        name,
        usage: "",
        params: REDUCE,
        shape: ShapeRule::Reduce,
        cost: CostRule::Zero(zero),
        saved,
        tools: Tools::NONE,
        dtype: Dtype::Promoted,
        autocast: Autocast::INPUT,
    }
}

use Arg::{Dim, Dims, Ignored, TensorOrNumber};
use Saved::{
    Condition, Factors, Index, IndexAndInput, Input, InputAndOutput, Inputs, Mask, Normalize,
    Nothing, Output, View,
};

/// Every operation a `forward` calls as a method (or as a function of its first tensor),
/// by name. Binary operators (`+ - * /`), views (`reshape`, `transpose`, …), `matmul`, `cat`
/// and `split` have rules of their own (see `complexity_core::layer`). Each row's rules
/// were measured with mmengine 0.10.7 (`tests/fixtures/mmengine_ops.json` and
/// `mmengine_layers.json` in the repository).
pub const OPS: &[Op] = &[
    elementwise(
        "relu",
        "x.relu(inplace)",
        &[optional("inplace", Ignored)],
        ZeroOp::Relu,
        Output,
    )
    .seen(Tools::FUNCTIONAL),
    elementwise(
        "relu6",
        "x.relu6(inplace)",
        &[optional("inplace", Ignored)],
        ZeroOp::Relu6,
        Input,
    )
    .seen(Tools::FUNCTIONAL),
    elementwise(
        "gelu",
        "x.gelu()",
        &[optional("approximate", Ignored)],
        ZeroOp::Gelu,
        Input,
    )
    .seen(Tools::FUNCTIONAL),
    elementwise("tanh", "x.tanh()", &[], ZeroOp::Tanh, Output),
    elementwise("sigmoid", "x.sigmoid()", &[], ZeroOp::Sigmoid, Output),
    elementwise(
        "silu",
        "x.silu(inplace)",
        &[optional("inplace", Ignored)],
        ZeroOp::Silu,
        Input,
    )
    .seen(Tools::FUNCTIONAL),
    elementwise(
        "hardswish",
        "x.hardswish(inplace)",
        &[optional("inplace", Ignored)],
        ZeroOp::Hardswish,
        Input,
    ),
    elementwise(
        "hardsigmoid",
        "x.hardsigmoid(inplace)",
        &[optional("inplace", Ignored)],
        ZeroOp::Hardsigmoid,
        Input,
    ),
    elementwise(
        "mish",
        "x.mish(inplace)",
        &[optional("inplace", Ignored)],
        ZeroOp::Mish,
        Input,
    ),
    elementwise(
        "elu",
        "x.elu(alpha)",
        &[optional("alpha", Ignored)],
        ZeroOp::Elu,
        Input,
    )
    .seen(Tools::FUNCTIONAL),
    elementwise(
        "leaky_relu",
        "x.leaky_relu(negative_slope)",
        &[optional("negative_slope", Ignored)],
        ZeroOp::LeakyRelu,
        Input,
    )
    .seen(Tools {
        ptflops: Seen::NONE,
        calflops: Seen::FUNCTIONAL,
    }),
    elementwise(
        "hardtanh",
        "x.hardtanh(min_val, max_val)",
        &[optional("min_val", Ignored), optional("max_val", Ignored)],
        ZeroOp::Hardtanh,
        Input,
    ),
    elementwise(
        "softplus",
        "x.softplus(beta, threshold)",
        &[optional("beta", Ignored), optional("threshold", Ignored)],
        ZeroOp::Softplus,
        Input,
    )
    .cast(Autocast::FLOAT32_ON_CUDA),
    elementwise(
        "softmax",
        "x.softmax(dim, dtype)",
        &[param("dim", Dim), optional("dtype", Arg::Dtype)],
        ZeroOp::Softmax,
        Output,
    )
    .seen(Tools::FUNCTIONAL)
    .dtype(Dtype::Argument)
    .cast(Autocast::FLOAT32_ON_CUDA),
    elementwise(
        "log_softmax",
        "x.log_softmax(dim, dtype)",
        &[param("dim", Dim), optional("dtype", Arg::Dtype)],
        ZeroOp::LogSoftmax,
        Output,
    )
    .dtype(Dtype::Argument)
    .cast(Autocast::FLOAT32_ON_CUDA),
    elementwise(
        "dropout",
        "x.dropout(p, training, inplace)",
        &[
            optional("p", Arg::Rate),
            optional("training", Ignored),
            optional("inplace", Ignored),
        ],
        ZeroOp::Dropout,
        Mask,
    ),
    elementwise(
        "pow",
        "x.pow(exponent)",
        &[param("exponent", TensorOrNumber)],
        ZeroOp::Pow,
        Input,
    )
    .cast(Autocast::FLOAT32_ON_CUDA),
    elementwise("sqrt", "x.sqrt()", &[], ZeroOp::Sqrt, Output),
    elementwise("rsqrt", "x.rsqrt()", &[], ZeroOp::Rsqrt, Output).cast(Autocast::FLOAT32_ON_CUDA),
    elementwise("exp", "x.exp()", &[], ZeroOp::Exp, Output).cast(Autocast::FLOAT32_ON_CUDA),
    elementwise("log", "x.log()", &[], ZeroOp::Log, Input).cast(Autocast::FLOAT32_ON_CUDA),
    elementwise("abs", "x.abs()", &[], ZeroOp::Abs, Input),
    elementwise("cos", "x.cos()", &[], ZeroOp::Cos, Input),
    elementwise("sin", "x.sin()", &[], ZeroOp::Sin, Input),
    elementwise("neg", "x.neg() or -x", &[], ZeroOp::Neg, Nothing),
    elementwise(
        "clamp",
        "x.clamp(min, max)",
        &[optional("min", Ignored), optional("max", Ignored)],
        ZeroOp::Clamp,
        Input,
    ),
    elementwise(
        "to",
        "x.to(dtype) or x.to(device, dtype)",
        &[
            optional("device", Arg::Dtype),
            optional("dtype", Arg::Dtype),
            optional("non_blocking", Ignored),
            optional("copy", Ignored),
        ],
        ZeroOp::To,
        View,
    )
    .dtype(Dtype::Argument),
    elementwise(
        "type",
        "x.type(dtype)",
        &[param("dtype", Arg::Dtype)],
        ZeroOp::To,
        View,
    )
    .dtype(Dtype::Argument),
    elementwise("float", "x.float()", &[], ZeroOp::To, View).dtype(Dtype::Float32),
    // Conversions to another dtype: a new tensor (the input is float32 here).
    elementwise("double", "x.double()", &[], ZeroOp::To, Nothing).dtype(Dtype::Float32),
    elementwise("half", "x.half()", &[], ZeroOp::To, Nothing).dtype(Dtype::Half),
    elementwise("bfloat16", "x.bfloat16()", &[], ZeroOp::To, Nothing).dtype(Dtype::Half),
    elementwise("long", "x.long()", &[], ZeroOp::To, Nothing).dtype(Dtype::Integer),
    elementwise("int", "x.int()", &[], ZeroOp::To, Nothing).dtype(Dtype::Integer),
    elementwise("bool", "x.bool()", &[], ZeroOp::To, Nothing).dtype(Dtype::Integer),
    elementwise("clone", "x.clone()", &[], ZeroOp::Clone, Nothing),
    elementwise(
        "contiguous",
        "x.contiguous()",
        &[],
        ZeroOp::Reshape,
        Nothing,
    ),
    elementwise(
        "type_as",
        "x.type_as(other)",
        &[param("other", Arg::DtypeOf)],
        ZeroOp::To,
        View,
    )
    .dtype(Dtype::Argument),
    shaped(
        "kv_cache",
        "let (k, v) = past_key_values.update(k, v, layer_idx) (one tensor: k.kv_cache())",
        &[],
        ShapeRule::Elementwise,
        CostRule::Cache,
        View,
    ),
    elementwise(
        "tril",
        "x.tril(diagonal)",
        &[optional("diagonal", Ignored)],
        ZeroOp::Tril,
        Nothing,
    ),
    elementwise(
        "triu",
        "x.triu(diagonal)",
        &[optional("diagonal", Ignored)],
        ZeroOp::Triu,
        Nothing,
    ),
    Op {
        usage: "x.mean(dim, keepdim)",
        ..reduction("mean", ZeroOp::Mean, Nothing)
    },
    Op {
        usage: "x.sum(dim, keepdim)",
        ..reduction("sum", ZeroOp::Sum, Nothing)
    }
    .cast(Autocast::FLOAT32_ON_CUDA),
    Op {
        usage: "x.amax(dim, keepdim)",
        ..reduction("amax", ZeroOp::Amax, InputAndOutput)
    },
    Op {
        usage: "x.amin(dim, keepdim)",
        ..reduction("amin", ZeroOp::Amin, InputAndOutput)
    },
    Op {
        usage: "x.std(dim, keepdim)",
        ..reduction("std", ZeroOp::Std, InputAndOutput)
    },
    Op {
        usage: "x.var(dim, keepdim)",
        ..reduction("var", ZeroOp::Var, Input)
    },
    Op {
        usage: "x.norm(p, dim, keepdim)",
        params: &[
            optional("p", Ignored),
            optional("dim", Dims),
            optional("keepdim", Arg::Bool),
        ],
        ..reduction("norm", ZeroOp::Norm, InputAndOutput)
    }
    .cast(Autocast::FLOAT32_ON_CUDA),
    elementwise(
        "cumsum",
        "x.cumsum(dim)",
        &[param("dim", Dim)],
        ZeroOp::Cumsum,
        Nothing,
    )
    .cast(Autocast::FLOAT32_ON_CUDA),
    elementwise(
        "where",
        "cond.where(a, b) or where(cond, a, b)",
        &[
            param("input", TensorOrNumber),
            param("other", TensorOrNumber),
        ],
        ZeroOp::Where,
        Condition(0),
    )
    .dtype(Dtype::Selected),
    elementwise(
        "masked_fill",
        "x.masked_fill(mask, value)",
        &[param("mask", TensorOrNumber), param("value", Ignored)],
        ZeroOp::MaskedFill,
        Condition(1),
    ),
    shaped(
        "masked_fill_",
        "x.masked_fill_(mask, value)",
        &[param("mask", TensorOrNumber), param("value", Ignored)],
        ShapeRule::InPlace,
        CostRule::Zero(ZeroOp::MaskedFill),
        Condition(1),
    ),
    shaped(
        "fill_",
        "x.fill_(value)",
        &[param("value", Ignored)],
        ShapeRule::InPlace,
        CostRule::Zero(ZeroOp::Fill),
        Nothing,
    ),
    elementwise(
        "logical_and",
        "a.logical_and(b) or a & b",
        &[param("other", TensorOrNumber)],
        ZeroOp::Logical,
        Nothing,
    )
    .dtype(Dtype::Integer),
    elementwise(
        "logical_or",
        "a.logical_or(b) or a | b",
        &[param("other", TensorOrNumber)],
        ZeroOp::Logical,
        Nothing,
    )
    .dtype(Dtype::Integer),
    elementwise(
        "eq",
        "x.eq(other) or x == other",
        &[param("other", TensorOrNumber)],
        ZeroOp::Compare,
        Nothing,
    )
    .dtype(Dtype::Integer),
    elementwise(
        "ne",
        "x.ne(other) or x != other",
        &[param("other", TensorOrNumber)],
        ZeroOp::Compare,
        Nothing,
    )
    .dtype(Dtype::Integer),
    elementwise(
        "lt",
        "x.lt(other) or x < other",
        &[param("other", TensorOrNumber)],
        ZeroOp::Compare,
        Nothing,
    )
    .dtype(Dtype::Integer),
    elementwise(
        "le",
        "x.le(other) or x <= other",
        &[param("other", TensorOrNumber)],
        ZeroOp::Compare,
        Nothing,
    )
    .dtype(Dtype::Integer),
    elementwise(
        "gt",
        "x.gt(other) or x > other",
        &[param("other", TensorOrNumber)],
        ZeroOp::Compare,
        Nothing,
    )
    .dtype(Dtype::Integer),
    elementwise(
        "ge",
        "x.ge(other) or x >= other",
        &[param("other", TensorOrNumber)],
        ZeroOp::Compare,
        Nothing,
    )
    .dtype(Dtype::Integer),
    elementwise(
        "maximum",
        "x.maximum(other)",
        &[param("other", TensorOrNumber)],
        ZeroOp::Maximum,
        Inputs,
    ),
    elementwise(
        "minimum",
        "x.minimum(other)",
        &[param("other", TensorOrNumber)],
        ZeroOp::Minimum,
        Inputs,
    ),
    elementwise(
        "roll",
        "x.roll(shifts, dims)",
        &[param("shifts", Ignored), optional("dims", Ignored)],
        ZeroOp::Roll,
        Nothing,
    ),
    elementwise(
        "normalize",
        "x.normalize(p, dim) or F.normalize(x, p, dim)",
        &[optional("p", Ignored), optional("dim", Dim)],
        ZeroOp::Normalize,
        Normalize,
    )
    .cast(Autocast::FLOAT32_ON_CUDA),
    elementwise("erf", "x.erf()", &[], ZeroOp::Erf, Input),
    elementwise("sign", "x.sign()", &[], ZeroOp::Sign, Nothing),
    elementwise("floor", "x.floor()", &[], ZeroOp::Floor, Nothing),
    elementwise("log1p", "x.log1p()", &[], ZeroOp::Log1p, Input).cast(Autocast::FLOAT32_ON_CUDA),
    elementwise(
        "reciprocal",
        "x.reciprocal()",
        &[],
        ZeroOp::Reciprocal,
        Output,
    )
    .cast(Autocast::FLOAT32_ON_CUDA),
    elementwise(
        "flip",
        "x.flip(dims)",
        &[param("dims", Ignored)],
        ZeroOp::Flip,
        Nothing,
    ),
    shaped(
        "unsqueeze",
        "x.unsqueeze(dim)",
        &[param("dim", Dim)],
        ShapeRule::Unsqueeze,
        CostRule::Zero(ZeroOp::Reshape),
        View,
    ),
    shaped(
        "squeeze",
        "x.squeeze(dim)",
        &[optional("dim", Dim)],
        ShapeRule::Squeeze,
        CostRule::Zero(ZeroOp::Reshape),
        View,
    ),
    shaped(
        "repeat",
        "x.repeat((counts…))",
        &[param("repeats", Dims)],
        ShapeRule::Repeat,
        CostRule::Zero(ZeroOp::Repeat),
        Nothing,
    ),
    shaped(
        "repeat_interleave",
        "x.repeat_interleave(repeats, dim)",
        &[param("repeats", Dim), param("dim", Dim)],
        ShapeRule::RepeatInterleave,
        CostRule::Zero(ZeroOp::Repeat),
        Nothing,
    ),
    shaped(
        "narrow",
        "x.narrow(dim, start, length)",
        &[param("dim", Dim), param("start", Dim), param("length", Dim)],
        ShapeRule::Narrow,
        CostRule::Zero(ZeroOp::Reshape),
        View,
    ),
    shaped(
        "pad",
        "x.pad((left, right, …)) or F.pad(x, (left, right, …))",
        &[
            param("pad", Dims),
            optional("mode", Ignored),
            optional("value", Ignored),
        ],
        ShapeRule::Pad,
        CostRule::Zero(ZeroOp::Pad),
        Nothing,
    ),
    elementwise("zeros_like", "x.zeros_like()", &[], ZeroOp::Create, Nothing),
    elementwise("ones_like", "x.ones_like()", &[], ZeroOp::Create, Nothing),
    elementwise("empty_like", "x.empty_like()", &[], ZeroOp::Create, Nothing),
    elementwise(
        "full_like",
        "x.full_like(value)",
        &[param("fill_value", Ignored)],
        ZeroOp::Create,
        Nothing,
    ),
    shaped(
        "slice",
        "x.slice(dim, start, end, step) (x[..., start:end:step])",
        &[
            param("dim", Dim),
            param("start", Dim),
            optional("end", Dim),
            optional("step", Dim),
        ],
        ShapeRule::Slice,
        CostRule::Zero(ZeroOp::Reshape),
        View,
    ),
    shaped(
        "index_select",
        "x.index_select(dim, index) (x[index])",
        &[param("dim", Dim), param("index", TensorOrNumber)],
        ShapeRule::IndexSelect,
        CostRule::Zero(ZeroOp::Index),
        Index,
    ),
    shaped(
        "gather",
        "x.gather(dim, index)",
        &[param("dim", Dim), param("index", TensorOrNumber)],
        ShapeRule::Gather,
        CostRule::Zero(ZeroOp::Gather),
        IndexAndInput,
    ),
    shaped(
        "bmm",
        "a.bmm(b) or bmm(a, b)",
        &[param("mat2", TensorOrNumber)],
        ShapeRule::Bmm,
        CostRule::Bmm,
        Factors,
    )
    .seen(Tools {
        ptflops: Seen::TORCH_AND_METHOD,
        calflops: Seen::NONE,
    })
    .cast(Autocast::LOWER),
    shaped(
        "mm",
        "a.mm(b) or mm(a, b)",
        &[param("mat2", TensorOrNumber)],
        ShapeRule::Mm,
        CostRule::Mm,
        Factors,
    )
    .seen(Tools {
        ptflops: Seen::TORCH_AND_METHOD,
        calflops: Seen::NONE,
    })
    .cast(Autocast::LOWER),
    shaped(
        "addmm",
        "input.addmm(mat1, mat2, beta, alpha) or torch.addmm(input, mat1, mat2)",
        &[
            param("mat1", TensorOrNumber),
            param("mat2", TensorOrNumber),
            optional("beta", Ignored),
            optional("alpha", Ignored),
        ],
        ShapeRule::Addmm,
        CostRule::Addmm,
        Factors,
    )
    .seen(Tools {
        ptflops: Seen::TORCH_AND_METHOD,
        calflops: Seen::TORCH_AND_METHOD,
    })
    .cast(Autocast::LOWER),
    shaped(
        "baddbmm",
        "input.baddbmm(batch1, batch2, beta, alpha) or torch.baddbmm(input, batch1, batch2)",
        &[
            param("batch1", TensorOrNumber),
            param("batch2", TensorOrNumber),
            optional("beta", Ignored),
            optional("alpha", Ignored),
        ],
        ShapeRule::Baddbmm,
        CostRule::Baddbmm,
        Factors,
    )
    .seen(Tools {
        ptflops: Seen::TORCH,
        calflops: Seen::TORCH,
    })
    .cast(Autocast::LOWER),
];

/// The row of the operation called `name`, by its index in [`OPS`]. O(rows).
pub const fn find(name: &str) -> Option<usize> {
    let mut i = 0;
    while i < OPS.len() {
        if same_str(OPS[i].name, name) {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `a == b` in a `const fn` (where `==` on `str` is not available). O(length).
pub const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        for (i, op) in OPS.iter().enumerate() {
            assert_eq!(find(op.name), Some(i), "{}", op.name);
            assert!(op.usage.contains(op.name), "{}", op.usage);
        }
        assert_eq!(find("nope"), None);
    }
}
