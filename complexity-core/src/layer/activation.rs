//! Activation functions, dropout and identity: `relu`, `relu6`, `gelu`, `tanh`,
//! `sigmoid`, `silu`, `hardswish`, `softmax`, `dropout`, `identity`.

use super::{Applied, Layer};
use crate::cost::{Cost, ZeroOp};
use crate::error::{Error, ErrorKind};
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
        }
    }
}

/// An elementwise activation, dropout or identity, on any shape.
///
/// - output: the input shape;
/// - params: 0;
/// - FLOPs: **0** for every kind, mmengine's rule: it has no handle for `aten::relu`,
///   `aten::hardtanh` (ReLU6), `aten::gelu`, `aten::tanh`, `aten::sigmoid`, `aten::silu`,
///   `aten::hardswish`, `aten::softmax` or `aten::dropout`; each call is counted as a
///   [`ZeroOp`] so reports say what was counted as zero;
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
    /// Dropout's `p` (default 0.5).
    pub p: f64,
}

impl Activation {
    /// An activation of `kind` with PyTorch's defaults.
    pub const fn new(kind: ActivationKind) -> Activation {
        Activation {
            kind,
            inplace: false,
            tanh_approximation: false,
            dim: -1,
            p: 0.5,
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

    /// Sets dropout's `p`.
    pub const fn p(mut self, p: f64) -> Activation {
        self.p = p;
        self
    }

    /// The FLOPs: 0 by mmengine's rule, for every kind.
    pub const fn flops(&self, _input: Shape) -> u128 {
        0
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        if matches!(self.kind, ActivationKind::Dropout) && !(self.p >= 0.0 && self.p <= 1.0) {
            return Err(Error::new(ErrorKind::Invalid {
                layer: "dropout",
                reason: "dropout probability has to be between 0 and 1",
            }));
        }
        if matches!(self.kind, ActivationKind::Softmax) {
            let rank = input.rank() as i64;
            if self.dim < -rank || self.dim >= rank {
                return Err(Error::new(ErrorKind::DimOutOfRange {
                    op: "softmax",
                    dim: self.dim,
                    got: input,
                }));
            }
        }
        let mut cost = Cost::zero(self.kind.op());
        cost.flops = self.flops(input);
        Ok(Applied {
            layer: Layer::Activation(*self),
            output: input,
            cost,
        })
    }

    /// PyTorch's `extra_repr`: `inplace=True`, `approximate='none'`, `dim=-1`,
    /// `p=0.1, inplace=False`, or nothing.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        use alloc::string::String;
        match self.kind {
            ActivationKind::ReLU
            | ActivationKind::ReLU6
            | ActivationKind::SiLU
            | ActivationKind::Hardswish => {
                if self.inplace {
                    "inplace=True".into()
                } else {
                    String::new()
                }
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
            ActivationKind::Tanh | ActivationKind::Sigmoid | ActivationKind::Identity => {
                String::new()
            }
        }
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
            let a = Activation::new(kind).apply(x).unwrap();
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
            .apply(x)
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
