//! Fully-connected layers: `linear`, and GPT-2's `Conv1D` (`gpt2_conv1d`).

use super::{Applied, Layer, Params, check_declared, known, nonzero, numel, tri};
use crate::cost::{Cost, OpKind, activations, flops_product};
use crate::error::{Error, ErrorKind};
use crate::memory::saved::Keep;
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

    /// `F.linear(x, weight, bias)`: out and in features from `weight` `[out, in]`, a bias
    /// (`[out]`) if given.
    pub const fn with_weights(
        mut self,
        weight: Option<Shape>,
        bias: Option<Shape>,
    ) -> Result<Linear, Error> {
        let w = tri!(super::weight_of(
            "linear",
            weight,
            2,
            "2 ([out, in]) as its weight"
        ));
        tri!(super::check_bias(
            "linear",
            bias,
            w.dim(0),
            "the bias is not one value per output"
        ));
        self.out_features = w.dim(0);
        self.in_features = Some(w.dim(1));
        self.bias = bias.is_some();
        Ok(self)
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        let (n, output, cost) = tri!(dense(
            "linear",
            OpKind::Linear,
            self.in_features,
            self.out_features,
            input
        ));
        let mut layer = *self;
        layer.in_features = Some(n);
        let mut cost = cost;
        cost.params = tri!(tri!(layer.params()).count());
        Ok(Applied {
            layer: Layer::Linear(layer),
            output,
            cost,
        })
    }

    /// `weight [out, in]` and, with bias, `bias [out]`.
    pub const fn params(&self) -> Result<Params, Error> {
        let n = tri!(known(self.in_features, "in"));
        let p = Params::NONE.with("weight", Shape::new(&[self.out_features, n]));
        Ok(if self.bias {
            p.with("bias", Shape::new(&[self.out_features]))
        } else {
            p
        })
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

/// A matrix product over the last dimension, shared by `linear` and `gpt2_conv1d`:
/// checks the input, returns the input features, the output shape and the cost
/// `numel(input) · out` FLOPs of kind `op`, `numel(output)` activations (params not set).
const fn dense(
    name: &'static str,
    op: OpKind,
    declared_in: Option<u64>,
    out: u64,
    input: Shape,
) -> Result<(u64, Shape, Cost), Error> {
    if input.rank() == 0 {
        return Err(Error::new(ErrorKind::Rank {
            layer: name,
            expected: "at least 1 ([…, in])",
            got: input,
        }));
    }
    let last = input.rank() - 1;
    let n = tri!(check_declared(
        "input features",
        declared_in,
        input.dim(last)
    ));
    tri!(nonzero(name, "in", n));
    tri!(nonzero(name, "out", out));
    let output = input.with_dim(last, out);
    let flops = tri!(flops_product(&[tri!(numel(input)), out as u128]));
    let acts = match output.checked_numel() {
        Some(v) => tri!(activations(v)),
        None => return Err(crate::cost::overflow("activations")),
    };
    Ok((n, output, Cost::op(op, flops, acts)))
}

/// GPT-2's `Conv1D(nf = out, nx = in)` from transformers: a linear layer stored
/// transposed and run as `torch.addmm(bias, x.view(-1, in), weight)`, on `[…, in]`.
///
/// - output: `[…, out]`;
/// - params: weight `in · out` (shape `[in, out]`), plus bias `out`;
/// - FLOPs (op `addmm`): `rows · in · out`, with `rows = numel(input) / in`, i.e.
///   `numel(input) · out` (bias not counted);
/// - activations: `numel(output)`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Gpt2Conv1D {
    /// Input features (`nx`), `None` to infer them.
    pub in_features: Option<u64>,
    /// Output features (`nf`).
    pub out_features: u64,
}

impl Gpt2Conv1D {
    /// `Conv1D(nf = out_features, nx = inferred)`.
    pub const fn new(out_features: u64) -> Gpt2Conv1D {
        Gpt2Conv1D {
            in_features: None,
            out_features,
        }
    }

    /// Declares the input features.
    pub const fn in_features(mut self, n: u64) -> Gpt2Conv1D {
        self.in_features = Some(n);
        self
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        let (n, output, cost) = tri!(dense(
            "gpt2_conv1d",
            OpKind::Addmm,
            self.in_features,
            self.out_features,
            input
        ));
        let mut layer = *self;
        layer.in_features = Some(n);
        let mut cost = cost;
        cost.params = tri!(tri!(layer.params()).count());
        Ok(Applied {
            layer: Layer::Gpt2Conv1D(layer),
            output,
            cost,
        })
    }

    /// `weight [in, out]` and `bias [out]`.
    pub const fn params(&self) -> Result<Params, Error> {
        let n = tri!(known(self.in_features, "in"));
        Ok(Params::NONE
            .with("weight", Shape::new(&[n, self.out_features]))
            .with("bias", Shape::new(&[self.out_features])))
    }
}

impl Linear {
    /// What autograd keeps: the input (for the weight's gradient).
    pub(crate) const fn keeps(&self) -> Keep {
        Keep::INPUT
    }
}

impl Gpt2Conv1D {
    /// What autograd keeps (`addmm(bias, x.view(-1, nx), weight)`): the input.
    pub(crate) const fn keeps(&self) -> Keep {
        Keep::INPUT
    }
}

impl Linear {
    /// ptflops' and calflops' rules on an `output` of `macs` multiply-adds (mmengine's
    /// figure): ptflops hooks `nn.Linear` by exact class, `macs + numel(output)` with a
    /// bias (not `F.linear`); calflops wraps `F.linear`, `2 · macs` FLOPs (no bias) and
    /// `macs` MACs. O(rank).
    pub(crate) const fn tools(
        &self,
        output: Shape,
        macs: u128,
        how: crate::convention::Use,
    ) -> Result<crate::cost::ToolFlops, Error> {
        let bias = if self.bias { tri!(numel(output)) } else { 0 };
        match (macs.checked_add(bias), macs.checked_mul(2)) {
            (Some(hook), Some(function)) => Ok(how.split(hook, function, macs)),
            _ => Err(crate::cost::overflow("FLOPs")),
        }
    }
}

impl Gpt2Conv1D {
    /// ptflops' and calflops' rules: its `forward` is `torch.addmm(bias, x, weight)`,
    /// which both wrap: ptflops `macs + out_features`, calflops `2 · macs + out_features`
    /// FLOPs and `macs` MACs (the added bias counts its elements once per call), whatever
    /// its class. O(1).
    pub(crate) const fn tools(&self, macs: u128) -> Result<crate::cost::ToolFlops, Error> {
        crate::convention::product(
            crate::ops::find("addmm"),
            crate::ops::Spelling::Torch,
            macs,
            self.out_features as u128,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Per-op values measured with mmengine, from tests/fixtures/CONVENTIONS.md.
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
    fn gpt2_conv1d_is_an_addmm() {
        // GPT-2's c_attn: Conv1D(2304, 768) on [1, 128, 768]: 128·768·2304 FLOPs,
        // 128·2304 activations, 768·2304 + 2304 params (the fixture's h.0.attn.c_attn).
        let a = Gpt2Conv1D::new(2304)
            .apply(Shape::new(&[1, 128, 768]))
            .unwrap();
        assert_eq!(
            (a.cost.flops, a.cost.activations, a.cost.params),
            (226_492_416, 294_912, 1_771_776)
        );
        assert_eq!(a.cost.flops_of(OpKind::Addmm), 226_492_416);
        assert_eq!(
            a.layer.params().unwrap().tensors()[0].1,
            Shape::new(&[768, 2304])
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

    #[test]
    fn with_weights_from_a_forward() {
        // MultiheadAttention's in_proj: F.linear([1, 197, 768], weight [2304, 768]).
        let l = Linear::new(0)
            .with_weights(Some(Shape::new(&[2304, 768])), None)
            .unwrap();
        let a = l.apply(Shape::new(&[1, 197, 768])).unwrap();
        assert_eq!(
            (a.output, a.cost.flops, a.cost.activations),
            (Shape::new(&[1, 197, 2304]), 197 * 768 * 2304, 197 * 2304)
        );
        assert!(!l.bias);
        // A bias of another length than the output is an error.
        assert!(
            Linear::new(0)
                .with_weights(Some(Shape::new(&[4, 3])), Some(Shape::new(&[3])))
                .is_err()
        );
    }
}
