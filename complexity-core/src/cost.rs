//! What a module costs: parameters, FLOPs by op kind, activations; with checked sums.

use crate::error::{Error, ErrorKind};

/// The kinds of operation mmengine charges FLOPs to, named as in its `flops_by_op`.
///
/// Operations with no entry here (relu, max pool, the residual `+`, flatten, …) cost 0 by
/// mmengine's rules; each layer kind states its rule in its own documentation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OpKind {
    /// Convolutions (`aten::_convolution`), key `conv`.
    Conv,
    /// Batch normalization, key `batch_norm`.
    BatchNorm,
    /// `aten::adaptive_avg_pool2d`, key `adaptive_avg_pool2d`.
    AdaptiveAvgPool2d,
    /// Fully-connected layers (`aten::linear`), key `linear`.
    Linear,
}

impl OpKind {
    /// How many kinds there are.
    pub const COUNT: usize = 4;

    /// Every kind, in the order of the index used by [`Cost::flops_by_op`].
    pub const ALL: [OpKind; OpKind::COUNT] = [
        OpKind::Conv,
        OpKind::BatchNorm,
        OpKind::AdaptiveAvgPool2d,
        OpKind::Linear,
    ];

    /// mmengine's key for this kind in `flops_by_op`.
    pub const fn name(self) -> &'static str {
        match self {
            OpKind::Conv => "conv",
            OpKind::BatchNorm => "batch_norm",
            OpKind::AdaptiveAvgPool2d => "adaptive_avg_pool2d",
            OpKind::Linear => "linear",
        }
    }

    /// The position of this kind in [`OpKind::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// Parameters, FLOPs (multiply-adds) broken down by [`OpKind`], and activations.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Cost {
    /// Parameters (weights, biases, norm affine weights); buffers are not counted.
    pub params: u64,
    /// Total FLOPs: one FLOP is one multiply-add, as in mmengine and fvcore.
    pub flops: u128,
    /// FLOPs by op kind, indexed by [`OpKind::index`].
    pub flops_by_op: [u128; OpKind::COUNT],
    /// Activations: the elements of every output of a convolution or linear layer.
    pub activations: u64,
}

impl Cost {
    /// Nothing at all.
    pub const ZERO: Cost = Cost {
        params: 0,
        flops: 0,
        flops_by_op: [0; OpKind::COUNT],
        activations: 0,
    };

    /// The cost of one operation of kind `op`.
    pub const fn op(op: OpKind, flops: u128, activations: u64) -> Cost {
        let mut cost = Cost::ZERO;
        cost.flops = flops;
        cost.flops_by_op[op.index()] = flops;
        cost.activations = activations;
        cost
    }

    /// The FLOPs of one op kind.
    pub const fn flops_of(&self, op: OpKind) -> u128 {
        self.flops_by_op[op.index()]
    }

    /// The sum, or an overflow error naming the count that overflowed.
    pub const fn checked_add(self, other: Cost) -> Result<Cost, Error> {
        let params = match self.params.checked_add(other.params) {
            Some(v) => v,
            None => return Err(overflow("params")),
        };
        let flops = match self.flops.checked_add(other.flops) {
            Some(v) => v,
            None => return Err(overflow("FLOPs")),
        };
        let activations = match self.activations.checked_add(other.activations) {
            Some(v) => v,
            None => return Err(overflow("activations")),
        };
        let mut flops_by_op = self.flops_by_op;
        let mut i = 0;
        while i < OpKind::COUNT {
            // Each term is at most the total, which did not overflow.
            flops_by_op[i] += other.flops_by_op[i];
            i += 1;
        }
        Ok(Cost {
            params,
            flops,
            flops_by_op,
            activations,
        })
    }
}

/// The error for a count that overflows its integer type.
pub(crate) const fn overflow(what: &'static str) -> Error {
    Error::new(ErrorKind::Overflow { what })
}

/// `a · b · …`, or an overflow error for FLOPs.
pub(crate) const fn flops_product(factors: &[u128]) -> Result<u128, Error> {
    let mut n: u128 = 1;
    let mut i = 0;
    while i < factors.len() {
        n = match n.checked_mul(factors[i]) {
            Some(n) => n,
            None => return Err(overflow("FLOPs")),
        };
        i += 1;
    }
    Ok(n)
}

/// A number of elements as an activation count (u64), or an overflow error.
pub(crate) const fn activations(numel: u128) -> Result<u64, Error> {
    if numel > u64::MAX as u128 {
        Err(overflow("activations"))
    } else {
        Ok(numel as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_check_overflow() {
        let a = Cost::op(OpKind::Conv, u128::MAX, 1);
        let b = Cost::op(OpKind::Linear, 1, 1);
        assert_eq!(
            a.checked_add(b).unwrap_err().to_string(),
            "model: the number of FLOPs overflows u128 (more than 340282366920938463463374607431768211455)"
        );
        let c = Cost::op(OpKind::Conv, 5, 2).checked_add(b).unwrap();
        assert_eq!(
            (
                c.flops,
                c.flops_of(OpKind::Conv),
                c.flops_of(OpKind::Linear),
                c.activations
            ),
            (6, 5, 1, 3)
        );
    }
}
