//! Activation functions: `relu`.

use super::{Applied, Layer};
use crate::cost::Cost;
use crate::error::Error;
use crate::shape::Shape;

/// `nn.ReLU(inplace)`, on any shape.
///
/// - output: the input shape;
/// - params: 0;
/// - FLOPs: **0**, mmengine's rule (it has no handle for `aten::relu`);
/// - activations: 0.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct ReLU {
    /// `inplace` (default false); only printed by reports.
    pub inplace: bool,
}

impl ReLU {
    /// A ReLU, not in place.
    pub const fn new() -> ReLU {
        ReLU { inplace: false }
    }

    /// Sets `inplace`.
    pub const fn inplace(mut self, inplace: bool) -> ReLU {
        self.inplace = inplace;
        self
    }

    /// The FLOPs of a ReLU: 0 by mmengine's rule.
    pub const fn flops(&self, _input: Shape) -> u128 {
        0
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        let mut cost = Cost::ZERO;
        cost.flops = self.flops(input);
        Ok(Applied {
            layer: Layer::ReLU(*self),
            output: input,
            cost,
        })
    }

    /// PyTorch's `extra_repr`: `inplace=True`, or nothing.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        if self.inplace {
            "inplace=True".into()
        } else {
            alloc::string::String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relu_costs_nothing() {
        let a = ReLU::new().apply(Shape::new(&[1, 64, 112, 112])).unwrap();
        assert_eq!(a.cost, Cost::ZERO);
        assert_eq!(a.output, Shape::new(&[1, 64, 112, 112]));
    }
}
