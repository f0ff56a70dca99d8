//! The layer kinds and their cost rules, one file per family:
//!
//! | file | kinds |
//! |---|---|
//! | [`conv`] | `conv1d`, `conv2d`, `conv3d`, `conv_transpose1d`, `conv_transpose2d`, `conv_transpose3d` |
//! | [`norm`] | `batch_norm1d/2d/3d`, `instance_norm1d/2d/3d`, `layer_norm`, `rms_norm`, `group_norm` |
//! | [`resample`] | `upsample`, `pixel_shuffle`, `pixel_unshuffle` |
//! | [`activation`] | `relu`, `relu6`, `gelu`, `tanh`, `sigmoid`, `silu`, `hardswish`, `hardsigmoid`, `mish`, `elu`, `leaky_relu`, `hardtanh`, `softplus`, `prelu`, `glu`, `softmax`, `log_softmax`, `dropout`, `identity` |
//! | [`pool`] | `max_pool1d/2d/3d`, `avg_pool1d/2d/3d`, `adaptive_avg_pool1d/2d/3d` (also `x.adaptive_avg_pool2d(…)` in a `forward`), `adaptive_max_pool1d/2d/3d` |
//! | [`linear`] | `linear`, `gpt2_conv1d` |
//! | [`embedding`] | `embedding` |
//! | [`matmul`] | `matmul(a, b)` and `x.linear(weight)` in a `forward` |
//! | [`reshape`] | `flatten` and the views of a `forward`: flatten, unflatten, reshape, transpose, permute, select, split, chunk, cat, expand, mean |
//! | [`elementwise`] | `+`, `-`, `*`, `/` in a `forward` |
//! | [`window`] | the sliding-window size arithmetic shared by convolutions and pools |
//!
//! Every kind states its FLOP, activation and parameter rule in its documentation, also
//! when the rule is 0. The rules are mmengine's (the repository's `tests/fixtures/CONVENTIONS.md` gives each, with values measured with mmengine).

pub mod activation;
pub mod conv;
pub mod einsum;
pub mod elementwise;
pub mod embedding;
pub mod linear;
pub mod matmul;
pub mod norm;
pub mod pool;
pub mod resample;
pub mod reshape;
pub mod window;

pub use activation::{Activation, ActivationKind};
pub use conv::Conv;
pub use embedding::Embedding;
pub use linear::{Gpt2Conv1D, Linear};
pub use norm::{BatchNorm, GroupNorm, InstanceNorm, LayerNorm, RmsNorm};
pub use pool::{AdaptiveAvgPool2d, AdaptivePool, MaxPool2d, Pool, PoolKind};
pub use resample::{PixelShuffle, Upsample, UpsampleMode};
pub use reshape::{Flatten, Permute};

use crate::cost::{Cost, overflow};
use crate::error::{Error, ErrorKind};
use crate::memory::saved::Keep;
use crate::mode::Mode;
use crate::shape::Shape;

/// A size per spatial dimension (up to 3), remembering whether it was written as one
/// number, so that reports print it back the way PyTorch does (`kernel_size=3` vs `(3, 3)`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Size {
    dims: [u64; 3],
    len: usize,
    scalar: bool,
}

impl Size {
    /// The same size in every dimension, written as one number: `kernel = 3`.
    pub const fn square(n: u64) -> Size {
        Size {
            dims: [n, n, n],
            len: 1,
            scalar: true,
        }
    }

    /// One size per dimension, written as a tuple: `kernel = (3, 5)`.
    ///
    /// # Panics
    ///
    /// If `dims` has no value or more than 3.
    pub const fn of(dims: &[u64]) -> Size {
        assert!(
            !dims.is_empty() && dims.len() <= 3,
            "a size has 1 to 3 values"
        );
        let mut out = [0; 3];
        let mut i = 0;
        while i < dims.len() {
            out[i] = dims[i];
            i += 1;
        }
        Size {
            dims: out,
            len: dims.len(),
            scalar: false,
        }
    }

    /// `(h, w)`.
    pub const fn pair(h: u64, w: u64) -> Size {
        Size::of(&[h, w])
    }

    /// The size along spatial dimension `i`.
    pub const fn get(&self, i: usize) -> u64 {
        if self.scalar {
            self.dims[0]
        } else {
            self.dims[i]
        }
    }

    /// Whether it was written as one number.
    pub const fn is_scalar(&self) -> bool {
        self.scalar
    }

    /// Checks that the size fits a layer with `rank` spatial dimensions.
    pub const fn check(
        &self,
        layer: &'static str,
        arg: &'static str,
        rank: usize,
    ) -> Result<(), Error> {
        if !self.scalar && self.len != rank {
            return Err(Error::new(ErrorKind::SizeCount {
                layer,
                arg,
                expected: rank,
                got: self.len,
            }));
        }
        Ok(())
    }

    /// Whether any of the first `rank` sizes is 0.
    pub const fn has_zero(&self, rank: usize) -> bool {
        let mut i = 0;
        while i < rank {
            if self.get(i) == 0 {
                return true;
            }
            i += 1;
        }
        false
    }

    /// Whether every one of the first `rank` sizes is `n`.
    pub const fn all(&self, rank: usize, n: u64) -> bool {
        let mut i = 0;
        while i < rank {
            if self.get(i) != n {
                return false;
            }
            i += 1;
        }
        true
    }

    /// `3` if written as one number, else `(3, 5)`: how PyTorch prints what it was given.
    #[cfg(feature = "alloc")]
    pub fn to_python(&self) -> alloc::string::String {
        if self.scalar {
            alloc::format!("{}", self.dims[0])
        } else {
            self.to_python_tuple(self.len)
        }
    }

    /// `(3, 3)` for `rank` 2: how PyTorch prints sizes it stores as tuples (convolutions).
    #[cfg(feature = "alloc")]
    pub fn to_python_tuple(&self, rank: usize) -> alloc::string::String {
        let parts: alloc::vec::Vec<alloc::string::String> = (0..rank)
            .map(|i| alloc::format!("{}", self.get(i)))
            .collect();
        if rank == 1 {
            alloc::format!("({},)", parts[0])
        } else {
            alloc::format!("({})", parts.join(", "))
        }
    }
}

/// The parameter tensors of a layer, by name (`weight`, `bias`) and shape.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Params {
    tensors: [(&'static str, Shape); 2],
    len: usize,
}

impl Params {
    /// No parameters.
    pub const NONE: Params = Params {
        tensors: [("", Shape::SCALAR); 2],
        len: 0,
    };

    /// These parameters and one more tensor.
    pub const fn with(mut self, name: &'static str, shape: Shape) -> Params {
        self.tensors[self.len] = (name, shape);
        self.len += 1;
        self
    }

    /// The tensors, in PyTorch's registration order.
    pub const fn tensors(&self) -> &[(&'static str, Shape)] {
        self.tensors.split_at(self.len).0
    }

    /// The number of parameters: the sum of the tensors' element counts.
    pub const fn count(&self) -> Result<u64, Error> {
        let mut total: u64 = 0;
        let mut i = 0;
        while i < self.len {
            let n = match self.tensors[i].1.checked_numel() {
                Some(n) if n <= u64::MAX as u128 => n as u64,
                _ => return Err(overflow("params")),
            };
            total = match total.checked_add(n) {
                Some(t) => t,
                None => return Err(overflow("params")),
            };
            i += 1;
        }
        Ok(total)
    }
}

/// What applying a layer to an input gives.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Applied {
    /// The layer with every size it infers from its input filled in.
    pub layer: Layer,
    /// The output shape.
    pub output: Shape,
    /// Its parameters, FLOPs and activations.
    pub cost: Cost,
}

/// One layer (a leaf module), with its arguments.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Layer {
    /// Convolutions, see [`Conv`].
    Conv(Conv),
    /// Batch norms, see [`BatchNorm`].
    BatchNorm(BatchNorm),
    /// `nn.LayerNorm`, see [`LayerNorm`].
    LayerNorm(LayerNorm),
    /// `nn.GroupNorm`, see [`GroupNorm`].
    GroupNorm(GroupNorm),
    /// `nn.RMSNorm`, see [`RmsNorm`].
    RmsNorm(RmsNorm),
    /// `nn.Upsample`, see [`Upsample`].
    Upsample(Upsample),
    /// `nn.PixelShuffle`, `nn.PixelUnshuffle`, see [`PixelShuffle`].
    PixelShuffle(PixelShuffle),
    /// Activations, dropout and identity, see [`Activation`].
    Activation(Activation),
    /// `nn.MaxPool1d/2d/3d`, `nn.AvgPool1d/2d/3d`, see [`Pool`].
    Pool(Pool),
    /// `nn.AdaptiveAvgPool1d/2d/3d`, `nn.AdaptiveMaxPool1d/2d/3d`, see [`AdaptivePool`].
    AdaptivePool(AdaptivePool),
    /// `nn.Flatten`, see [`Flatten`].
    Flatten(Flatten),
    /// torchvision's `Permute`, see [`Permute`].
    Permute(Permute),
    /// `nn.Linear`, see [`Linear`].
    Linear(Linear),
    /// GPT-2's `Conv1D`, see [`Gpt2Conv1D`].
    Gpt2Conv1D(Gpt2Conv1D),
    /// `nn.Embedding`, see [`Embedding`].
    Embedding(Embedding),
}

impl Layer {
    /// The PyTorch class name, as reports print it (`Conv2d`).
    pub const fn class(&self) -> &'static str {
        match self {
            Layer::Conv(l) => l.class(),
            Layer::BatchNorm(l) => l.class(),
            Layer::LayerNorm(_) => "LayerNorm",
            Layer::GroupNorm(_) => "GroupNorm",
            Layer::RmsNorm(_) => "RMSNorm",
            Layer::Upsample(_) => "Upsample",
            Layer::PixelShuffle(l) => l.class(),
            Layer::Activation(l) => l.kind.class(),
            Layer::Pool(l) => l.class(),
            Layer::AdaptivePool(l) => l.class(),
            Layer::Flatten(_) => "Flatten",
            Layer::Permute(_) => "Permute",
            Layer::Linear(_) => "Linear",
            Layer::Gpt2Conv1D(_) => "Conv1D",
            Layer::Embedding(_) => "Embedding",
        }
    }

    /// Applies the layer to an input of shape `input`: checks the input, infers omitted
    /// sizes, and counts by the layer's rule in `mode`.
    pub const fn apply(&self, input: Shape, mode: Mode) -> Result<Applied, Error> {
        match self {
            Layer::Conv(l) => l.apply(input),
            Layer::BatchNorm(l) => l.apply(input, mode),
            Layer::LayerNorm(l) => l.apply(input),
            Layer::GroupNorm(l) => l.apply(input),
            Layer::RmsNorm(l) => l.apply(input),
            Layer::Upsample(l) => l.apply(input),
            Layer::PixelShuffle(l) => l.apply(input),
            Layer::Activation(l) => l.apply(input, mode),
            Layer::Pool(l) => l.apply(input),
            Layer::AdaptivePool(l) => l.apply(input),
            Layer::Flatten(l) => l.apply(input),
            Layer::Permute(l) => l.apply(input),
            Layer::Linear(l) => l.apply(input),
            Layer::Gpt2Conv1D(l) => l.apply(input),
            Layer::Embedding(l) => l.apply(input),
        }
    }

    /// What autograd keeps of this layer for the backward pass, applied (sizes filled
    /// in by [`Layer::apply`]) to `input` giving `output` in `mode`: each family states
    /// its rule next to its cost rule. O(1).
    pub(crate) const fn keeps(&self, input: Shape, output: Shape, mode: Mode) -> Keep {
        match self {
            Layer::Conv(l) => l.keeps(),
            Layer::BatchNorm(l) => l.keeps(input, mode),
            Layer::LayerNorm(l) => l.keeps(input),
            Layer::GroupNorm(l) => l.keeps(input),
            Layer::RmsNorm(l) => l.keeps(input),
            // Nearest and bilinear resampling, pixel shuffle: their backward needs sizes
            // only. Flatten and Permute are views.
            Layer::Upsample(_) | Layer::PixelShuffle(_) => Keep::NOTHING,
            Layer::Flatten(_) => Keep::RESHAPE,
            Layer::Permute(l) => Keep::permuted(input, l.dims.split_at(l.rank).0),
            Layer::Activation(l) => l.keeps(input, mode),
            Layer::Pool(l) => l.keeps(output),
            Layer::AdaptivePool(l) => l.keeps(input, output),
            Layer::Linear(l) => l.keeps(),
            Layer::Gpt2Conv1D(l) => l.keeps(),
            Layer::Embedding(l) => l.keeps(),
        }
    }

    /// What ptflops and calflops count for this layer (sizes filled in by
    /// [`Layer::apply`]) run `how` on `input`, giving `output` at mmengine's `cost`:
    /// each family states its rule next to mmengine's; the rest (embeddings, RMS norm,
    /// flatten, permute, pixel shuffle) count nothing in either tool. O(rank).
    pub(crate) const fn tools(
        &self,
        input: Shape,
        output: Shape,
        mode: Mode,
        cost: &Cost,
        how: crate::convention::Use,
    ) -> Result<crate::cost::ToolFlops, Error> {
        match self {
            Layer::Conv(l) => l.tools(input, output, cost.flops, how),
            Layer::BatchNorm(l) => l.tools(input, mode, how),
            Layer::LayerNorm(l) => l.tools(input, how),
            Layer::GroupNorm(l) => l.tools(input, how),
            Layer::Upsample(l) => l.tools(input, output, how),
            Layer::Activation(l) => l.tools(input, how),
            Layer::Pool(_) | Layer::AdaptivePool(_) => pool::tools(input, how),
            Layer::Linear(l) => l.tools(output, cost.flops, how),
            Layer::Gpt2Conv1D(l) => l.tools(cost.flops),
            Layer::RmsNorm(_)
            | Layer::PixelShuffle(_)
            | Layer::Flatten(_)
            | Layer::Permute(_)
            | Layer::Embedding(_) => Ok(crate::cost::ToolFlops::ZERO),
        }
    }

    /// The layer with its sizes taken from weights that are values of a `forward`
    /// (`F.linear(x, w, b)`, `F.conv2d(x, w, b, stride = 2)`, `F.layer_norm(x, (768,), w,
    /// b)`, `F.group_norm(x, 8, w, b)`, `F.embedding(ids, w)`): each family's
    /// `with_weights` states which sizes the weight's shape gives and checks the bias's.
    /// A layer without weights is an error.
    pub const fn with_weights(
        self,
        weight: Option<Shape>,
        bias: Option<Shape>,
    ) -> Result<Layer, Error> {
        Ok(match self {
            Layer::Conv(l) => Layer::Conv(tri!(l.with_weights(weight, bias))),
            Layer::Linear(l) => Layer::Linear(tri!(l.with_weights(weight, bias))),
            Layer::LayerNorm(l) => Layer::LayerNorm(tri!(l.with_weights(weight, bias))),
            Layer::GroupNorm(l) => Layer::GroupNorm(tri!(l.with_weights(weight, bias))),
            Layer::Embedding(l) => Layer::Embedding(tri!(l.with_weights(weight, bias))),
            _ => {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: self.class(),
                    reason: "it has no weights to take from the forward",
                }));
            }
        })
    }

    /// The buffers PyTorch registers for it (in its `state_dict`, not parameters): batch
    /// norm's running statistics; none for the other layers. Sizes as for
    /// [`Layer::params`].
    pub const fn buffers(&self) -> Result<Buffers, Error> {
        match self {
            Layer::BatchNorm(l) => l.buffers(),
            _ => Ok(Buffers::NONE),
        }
    }

    /// The parameter tensors, once [`Layer::apply`] has inferred the sizes they depend
    /// on, or as declared: an error if a size they need is neither.
    pub const fn params(&self) -> Result<Params, Error> {
        match self {
            Layer::Conv(l) => l.params(),
            Layer::BatchNorm(l) => l.params(),
            Layer::LayerNorm(l) => l.params(),
            Layer::GroupNorm(l) => l.params(),
            Layer::RmsNorm(l) => l.params(),
            Layer::Linear(l) => l.params(),
            Layer::Gpt2Conv1D(l) => l.params(),
            Layer::Embedding(l) => Ok(l.params()),
            Layer::Activation(l) => Ok(l.params()),
            Layer::Pool(_)
            | Layer::AdaptivePool(_)
            | Layer::Upsample(_)
            | Layer::PixelShuffle(_)
            | Layer::Flatten(_)
            | Layer::Permute(_) => Ok(Params::NONE),
        }
    }

    /// PyTorch's `extra_repr()` of the module, as `out_arch` prints it.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        match self {
            Layer::Conv(l) => l.extra_repr(),
            Layer::BatchNorm(l) => l.extra_repr(),
            Layer::LayerNorm(l) => l.extra_repr(),
            Layer::GroupNorm(l) => l.extra_repr(),
            Layer::RmsNorm(l) => l.extra_repr(),
            Layer::Upsample(l) => l.extra_repr(),
            Layer::PixelShuffle(l) => l.extra_repr(),
            Layer::Activation(l) => l.extra_repr(),
            Layer::Pool(l) => l.extra_repr(),
            Layer::AdaptivePool(l) => l.extra_repr(),
            Layer::Flatten(l) => l.extra_repr(),
            Layer::Linear(l) => l.extra_repr(),
            Layer::Gpt2Conv1D(_) | Layer::Permute(_) => alloc::string::String::new(),
            Layer::Embedding(l) => l.extra_repr(),
        }
    }
}

/// A size that must be declared (or inferred by [`Layer::apply`]) before parameters can
/// be counted.
pub(crate) const fn known(size: Option<u64>, declare: &'static str) -> Result<u64, Error> {
    match size {
        Some(n) => Ok(n),
        None => Err(Error::new(ErrorKind::Uncalled { declare })),
    }
}

/// The number of elements of `shape` as a FLOP factor, or an overflow error.
pub(crate) const fn numel(shape: Shape) -> Result<u128, Error> {
    match shape.checked_numel() {
        Some(n) => Ok(n),
        None => Err(overflow("FLOPs")),
    }
}

/// Checks that an argument is not 0.
pub(crate) const fn nonzero(
    layer: &'static str,
    arg: &'static str,
    value: u64,
) -> Result<(), Error> {
    if value == 0 {
        Err(Error::new(ErrorKind::Zero { layer, arg }))
    } else {
        Ok(())
    }
}

/// Checks a declared size against the incoming one, returning the incoming one.
pub(crate) const fn check_declared(
    what: &'static str,
    declared: Option<u64>,
    got: u64,
) -> Result<u64, Error> {
    match declared {
        Some(expected) if expected != got => Err(Error::new(ErrorKind::SizeMismatch {
            what,
            expected,
            got,
        })),
        _ => Ok(got),
    }
}

/// `True` / `False`, as Python prints a bool.
#[cfg(feature = "alloc")]
pub(crate) const fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// Early return for `Result` in `const fn`s, where `?` is not available.
macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return Err(e),
        }
    };
}
pub(crate) use tri;

/// A layer's buffers ([`Layer::buffers`]): up to three `(name, shape, integer)` tensors,
/// `integer` for an `int64` one (`num_batches_tracked`), else of the parameters' float type.
#[derive(Clone, Copy, Debug)]
pub struct Buffers {
    tensors: [(&'static str, Shape, bool); 3],
    len: usize,
}

impl Buffers {
    /// No buffers.
    pub const NONE: Buffers = Buffers {
        tensors: [("", Shape::SCALAR, false); 3],
        len: 0,
    };

    /// These buffers and one more (at most three).
    pub const fn with(mut self, name: &'static str, shape: Shape, integer: bool) -> Buffers {
        if self.len < 3 {
            self.tensors[self.len] = (name, shape, integer);
            self.len += 1;
        }
        self
    }

    /// The tensors, in registration order.
    pub const fn tensors(&self) -> &[(&'static str, Shape, bool)] {
        self.tensors.split_at(self.len).0
    }
}

/// The weight a layer applied with weights from a `forward` needs: `weight` of rank
/// `rank`, else an error naming `op` and the weight's layout (`"4 ([out, in / groups, kh,
/// kw]) as its weight"`).
pub(crate) const fn weight_of(
    op: &'static str,
    weight: Option<Shape>,
    rank: usize,
    layout: &'static str,
) -> Result<Shape, Error> {
    match weight {
        Some(w) if w.rank() == rank => Ok(w),
        Some(w) => Err(Error::new(ErrorKind::Rank {
            layer: op,
            expected: layout,
            got: w,
        })),
        None => Err(Error::new(ErrorKind::Invalid {
            layer: op,
            reason: "it needs a weight",
        })),
    }
}

/// Checks that a bias given with weights from a `forward` is `[n]` (`what` says what `n`
/// counts, for the error).
pub(crate) const fn check_bias(
    op: &'static str,
    bias: Option<Shape>,
    n: u64,
    what: &'static str,
) -> Result<(), Error> {
    match bias {
        Some(b) if b.rank() != 1 || b.dim(0) != n => Err(Error::new(ErrorKind::Incompatible {
            op,
            what,
            left: b,
            right: Shape::new(&[n]),
        })),
        _ => Ok(()),
    }
}
