//! Fully-connected layers: `linear`.

use super::{Applied, Layer, Params, check_declared, nonzero, tri};
use crate::cost::{Cost, OpKind, activations, flops_product, overflow};
use crate::error::{Error, ErrorKind};
use crate::shape::Shape;

/// `nn.Linear(in, out, bias)` on `[…, in]` (any rank ≥ 1; it acts on the last dimension).
///
/// - output: `[…, out]`;
/// - params: weight `out · in`, plus bias `out`;
/// - FLOPs (op `linear`): `numel(input) · out` (bias not counted);
/// - activations: `numel(output)`.
///
/// `in` may be omitted (inferred from the input's last dimension) or given (then checked).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Linear {
    /// Input features, `None` to infer them.
    pub in_features: Option<u64>,
    /// Output features.
    pub out_features: u64,
    /// Whether there is a bias (default true).
    pub bias: bool,
}

impl Linear {
    /// A linear layer with bias; input features inferred.
    pub const fn new(out_features: u64) -> Linear {
        Linear {
            in_features: None,
            out_features,
            bias: true,
        }
    }

    /// Declares the input features (checked against the input).
    pub const fn in_features(mut self, n: u64) -> Linear {
        self.in_features = Some(n);
        self
    }

    /// Sets whether there is a bias.
    pub const fn bias(mut self, b: bool) -> Linear {
        self.bias = b;
        self
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        const NAME: &str = "linear";
        if input.rank() == 0 {
            return Err(Error::new(ErrorKind::Rank {
                layer: NAME,
                expected: "at least 1 ([…, in])",
                got: input,
            }));
        }
        let last = input.rank() - 1;
        let n = tri!(check_declared(
            "input features",
            self.in_features,
            input.dim(last)
        ));
        tri!(nonzero(NAME, "in", n));
        tri!(nonzero(NAME, "out", self.out_features));
        let output = input.with_dim(last, self.out_features);
        let in_numel = match input.checked_numel() {
            Some(v) => v,
            None => return Err(overflow("FLOPs")),
        };
        let flops = tri!(flops_product(&[in_numel, self.out_features as u128]));
        let acts = match output.checked_numel() {
            Some(v) => tri!(activations(v)),
            None => return Err(overflow("activations")),
        };
        let mut layer = *self;
        layer.in_features = Some(n);
        let mut cost = Cost::op(OpKind::Linear, flops, acts);
        cost.params = tri!(layer.params().count());
        Ok(Applied {
            layer: Layer::Linear(layer),
            output,
            cost,
        })
    }

    /// `weight [out, in]` and, with bias, `bias [out]`.
    pub const fn params(&self) -> Params {
        let n = match self.in_features {
            Some(n) => n,
            None => 0,
        };
        let p = Params::NONE.with("weight", Shape::new(&[self.out_features, n]));
        if self.bias {
            p.with("bias", Shape::new(&[self.out_features]))
        } else {
            p
        }
    }

    /// PyTorch's `extra_repr`: `in_features=512, out_features=1000, bias=True`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        alloc::format!(
            "in_features={}, out_features={}, bias={}",
            self.in_features.unwrap_or(0),
            self.out_features,
            super::py_bool(self.bias)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Per-op values measured with mmengine, from CONVENTIONS.md.
    #[test]
    fn linear_on_any_rank() {
        // Linear(10,20) x[3,7,10]: flops 4200 acts 420; params 10·20 + 20.
        let a = Linear::new(20).apply(Shape::new(&[3, 7, 10])).unwrap();
        assert_eq!(
            (a.cost.flops, a.cost.activations, a.cost.params),
            (4_200, 420, 220)
        );
        assert_eq!(a.output.dims(), &[3, 7, 20]);
        // Linear(10,20,bias=False) x[4,10]: flops 800 acts 80; params 200.
        let a = Linear::new(20)
            .bias(false)
            .apply(Shape::new(&[4, 10]))
            .unwrap();
        assert_eq!(
            (a.cost.flops, a.cost.activations, a.cost.params),
            (800, 80, 200)
        );
    }

    #[test]
    fn declared_features_are_checked() {
        let e = Linear::new(10)
            .in_features(512)
            .apply(Shape::new(&[1, 2048]))
            .unwrap_err();
        assert_eq!(e.to_string(), "model: expects 512 input features, got 2048");
    }
}
