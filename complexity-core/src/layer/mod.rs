//! The layer kinds and their cost rules, one file per family:
//!
//! | file | kinds |
//! |---|---|
//! | [`conv`] | `conv2d` |
//! | [`norm`] | `batch_norm2d` |
//! | [`activation`] | `relu` |
//! | [`pool`] | `max_pool2d`, `adaptive_avg_pool2d` |
//! | [`linear`] | `linear` |
//! | [`reshape`] | `flatten` (also `x.flatten(..)` in a `forward`) |
//! | [`elementwise`] | `+` in a `forward` |
//! | [`window`] | the sliding-window size arithmetic shared by convolutions and pools |
//!
//! Every kind states its FLOP, activation and parameter rule in its documentation, also
//! when the rule is 0. The rules are mmengine's (`../shared/reference/CONVENTIONS.md`).

pub mod activation;
pub mod conv;
pub mod elementwise;
pub mod linear;
pub mod norm;
pub mod pool;
pub mod reshape;
pub mod window;

pub use activation::ReLU;
pub use conv::Conv2d;
pub use linear::Linear;
pub use norm::BatchNorm2d;
pub use pool::{AdaptiveAvgPool2d, MaxPool2d};
pub use reshape::Flatten;

use crate::analysis::Mode;
use crate::cost::{Cost, overflow};
use crate::error::{Error, ErrorKind};
use crate::shape::Shape;

/// A pair of sizes (height, width), remembering whether it was written as one number, so
/// that reports print it back the way PyTorch does (`kernel_size=3` vs `(3, 3)`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Size2 {
    /// Height.
    pub h: u64,
    /// Width.
    pub w: u64,
    /// Whether it was written as one number.
    pub scalar: bool,
}

impl Size2 {
    /// The same size in both dimensions, written as one number: `kernel = 3`.
    pub const fn square(n: u64) -> Size2 {
        Size2 {
            h: n,
            w: n,
            scalar: true,
        }
    }

    /// Height and width: `kernel = (3, 5)`.
    pub const fn pair(h: u64, w: u64) -> Size2 {
        Size2 {
            h,
            w,
            scalar: false,
        }
    }

    /// Whether either dimension is 0.
    pub const fn has_zero(&self) -> bool {
        self.h == 0 || self.w == 0
    }

    /// `3` if written as one number, else `(3, 5)`: how PyTorch prints what it was given.
    #[cfg(feature = "alloc")]
    pub fn to_python(&self) -> alloc::string::String {
        if self.scalar {
            alloc::format!("{}", self.h)
        } else {
            self.to_python_tuple()
        }
    }

    /// `(3, 3)`: how PyTorch prints sizes it stores as tuples (convolutions).
    #[cfg(feature = "alloc")]
    pub fn to_python_tuple(&self) -> alloc::string::String {
        alloc::format!("({}, {})", self.h, self.w)
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
    /// `nn.Conv2d`, see [`Conv2d`].
    Conv2d(Conv2d),
    /// `nn.BatchNorm2d`, see [`BatchNorm2d`].
    BatchNorm2d(BatchNorm2d),
    /// `nn.ReLU`, see [`ReLU`].
    ReLU(ReLU),
    /// `nn.MaxPool2d`, see [`MaxPool2d`].
    MaxPool2d(MaxPool2d),
    /// `nn.AdaptiveAvgPool2d`, see [`AdaptiveAvgPool2d`].
    AdaptiveAvgPool2d(AdaptiveAvgPool2d),
    /// `nn.Flatten`, see [`Flatten`].
    Flatten(Flatten),
    /// `nn.Linear`, see [`Linear`].
    Linear(Linear),
}

impl Layer {
    /// The PyTorch class name, as reports print it (`Conv2d`).
    pub const fn class(&self) -> &'static str {
        match self {
            Layer::Conv2d(_) => "Conv2d",
            Layer::BatchNorm2d(_) => "BatchNorm2d",
            Layer::ReLU(_) => "ReLU",
            Layer::MaxPool2d(_) => "MaxPool2d",
            Layer::AdaptiveAvgPool2d(_) => "AdaptiveAvgPool2d",
            Layer::Flatten(_) => "Flatten",
            Layer::Linear(_) => "Linear",
        }
    }

    /// Applies the layer to an input of shape `input`: checks the input, infers omitted
    /// sizes, and counts by the layer's rule in `mode`.
    pub const fn apply(&self, input: Shape, mode: Mode) -> Result<Applied, Error> {
        match self {
            Layer::Conv2d(l) => l.apply(input),
            Layer::BatchNorm2d(l) => l.apply(input, mode),
            Layer::ReLU(l) => l.apply(input),
            Layer::MaxPool2d(l) => l.apply(input),
            Layer::AdaptiveAvgPool2d(l) => l.apply(input),
            Layer::Flatten(l) => l.apply(input),
            Layer::Linear(l) => l.apply(input),
        }
    }

    /// The parameter tensors, once [`Layer::apply`] has inferred the sizes they depend on.
    pub const fn params(&self) -> Params {
        match self {
            Layer::Conv2d(l) => l.params(),
            Layer::BatchNorm2d(l) => l.params(),
            Layer::Linear(l) => l.params(),
            Layer::ReLU(_)
            | Layer::MaxPool2d(_)
            | Layer::AdaptiveAvgPool2d(_)
            | Layer::Flatten(_) => Params::NONE,
        }
    }

    /// PyTorch's `extra_repr()` of the module, as `out_arch` prints it.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        match self {
            Layer::Conv2d(l) => l.extra_repr(),
            Layer::BatchNorm2d(l) => l.extra_repr(),
            Layer::ReLU(l) => l.extra_repr(),
            Layer::MaxPool2d(l) => l.extra_repr(),
            Layer::AdaptiveAvgPool2d(l) => l.extra_repr(),
            Layer::Flatten(l) => l.extra_repr(),
            Layer::Linear(l) => l.extra_repr(),
        }
    }
}

/// Checks that `input` has rank `rank`, for a layer named `layer`.
pub(crate) const fn expect_rank(
    layer: &'static str,
    input: Shape,
    rank: usize,
    expected: &'static str,
) -> Result<(), Error> {
    if input.rank() == rank {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::Rank {
            layer,
            expected,
            got: input,
        }))
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
