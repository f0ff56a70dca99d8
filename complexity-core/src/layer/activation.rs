//! Activation functions, dropout and identity: `relu`, `relu6`, `gelu`, `tanh`,
//! `sigmoid`, `silu`, `hardswish`, `hardsigmoid`, `mish`, `elu`, `leaky_relu`, `hardtanh`,
//! `softplus`, `prelu`, `glu`, `softmax`, `log_softmax`, `dropout`, `identity`, and
//! torchvision's `stochastic_depth`.

use super::{Applied, Layer, tri};
use crate::cost::{Cost, ZeroOp};
use crate::error::{Error, ErrorKind};
use crate::memory::saved::{Keep, Saved, elems};
use crate::mode::Mode;
use crate::shape::Shape;

/// Which activation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum ActivationKind {
    /// `nn.ReLU`
    ReLU,
    /// `nn.ReLU6`
    ReLU6,
    /// `nn.GELU`
    GELU,
    /// `nn.Tanh`
    Tanh,
    /// `nn.Sigmoid`
    Sigmoid,
    /// `nn.SiLU`
    SiLU,
    /// `nn.Hardswish`
    Hardswish,
    /// `nn.Softmax`
    Softmax,
    /// `nn.Dropout`
    Dropout,
    /// `nn.Identity`
    Identity,
    /// `nn.Hardsigmoid`
    Hardsigmoid,
    /// `nn.Mish`
    Mish,
    /// `nn.ELU`
    ELU,
    /// `nn.LeakyReLU`
    LeakyReLU,
    /// `nn.Hardtanh`
    Hardtanh,
    /// `nn.Softplus`
    Softplus,
    /// `nn.PReLU` (one learned slope, or one per channel)
    PReLU,
    /// `nn.GLU` (halves `dim`)
    GLU,
    /// `nn.LogSoftmax`
    LogSoftmax,
    /// torchvision's `ops.StochasticDepth(p, mode)`: drops whole residual branches in
    /// training; returns its input without an operation in eval mode or with `p = 0`.
    StochasticDepth,
}

impl ActivationKind {
    /// The PyTorch class name.
    pub const fn class(self) -> &'static str {
        match self {
            ActivationKind::ReLU => "ReLU",
            ActivationKind::ReLU6 => "ReLU6",
            ActivationKind::GELU => "GELU",
            ActivationKind::Tanh => "Tanh",
            ActivationKind::Sigmoid => "Sigmoid",
            ActivationKind::SiLU => "SiLU",
            ActivationKind::Hardswish => "Hardswish",
            ActivationKind::Softmax => "Softmax",
            ActivationKind::Dropout => "Dropout",
            ActivationKind::Identity => "Identity",
            ActivationKind::Hardsigmoid => "Hardsigmoid",
            ActivationKind::Mish => "Mish",
            ActivationKind::ELU => "ELU",
            ActivationKind::LeakyReLU => "LeakyReLU",
            ActivationKind::Hardtanh => "Hardtanh",
            ActivationKind::Softplus => "Softplus",
            ActivationKind::PReLU => "PReLU",
            ActivationKind::GLU => "GLU",
            ActivationKind::LogSoftmax => "LogSoftmax",
            ActivationKind::StochasticDepth => "StochasticDepth",
        }
    }

    /// The zero-cost operation it runs, as reports list it.
    pub const fn op(self) -> ZeroOp {
        match self {
            ActivationKind::ReLU => ZeroOp::Relu,
            ActivationKind::ReLU6 => ZeroOp::Relu6,
            ActivationKind::GELU => ZeroOp::Gelu,
            ActivationKind::Tanh => ZeroOp::Tanh,
            ActivationKind::Sigmoid => ZeroOp::Sigmoid,
            ActivationKind::SiLU => ZeroOp::Silu,
            ActivationKind::Hardswish => ZeroOp::Hardswish,
            ActivationKind::Softmax => ZeroOp::Softmax,
            ActivationKind::Dropout => ZeroOp::Dropout,
            ActivationKind::Identity => ZeroOp::Identity,
            ActivationKind::Hardsigmoid => ZeroOp::Hardsigmoid,
            ActivationKind::Mish => ZeroOp::Mish,
            ActivationKind::ELU => ZeroOp::Elu,
            ActivationKind::LeakyReLU => ZeroOp::LeakyRelu,
            ActivationKind::Hardtanh => ZeroOp::Hardtanh,
            ActivationKind::Softplus => ZeroOp::Softplus,
            ActivationKind::PReLU => ZeroOp::Prelu,
            ActivationKind::GLU => ZeroOp::Glu,
            ActivationKind::LogSoftmax => ZeroOp::LogSoftmax,
            ActivationKind::StochasticDepth => ZeroOp::StochasticDepth,
        }
    }
}

/// An elementwise activation, dropout or identity, on any shape.
///
/// - output: the input shape; GLU halves dimension `dim` (which must be even);
/// - params: 0; PReLU `num_parameters` (1 by default, or one per channel);
/// - FLOPs: **0** for every kind, mmengine's rule: it has no handle for `aten::relu`,
///   `aten::hardtanh` (ReLU6, Hardtanh), `aten::gelu`, `aten::tanh`, `aten::sigmoid`,
///   `aten::silu`, `aten::hardswish`, `aten::hardsigmoid`, `aten::mish`, `aten::elu`,
///   `aten::leaky_relu`, `aten::softplus`, `aten::prelu`, `aten::glu`, `aten::softmax`,
///   `aten::log_softmax` or `aten::dropout` (all measured with mmengine 0.10.7: the
///   repository's `tests/fixtures/mmengine_layers.json`); each call is counted as a
///   [`ZeroOp`] so reports say what was counted as zero (`identity` traces no operation
///   in PyTorch, and nor does dropout with `p = 0`; both are still listed);
/// - stochastic depth (torchvision's `StochasticDepth`): in training with `p > 0` it
///   multiplies by a random mask (`bernoulli_`, `div_`, `mul`, none with an mmengine rule:
///   zero op `stochastic_depth`); in eval mode or with `p = 0` it returns its input
///   without an operation (zero op `identity`), so mmengine prints `N/A` for it;
/// - activations: 0.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Activation {
    /// Which activation.
    pub kind: ActivationKind,
    /// `inplace` (ReLU, ReLU6, SiLU, Hardswish, Dropout; default false).
    pub inplace: bool,
    /// GELU's `approximate='tanh'` (default `'none'`).
    pub tanh_approximation: bool,
    /// Softmax's `dim` (default −1).
    pub dim: i64,
    /// Dropout's and stochastic depth's `p` (default 0.5).
    pub p: f64,
    /// Stochastic depth's `mode = "batch"` (one draw for the batch; default `"row"`, one
    /// per sample): it changes no count.
    pub batch_mode: bool,
    /// ELU's `alpha` (1.0), LeakyReLU's `negative_slope` (0.01), Hardtanh's `min_val`
    /// (−1.0), Softplus's `beta` (1.0): the kind's first number.
    pub a: f64,
    /// Hardtanh's `max_val` (1.0), Softplus's `threshold` (20.0): the kind's second number.
    pub b: f64,
    /// PReLU's `num_parameters` (1).
    pub num_parameters: u64,
}

impl Activation {
    /// An activation of `kind` with PyTorch's defaults.
    pub const fn new(kind: ActivationKind) -> Activation {
        let (a, b) = match kind {
            ActivationKind::LeakyReLU => (0.01, 0.0),
            ActivationKind::Hardtanh => (-1.0, 1.0),
            ActivationKind::Softplus => (1.0, 20.0),
            _ => (1.0, 0.0),
        };
        Activation {
            kind,
            inplace: false,
            tanh_approximation: false,
            dim: -1,
            p: 0.5,
            batch_mode: false,
            a,
            b,
            num_parameters: 1,
        }
    }

    /// torchvision's `StochasticDepth(p, mode)`, `batch` for `mode = "batch"`.
    pub const fn stochastic_depth(p: f64, batch: bool) -> Activation {
        Activation::new(ActivationKind::StochasticDepth)
            .p(p)
            .batch_mode(batch)
    }

    /// Sets ELU's `alpha`, LeakyReLU's `negative_slope`, Hardtanh's `min_val` or
    /// Softplus's `beta`.
    pub const fn a(mut self, a: f64) -> Activation {
        self.a = a;
        self
    }

    /// Sets Hardtanh's `max_val` or Softplus's `threshold`.
    pub const fn b(mut self, b: f64) -> Activation {
        self.b = b;
        self
    }

    /// Sets PReLU's `num_parameters`.
    pub const fn num_parameters(mut self, n: u64) -> Activation {
        self.num_parameters = n;
        self
    }

    /// The parameters: PReLU's `weight` of `num_parameters`, none for the other kinds.
    pub const fn params(&self) -> super::Params {
        match self.kind {
            ActivationKind::PReLU => {
                super::Params::NONE.with("weight", Shape::new(&[self.num_parameters]))
            }
            _ => super::Params::NONE,
        }
    }

    /// Sets `inplace`.
    pub const fn inplace(mut self, inplace: bool) -> Activation {
        self.inplace = inplace;
        self
    }

    /// Sets GELU's approximation: `true` for `'tanh'`.
    pub const fn tanh_approximation(mut self, tanh: bool) -> Activation {
        self.tanh_approximation = tanh;
        self
    }

    /// Sets softmax's `dim`.
    pub const fn dim(mut self, dim: i64) -> Activation {
        self.dim = dim;
        self
    }

    /// Sets dropout's or stochastic depth's `p`.
    pub const fn p(mut self, p: f64) -> Activation {
        self.p = p;
        self
    }

    /// Sets stochastic depth's `mode`: `true` for `"batch"`.
    pub const fn batch_mode(mut self, batch: bool) -> Activation {
        self.batch_mode = batch;
        self
    }

    /// The FLOPs: 0 by mmengine's rule, for every kind.
    pub const fn flops(&self, _input: Shape) -> u128 {
        0
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape, mode: Mode) -> Result<Applied, Error> {
        if matches!(self.kind, ActivationKind::Dropout) && !(self.p >= 0.0 && self.p <= 1.0) {
            return Err(Error::new(ErrorKind::Invalid {
                layer: "dropout",
                reason: "dropout probability has to be between 0 and 1",
            }));
        }
        if let ActivationKind::StochasticDepth = self.kind {
            if !(self.p >= 0.0 && self.p <= 1.0) {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: "stochastic_depth",
                    reason: "drop probability has to be between 0 and 1",
                }));
            }
            // torchvision: `if not training or p == 0.0: return input`.
            if matches!(mode, Mode::Eval) || self.p == 0.0 {
                return Ok(Applied {
                    layer: Layer::Activation(*self),
                    output: input,
                    cost: Cost::zero(ZeroOp::Identity),
                });
            }
        }
        let mut output = input;
        if matches!(
            self.kind,
            ActivationKind::Softmax | ActivationKind::LogSoftmax | ActivationKind::GLU
        ) {
            let rank = input.rank() as i64;
            if self.dim < -rank || self.dim >= rank {
                return Err(Error::new(ErrorKind::DimOutOfRange {
                    op: self.kind.op().name(),
                    dim: self.dim,
                    got: input,
                }));
            }
            if let ActivationKind::GLU = self.kind {
                let d = if self.dim < 0 {
                    self.dim + rank
                } else {
                    self.dim
                } as usize;
                if !input.dim(d).is_multiple_of(2) {
                    return Err(Error::new(ErrorKind::Invalid {
                        layer: "glu",
                        reason: "Halving dimension must be even",
                    }));
                }
                output = input.with_dim(d, input.dim(d) / 2);
            }
        }
        if let ActivationKind::PReLU = self.kind
            && self.num_parameters != 1
            && (input.rank() < 2 || input.dim(1) != self.num_parameters)
        {
            return Err(Error::new(ErrorKind::SizeMismatch {
                what: "channels (PReLU's num_parameters)",
                expected: self.num_parameters,
                got: if input.rank() < 2 { 0 } else { input.dim(1) },
            }));
        }
        let mut cost = Cost::zero(self.kind.op());
        cost.flops = self.flops(input);
        cost.params = tri!(self.params().count());
        Ok(Applied {
            layer: Layer::Activation(*self),
            output,
            cost,
        })
    }

    /// PyTorch's `extra_repr`: `inplace=True`, `approximate='none'`, `dim=-1`,
    /// `p=0.1, inplace=False`, or nothing.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        use crate::format::python_float;
        use alloc::string::String;
        let inplace = if self.inplace { ", inplace=True" } else { "" };
        match self.kind {
            ActivationKind::ReLU
            | ActivationKind::ReLU6
            | ActivationKind::SiLU
            | ActivationKind::Mish => {
                if self.inplace {
                    "inplace=True".into()
                } else {
                    String::new()
                }
            }
            ActivationKind::ELU => alloc::format!("alpha={}{inplace}", python_float(self.a)),
            ActivationKind::LeakyReLU => {
                alloc::format!("negative_slope={}{inplace}", python_float(self.a))
            }
            ActivationKind::Hardtanh => alloc::format!(
                "min_val={}, max_val={}{inplace}",
                python_float(self.a),
                python_float(self.b)
            ),
            ActivationKind::Softplus => alloc::format!(
                "beta={}, threshold={}",
                python_float(self.a),
                python_float(self.b)
            ),
            ActivationKind::PReLU => alloc::format!("num_parameters={}", self.num_parameters),
            ActivationKind::GLU | ActivationKind::LogSoftmax => {
                alloc::format!("dim={}", self.dim)
            }
            ActivationKind::GELU => {
                if self.tanh_approximation {
                    "approximate='tanh'".into()
                } else {
                    "approximate='none'".into()
                }
            }
            ActivationKind::Softmax => alloc::format!("dim={}", self.dim),
            ActivationKind::Dropout => alloc::format!(
                "p={}, inplace={}",
                crate::format::python_float(self.p),
                super::py_bool(self.inplace)
            ),
            // No `extra_repr` of their own: `Hardswish()` even in place.
            // torchvision's `StochasticDepth` prints `p` and `mode` from a `__repr__` of its
            // own, which mmengine does not use: its `extra_repr()` is empty.
            ActivationKind::Tanh
            | ActivationKind::Sigmoid
            | ActivationKind::Identity
            | ActivationKind::StochasticDepth
            | ActivationKind::Hardswish
            | ActivationKind::Hardsigmoid => String::new(),
        }
    }
}

impl Activation {
    /// What autograd keeps, by kind: the output (ReLU, Tanh, Sigmoid, Softmax,
    /// LogSoftmax), the input (the others), a mask of the input's size (dropout in
    /// training with `p > 0`), one float per sample (stochastic depth in training), or
    /// nothing (identity; dropout and stochastic depth in evaluation or with `p = 0`).
    /// In place, the output is the input's storage; ReLU, ELU and LeakyReLU then keep
    /// that storage (their result), while ReLU6, Hardtanh, Hardswish, Hardsigmoid, SiLU
    /// and Mish keep a copy of their input made before they overwrite it (measured with
    /// PyTorch 2.15's `saved_tensors_hooks`).
    pub(crate) const fn keeps(&self, input: Shape, mode: Mode) -> Keep {
        let train = matches!(mode, Mode::Train);
        let keep = match self.kind {
            ActivationKind::ReLU
            | ActivationKind::Tanh
            | ActivationKind::Sigmoid
            | ActivationKind::Softmax
            | ActivationKind::LogSoftmax => Keep::OUTPUT,
            ActivationKind::Identity => return Keep::VIEW,
            ActivationKind::Dropout if train && self.p > 0.0 => {
                Keep::NOTHING.with(Saved::masks(elems(input)))
            }
            ActivationKind::StochasticDepth if train && self.p > 0.0 => {
                let n = if input.rank() > 0 {
                    input.dim(0) as u128
                } else {
                    1
                };
                Keep::NOTHING.with(Saved::activations(n))
            }
            ActivationKind::Dropout | ActivationKind::StochasticDepth => return Keep::VIEW,
            ActivationKind::ReLU6
            | ActivationKind::Hardtanh
            | ActivationKind::Hardswish
            | ActivationKind::Hardsigmoid
            | ActivationKind::SiLU
            | ActivationKind::Mish
                if self.inplace =>
            {
                Keep::NOTHING.with(Saved::activations(elems(input)))
            }
            _ => Keep::INPUT,
        };
        if self.inplace { keep.in_place() } else { keep }
    }
}

impl Activation {
    /// ptflops' and calflops' rules on `input`: ptflops hooks `nn.ReLU`, `nn.PReLU`,
    /// `nn.ELU`, `nn.LeakyReLU`, `nn.ReLU6` and `nn.GELU` by exact class, `numel(input)`;
    /// and both count the function the module's `forward` calls as the operation table
    /// says for `F.{name}` (`nn.ReLU` calls `F.relu`, seen by both; `nn.ReLU6` calls
    /// `F.hardtanh` and `nn.Hardswish` `F.hardswish`, seen by neither; `nn.PReLU` calls
    /// `F.prelu`, which both wrap). O(1).
    pub(crate) const fn tools(
        &self,
        input: Shape,
        how: crate::convention::Use,
    ) -> Result<crate::cost::ToolFlops, Error> {
        use ActivationKind as K;
        let n = match input.checked_numel() {
            Some(n) => n,
            None => return Err(crate::cost::overflow("shape")),
        };
        let mut t = if how.calls_function() {
            match self.kind {
                K::ReLU => tri!(crate::convention::function("relu", input)),
                K::ReLU6 => tri!(crate::convention::function("hardtanh", input)),
                K::GELU => tri!(crate::convention::function("gelu", input)),
                K::SiLU => tri!(crate::convention::function("silu", input)),
                K::Softmax => tri!(crate::convention::function("softmax", input)),
                K::ELU => tri!(crate::convention::function("elu", input)),
                K::LeakyReLU => tri!(crate::convention::function("leaky_relu", input)),
                K::PReLU => crate::cost::ToolFlops {
                    ptflops: n,
                    calflops: n,
                    ..crate::cost::ToolFlops::ZERO
                },
                _ => crate::cost::ToolFlops::ZERO,
            }
        } else {
            crate::cost::ToolFlops::ZERO
        };
        let hooked_class = matches!(
            self.kind,
            K::ReLU | K::PReLU | K::ELU | K::LeakyReLU | K::ReLU6 | K::GELU
        );
        if how.hooked() && hooked_class {
            t.ptflops = match t.ptflops.checked_add(n) {
                Some(v) => v,
                None => return Err(crate::cost::overflow("FLOPs")),
            };
        }
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activations_cost_nothing_and_are_counted() {
        let x = Shape::new(&[1, 64, 112, 112]);
        for kind in [
            ActivationKind::ReLU,
            ActivationKind::ReLU6,
            ActivationKind::GELU,
            ActivationKind::Tanh,
            ActivationKind::Sigmoid,
            ActivationKind::SiLU,
            ActivationKind::Hardswish,
            ActivationKind::Softmax,
            ActivationKind::Dropout,
            ActivationKind::Identity,
        ] {
            let a = Activation::new(kind).apply(x, Mode::Train).unwrap();
            assert_eq!(
                (a.cost.flops, a.cost.activations, a.cost.params),
                (0, 0, 0),
                "{kind:?}"
            );
            assert_eq!(a.cost.zero_count(kind.op()), 1);
            assert_eq!(a.output, x);
        }
        let e = Activation::new(ActivationKind::Softmax)
            .dim(4)
            .apply(x, Mode::Train)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "model: softmax: dimension 4 is out of range for a tensor of shape [1, 64, 112, 112]"
        );
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn extra_reprs_are_pytorchs() {
        assert_eq!(
            Activation::new(ActivationKind::ReLU)
                .inplace(true)
                .extra_repr(),
            "inplace=True"
        );
        assert_eq!(
            Activation::new(ActivationKind::GELU).extra_repr(),
            "approximate='none'"
        );
        assert_eq!(
            Activation::new(ActivationKind::Dropout).p(0.1).extra_repr(),
            "p=0.1, inplace=False"
        );
        assert_eq!(
            Activation::new(ActivationKind::Dropout).p(0.0).extra_repr(),
            "p=0.0, inplace=False"
        );
        assert_eq!(Activation::new(ActivationKind::Tanh).extra_repr(), "");
    }
}
