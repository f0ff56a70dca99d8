//! The static description of a model that `#[derive(Complexity)]` emits: a `const` tree of
//! modules and how data flows between them. It holds no numbers of its own; the
//! [`analysis`](crate::analysis) computes everything from it.

use crate::layer::{Layer, Size};
use crate::ops::Spelling;
use crate::shape::Shape;

/// A module: a layer, a sequence of modules, or a struct with children and a forward
/// program.
#[derive(Clone, Copy, Debug)]
pub struct Module {
    /// The class name reports print (`ResNet`, `BasicBlock`, `Sequential`, `Conv2d`).
    pub class: &'static str,
    /// PyTorch's `extra_repr()` if it differs from the layer's own (`Some("")` for
    /// `GELUActivation()`, which prints none).
    pub extra_repr: Option<&'static str>,
    /// What it is made of.
    pub body: Body,
    /// Tied weights: the path, from the model, of the module whose parameters these
    /// are (`Some("shared")` for BART's `encoder.embed_tokens`, whose weight is
    /// `shared.weight`). The module runs as usual but counts no parameters and lists no
    /// parameter tensors: PyTorch's `named_parameters()`, which mmengine counts, yields a
    /// shared tensor once, under its first name.
    pub tied: Option<&'static str>,
    /// Frozen (`#[complexity(frozen)]`, PyTorch's `requires_grad_(False)`): its
    /// parameters, and its descendants', need no gradient. They still count as
    /// parameters; they keep nothing for backward on their account, and training
    /// memory gives them no gradient and no optimizer state.
    pub frozen: bool,
}

/// What a [`Module`] is made of.
#[derive(Clone, Copy, Debug)]
pub enum Body {
    /// A single layer.
    Layer(Layer),
    /// Modules applied one after the other, named `{prefix}0`, `{prefix}1`, …
    /// (`nn.Sequential`; a tuple).
    Sequence {
        /// The modules.
        modules: &'static [&'static Module],
        /// What the names start with (`""`, or `"encoder_layer_"` for torchvision's ViT).
        prefix: &'static str,
    },
    /// The same module repeated `count` times in sequence, named `{prefix}0`, … (an array
    /// `[Block; N]`).
    Repeat {
        /// The repeated module.
        module: &'static Module,
        /// How many times.
        count: usize,
        /// What the names start with.
        prefix: &'static str,
    },
    /// Children and the program that runs them.
    Graph(Graph),
    /// A type whose `#[derive(Complexity)]` failed, emitted next to its compile error:
    /// the analysis of anything containing it fails with [`ErrorKind::Failed`], which no
    /// constant reports again, so one mistake gives one error.
    ///
    /// [`ErrorKind::Failed`]: crate::ErrorKind::Failed
    Failed,
}

/// How the children of a [`Graph`] are named.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Naming {
    /// By field name (`conv1`).
    Fields,
    /// By position, `0`, `1`, …, as `nn.Sequential` names them; a child marked
    /// [`Child::splice`] or a [`Naming::Fragment`] takes as many positions as it has
    /// children.
    Positions,
    /// Not a module: a run of children that take positions in the enclosing
    /// [`Naming::Positions`] struct, like a list of layers spliced into an `nn.Sequential`.
    Fragment,
}

/// A child of a [`Graph`].
#[derive(Clone, Copy, Debug)]
pub struct Child {
    /// The field name.
    pub name: &'static str,
    /// Its description.
    pub module: &'static Module,
    /// Whether the child exists (`#[complexity(when = …)]`). A missing child is not a
    /// module, and calling it passes its input through, like torchvision's
    /// `if self.downsample is not None`.
    pub present: bool,
    /// In a positional struct: the child's own children take positions here.
    pub splice: bool,
}

/// A value of a forward program: `0` to `inputs − 1` are the inputs (`x`); step `i`
/// produces value `inputs + i`.
pub type Value = usize;

/// An elementwise binary operation of a forward program.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinaryOp {
    /// `a + b`
    Add,
    /// `a - b`
    Sub,
    /// `a * b`
    Mul,
    /// `a / b`
    Div,
}

/// The `dtype` argument of an operation (`x.to(torch.float32)`, `x.to(y.dtype)`,
/// `x.type_as(y)`, `F.softmax(x, -1, dtype = torch.float32)`) or the dtype of a new
/// tensor: what decides a value's dtype under autocast (see
/// [`Precision`](crate::memory::Precision)); it changes no other count.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DtypeArg {
    /// None written, or a device (`x.to(y.device)`): the operation's own rule.
    Unset,
    /// `torch.float32` (`torch.float`; `torch.float64` is priced as float32).
    Float32,
    /// `torch.bfloat16`, `torch.float16` (`torch.half`).
    Half,
    /// An integer or `bool` dtype (`torch.long`, `torch.int32`, `torch.bool`, …).
    Integer,
    /// The dtype of value `v` (`y.dtype`, `x.type_as(y)`).
    Of(Value),
}

/// How `split` / `chunk` cut a dimension.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Split {
    /// `x.split(size, dim)`: pieces of `size` (the last may be smaller).
    Size(u64),
    /// `x.chunk(n, dim)`: `n` pieces of `⌈len / n⌉` (the last may be smaller).
    Chunks(u64),
    /// `x.split([a, b, c], dim)`: pieces of these sizes, which must add up to the
    /// dimension's size (PyTorch's `split_with_sizes`).
    Sizes(&'static [u64]),
}

/// One size of `x.reshape(…)`, `x.view(…)` or `x.unflatten(…)`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SizeArg {
    /// A number (`-1`: inferred).
    Fixed(i64),
    /// `v.size(d)`: the size of dimension `d` of value `v` (`x.view(x.size(0), -1)`).
    Like(Value, i64),
    /// `-v.size(d)`: its negation (a slice's start counted from the end,
    /// `x.slice(2, -v.size(1))` for Python's `x[:, :, -n:]`).
    MinusLike(Value, i64),
    /// `v.shape` or `v.size()`: every size of value `v`, in order (`x.new_zeros(x.shape)`,
    /// `y.view(x.size())`); only where a list of sizes is expected.
    All(Value),
}

/// One size of `x.expand(…)`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ExpandSize {
    /// `-1`: keep the dimension.
    Keep,
    /// A size.
    Size(u64),
    /// `v.size(d)`: the size of dimension `d` of value `v`.
    Like(Value, i64),
}

/// One step of a forward program.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// `child(x)` (or `child(a, b)` for a child with two inputs): apply a child.
    Call {
        /// Index into [`Graph::children`].
        child: usize,
        /// The arguments.
        inputs: &'static [Value],
    },
    /// `child[index](x)` (Python's `self.layers[0](x)`): apply one element of a child that
    /// is a sequence (an array, a tuple, `sequential(…)`); a negative index counts from
    /// the end. The sequence itself is not called: its elements' parameters count once
    /// (those never indexed are listed as never called), their FLOPs at every call.
    CallAt {
        /// Index into [`Graph::children`].
        child: usize,
        /// The element.
        index: i64,
        /// The arguments.
        inputs: &'static [Value],
    },
    /// `child.weight`: a parameter tensor of a child (`self.dt_proj.weight`,
    /// `self.embed_positions.weight`) as a value: its shape, from the child's description
    /// (a layer's sizes must be declared, or inferable without an input). Reading it does
    /// not call the child; its parameters count where they are, once.
    ChildParam {
        /// Index into [`Graph::children`].
        child: usize,
        /// The tensor's name (`weight`, `bias`, a struct's `parameter`).
        name: &'static str,
    },
    /// `child.functional(x)`: the child's computation run on its weights from this
    /// module's forward (as `F.linear(x, self.out_proj.weight)`): charged to this module,
    /// the child itself is never called.
    Functional {
        /// Index into [`Graph::children`].
        child: usize,
        /// The arguments.
        inputs: &'static [Value],
    },
    /// One of this module's own parameters, as a value.
    Param {
        /// Index into [`Graph::params`].
        index: usize,
    },
    /// A number (a rank-0 value).
    Scalar,
    /// Elementwise `left ∘ right`, with broadcasting.
    Binary {
        /// The operation.
        op: BinaryOp,
        /// Left operand.
        left: Value,
        /// Right operand.
        right: Value,
    },
    /// An operation of the table [`OPS`](crate::ops::OPS) (`x.rsqrt()`,
    /// `x.softmax(-1)`, `x.mean(-1, true)`): its shape rule and cost from its row.
    Op {
        /// Its index in [`OPS`](crate::ops::OPS).
        op: usize,
        /// The receiver, then the tensors among its arguments.
        inputs: &'static [Value],
        /// Its `Dim` / `Dims` arguments.
        dims: &'static [i64],
        /// Its `keepdim` argument (a reduction), or `p > 0` (dropout's rate).
        keepdim: bool,
        /// How the `forward` wrote it (`x.softmax(-1)`, `F.softmax(x, -1)`): the
        /// conventions of tools that replace PyTorch's functions (ptflops, calflops)
        /// count some spellings only.
        spelling: Spelling,
        /// Its `dtype` argument, if the row takes one.
        dtype: DtypeArg,
    },
    /// An operation of the table whose integer arguments read sizes of values
    /// (`mask.slice(3, 0, k.size(2))`): as [`Step::Op`], the sizes read when it runs.
    OpSized {
        /// Its index in [`OPS`](crate::ops::OPS).
        op: usize,
        /// The receiver, then the tensors among its arguments.
        inputs: &'static [Value],
        /// Its `Dim` / `Dims` arguments, numbers or `v.size(d)`.
        dims: &'static [SizeArg],
        /// Its `keepdim` argument (a reduction), or `p > 0` (dropout's rate).
        keepdim: bool,
        /// How the `forward` wrote it, as [`Step::Op`]'s.
        spelling: Spelling,
        /// Its `dtype` argument, as [`Step::Op`]'s.
        dtype: DtypeArg,
    },
    /// `matmul(left, right)`.
    MatMul {
        /// Left operand.
        left: Value,
        /// Right operand.
        right: Value,
    },
    /// A layer applied with weights that are values of the forward (this module's
    /// parameters, or computed, as weight norm's `g · v / ‖v‖`): `F.linear(x, w, b)`,
    /// `F.conv2d(x, w, b, stride = 2)`, `F.layer_norm(x, (768,), w, b)`,
    /// `F.group_norm(x, 8, w, b)`, `F.embedding(ids, w)`. The layer's sizes come from the
    /// weight ([`Layer::with_weights`]), its rule from the layer; charged to this module,
    /// with no parameters of its own.
    Weighted {
        /// The layer, its other arguments set (stride, `normalized_shape`, …).
        layer: &'static Layer,
        /// The input.
        input: Value,
        /// The weight, if given.
        weight: Option<Value>,
        /// The bias, if given.
        bias: Option<Value>,
    },
    /// `x.adaptive_avg_pool2d(size)`: the functional pool, charged to this module.
    AdaptiveAvgPool2d {
        /// The input.
        input: Value,
        /// The output size.
        output: Size,
    },
    /// `x.flatten(start_dim, end_dim)`.
    Flatten {
        /// The tensor.
        input: Value,
        /// First dimension to merge.
        start_dim: i64,
        /// Last dimension to merge.
        end_dim: i64,
    },
    /// `x.unflatten(dim, sizes)`: one dimension split into several (one size may be −1).
    Unflatten {
        /// The tensor.
        input: Value,
        /// The dimension.
        dim: i64,
        /// The sizes.
        sizes: &'static [SizeArg],
    },
    /// `x.reshape(sizes)` / `x.view(sizes)` (one size may be −1).
    Reshape {
        /// The tensor.
        input: Value,
        /// The sizes.
        sizes: &'static [SizeArg],
        /// `view`, which PyTorch runs only as a view of the input's storage (it raises
        /// where that cannot be); `reshape` copies a tensor whose strides do not allow a
        /// view (a transposed one).
        view: bool,
    },
    /// `x.transpose(dim0, dim1)`.
    Transpose {
        /// The tensor.
        input: Value,
        /// One dimension.
        dim0: i64,
        /// The other.
        dim1: i64,
    },
    /// `x.permute(dims)`.
    Permute {
        /// The tensor.
        input: Value,
        /// The new order.
        dims: &'static [i64],
    },
    /// `x.select(dim, index)` (`x[:, 0]` is `x.select(1, 0)`).
    Select {
        /// The tensor.
        input: Value,
        /// The dimension removed.
        dim: i64,
        /// The position kept.
        index: i64,
    },
    /// One piece of `x.split(…)` / `x.chunk(…)`.
    Piece {
        /// The tensor.
        input: Value,
        /// The dimension cut.
        dim: i64,
        /// How.
        split: Split,
        /// Which piece.
        index: usize,
        /// How many pieces the program expects (its `let (a, b, c) = …` pattern).
        count: usize,
    },
    /// `torch.einsum(equation, a, b)`.
    Einsum {
        /// The operands.
        inputs: &'static [Value],
        /// The equation as written (`"bij,bjk->bik"`).
        equation: &'static str,
    },
    /// `cat([a, b, …], dim)`.
    Cat {
        /// The tensors.
        inputs: &'static [Value],
        /// The dimension joined.
        dim: i64,
    },
    /// `x.expand(sizes)`.
    Expand {
        /// The tensor.
        input: Value,
        /// The new sizes.
        sizes: &'static [ExpandSize],
    },
    /// `if cond { … }`: when `cond` is false, the next `count` steps do not run.
    SkipUnless {
        /// The const condition.
        cond: bool,
        /// How many steps it guards.
        count: usize,
    },
    /// A layer applied functionally in this module's `forward` (`F.max_pool2d(x, 3, 2)`,
    /// `F.interpolate(x, scale_factor = 2.0)`, `x.adaptive_avg_pool2d((1, 1))`): its
    /// rules, charged to this module, with no parameters of its own.
    Layer {
        /// The input.
        input: Value,
        /// The layer.
        layer: &'static Layer,
    },
    /// `F.interpolate(x, size = y.shape[-2..])`: an upsample whose output size is read
    /// from other values (`v.size(d)`, `v.shape[d]`) when the step runs.
    Resize {
        /// The input.
        input: Value,
        /// The upsample (its own `size` is replaced).
        layer: &'static Layer,
        /// The output's spatial sizes, 1 to 3.
        size: &'static [SizeArg],
    },
    /// A new tensor of the given sizes (`arange(n)`, `zeros((b, n))`, `ones(…)`,
    /// `full(…, value)`): a value holding elements that no operation produced from the
    /// inputs, counted as the zero op `create`.
    New {
        /// Its sizes.
        sizes: &'static [SizeArg],
        /// Its dtype: `torch.arange` of integers makes int64, `torch.zeros`, `ones`,
        /// `full` float32, unless a `dtype` is written.
        dtype: DtypeArg,
    },
    /// Output `index` (≥ 1) of the child call just before (a `let (a, b) = child(x);`):
    /// the call step's own value is output 0.
    Output {
        /// Which output.
        index: usize,
    },
    /// The value of an `if cond { then } else { otherwise }`.
    Choose {
        /// The const condition.
        cond: bool,
        /// The value when true.
        then: Value,
        /// The value when false.
        otherwise: Value,
    },
}

/// A parameter owned by a module itself (not by a child layer), ViT's `class_token`, or a
/// buffer ([`Param::buffer`]).
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Its name.
    pub name: &'static str,
    /// Its shape.
    pub shape: Shape,
    /// A buffer (`register_buffer`: running statistics, a position table, `inv_freq`), not
    /// a parameter: a value of `forward`, listed with the module's buffers, not counted.
    pub buffer: bool,
    /// Whether it is in the `state_dict` (and so in a checkpoint): true for parameters and
    /// for buffers but those registered with `persistent=False` (a rotary embedding's
    /// `inv_freq`).
    pub persistent: bool,
}

/// Children, own parameters and the forward program that connects them.
#[derive(Clone, Copy, Debug)]
pub struct Graph {
    /// The Rust type that describes it (`Fire`, generics left out), which error messages
    /// name next to the module path; empty for a hand-built description.
    pub rust: &'static str,
    /// How the children are named.
    pub naming: Naming,
    /// How many inputs `forward` takes (1 unless declared with `inputs = (…)`).
    pub inputs: usize,
    /// The children in declaration order (the order PyTorch registers modules in).
    pub children: &'static [Child],
    /// Parameters of the module itself, in registration order.
    pub params: &'static [Param],
    /// The forward program.
    pub steps: &'static [Step],
    /// The value returned (the first, when `forward` returns a tuple).
    pub output: Value,
    /// The further values of a `forward` that returns a tuple (`(cos, sin)`), at most
    /// [`MAX_OUTPUTS`](crate::analysis::MAX_OUTPUTS) − 1; a caller binds them with
    /// `let (a, b) = child(x);` ([`Step::Output`]).
    pub more_outputs: &'static [Value],
    /// For [`Naming::Positions`]: what the children's names start with (`""`, or
    /// `"denselayer"`); the child at position `i` is named `{prefix}{start + i}`.
    pub prefix: &'static str,
    /// For [`Naming::Positions`]: the first number (`0`, or `1` for `denselayer1`, …).
    pub start: usize,
}

impl Module {
    /// A module made of one layer, named after the layer's PyTorch class.
    pub const fn layer(layer: Layer) -> Module {
        Module {
            class: layer.class(),
            extra_repr: None,
            tied: None,
            frozen: false,
            body: Body::Layer(layer),
        }
    }

    /// The same module under another class name (and `extra_repr`, if given).
    pub const fn renamed(
        mut self,
        class: &'static str,
        extra_repr: Option<&'static str>,
    ) -> Module {
        self.class = class;
        if extra_repr.is_some() {
            self.extra_repr = extra_repr;
        }
        self
    }

    /// The same module with its parameters tied to those of the module at path `to`
    /// (see [`Module::tied`](Module#structfield.tied)).
    pub const fn tied_to(mut self, to: &'static str) -> Module {
        self.tied = Some(to);
        self
    }

    /// The same module, frozen (see [`Module::frozen`]).
    pub const fn frozen(mut self) -> Module {
        self.frozen = true;
        self
    }

    /// The same sequence (or `sequential` struct) with its children named `{prefix}0`,
    /// `{prefix}1`, … (a struct's `start` kept); other modules are returned unchanged.
    pub const fn prefixed(mut self, prefix: &'static str) -> Module {
        match &mut self.body {
            Body::Sequence { prefix: p, .. } | Body::Repeat { prefix: p, .. } => *p = prefix,
            Body::Graph(g) if matches!(g.naming, Naming::Positions) => g.prefix = prefix,
            Body::Layer(_) | Body::Graph(_) | Body::Failed => {}
        }
        self
    }

    /// Whether this is a [`Naming::Fragment`]: not a module, but children for the
    /// enclosing positional struct.
    pub const fn is_fragment(&self) -> bool {
        matches!(
            self.body,
            Body::Graph(Graph {
                naming: Naming::Fragment,
                ..
            })
        )
    }

    /// How many positions this module takes in a positional struct: its children's for
    /// a fragment (and for a sequence, when `spliced`), else one.
    pub const fn positions(&self, spliced: bool) -> usize {
        match self.body {
            Body::Graph(g) if matches!(g.naming, Naming::Fragment) => {
                g.positions_before(g.children.len())
            }
            Body::Sequence { modules, .. } if spliced => {
                let mut n = 0;
                let mut i = 0;
                while i < modules.len() {
                    n += modules[i].positions(false);
                    i += 1;
                }
                n
            }
            Body::Repeat { module, count, .. } if spliced => count * module.positions(false),
            _ => 1,
        }
    }
}

impl Graph {
    /// The position of child `child` in a positional struct: the positions taken by the
    /// present children before it.
    pub const fn positions_before(&self, child: usize) -> usize {
        let mut n = 0;
        let mut i = 0;
        while i < child {
            let c = &self.children[i];
            if c.present {
                n += c.module.positions(c.splice);
            }
            i += 1;
        }
        n
    }
}
