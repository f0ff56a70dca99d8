//! What a module costs: parameters, FLOPs by op kind, activations; with checked sums.

use crate::error::{Error, ErrorKind};
use crate::memory::Saved;

/// The kinds of operation mmengine charges FLOPs to, named as in its `flops_by_op`.
///
/// Operations with no entry here cost 0 by mmengine's rules and are counted as a
/// [`ZeroOp`]; each layer kind states its rule in its own documentation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OpKind {
    /// Convolutions, transposed ones included (`aten::_convolution`), key `conv`.
    Conv,
    /// Batch normalization, key `batch_norm`.
    BatchNorm,
    /// Group normalization, key `group_norm`.
    GroupNorm,
    /// Layer normalization, key `layer_norm`.
    LayerNorm,
    /// `aten::adaptive_avg_pool2d`, key `adaptive_avg_pool2d`.
    AdaptiveAvgPool2d,
    /// Fully-connected layers (`aten::linear`), key `linear`.
    Linear,
    /// `aten::addmm` (GPT-2's `Conv1D`), key `addmm`.
    Addmm,
    /// `aten::matmul`, key `matmul`.
    Matmul,
    /// Instance normalization, key `instance_norm`.
    InstanceNorm,
    /// `aten::upsample_nearest2d`, key `upsample_nearest2d`.
    UpsampleNearest2d,
    /// `aten::upsample_bilinear2d`, key `upsample_bilinear2d`.
    UpsampleBilinear2d,
    /// `aten::bmm`, key `bmm`.
    Bmm,
    /// `aten::mm`, key `mm`.
    Mm,
    /// `aten::einsum`, key `einsum`.
    Einsum,
}

impl OpKind {
    /// How many kinds there are.
    pub const COUNT: usize = 14;

    /// Every kind, in the order of the index used by [`Cost::flops_by_op`].
    pub const ALL: [OpKind; OpKind::COUNT] = [
        OpKind::Conv,
        OpKind::BatchNorm,
        OpKind::GroupNorm,
        OpKind::LayerNorm,
        OpKind::AdaptiveAvgPool2d,
        OpKind::Linear,
        OpKind::Addmm,
        OpKind::Matmul,
        OpKind::InstanceNorm,
        OpKind::UpsampleNearest2d,
        OpKind::UpsampleBilinear2d,
        OpKind::Bmm,
        OpKind::Mm,
        OpKind::Einsum,
    ];

    /// mmengine's key for this kind in `flops_by_op`.
    pub const fn name(self) -> &'static str {
        match self {
            OpKind::Conv => "conv",
            OpKind::BatchNorm => "batch_norm",
            OpKind::GroupNorm => "group_norm",
            OpKind::LayerNorm => "layer_norm",
            OpKind::AdaptiveAvgPool2d => "adaptive_avg_pool2d",
            OpKind::Linear => "linear",
            OpKind::Addmm => "addmm",
            OpKind::Matmul => "matmul",
            OpKind::InstanceNorm => "instance_norm",
            OpKind::UpsampleNearest2d => "upsample_nearest2d",
            OpKind::UpsampleBilinear2d => "upsample_bilinear2d",
            OpKind::Bmm => "bmm",
            OpKind::Mm => "mm",
            OpKind::Einsum => "einsum",
        }
    }

    /// The position of this kind in [`OpKind::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

pub use complexity_ops::ZeroOp;

/// Parameters, FLOPs (multiply-adds) broken down by [`OpKind`], and activations.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Cost {
    /// Parameters (weights, biases, norm affine weights); buffers are not counted.
    pub params: u64,
    /// Total FLOPs: one FLOP is one multiply-add, as in mmengine and fvcore.
    pub flops: u128,
    /// FLOPs by op kind, indexed by [`OpKind::index`].
    pub flops_by_op: [u128; OpKind::COUNT],
    /// Activations: the elements of every output of a convolution, linear layer, addmm
    /// or matmul.
    pub activations: u64,
    /// How many operations of each [`ZeroOp`] kind ran (counted as 0 FLOPs).
    pub zero_ops: [u32; ZeroOp::COUNT],
    /// The most tensor elements alive at once during the call: the largest
    /// `input + output` of an operation plus every value held for later (a residual
    /// branch). Sums keep the larger peak. An upper bound for an activation arena: views
    /// (flatten, transpose, …) are counted as copies.
    pub peak_elements: u128,
    /// The elements autograd keeps for the backward pass, by storage class (see
    /// [`memory`](crate::memory)): each storage once, under the innermost module that
    /// kept it first; a module's figure includes its children's.
    pub saved: Saved,
    /// [`Cost::saved`] with activation checkpointing on every element of every array
    /// (`[Block; N]`; the outermost when nested): each element keeps only its inputs
    /// (its first input per element, its other inputs once per array), the rest as
    /// without checkpointing.
    pub checkpointed: Saved,
    /// With checkpointing, what one element's recomputed forward keeps during its
    /// backward: the largest element's [`Cost::saved`] (by bytes in float32), held on
    /// top of [`Cost::checkpointed`] one element at a time.
    pub recompute: Saved,
    /// Of [`Cost::params`], those that need no gradient (under a `frozen` module).
    pub frozen: u64,
    /// Multiply-adds of matrix products mmengine has no rule for (`baddbmm`), which
    /// other conventions count ([`Convention`](crate::convention::Convention)).
    pub other_macs: u128,
    /// What ptflops and calflops count, by their rules (see
    /// [`Convention`](crate::convention::Convention)).
    pub tools: ToolFlops,
    /// Elements a KV cache holds after the call (`past_key_values.update(k, v, …)`):
    /// the keys and values of every attention layer, at the input's length.
    pub cached: u128,
    /// Which entries of `zero_ops` and `flops_by_op` are non-zero, so that sums touch only
    /// those: the analysis adds costs at every step, and a module runs a few kinds of the
    /// tables' many.
    present: Present,
}

/// The non-zero entries of a [`Cost`]'s tables, as bit sets.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
struct Present {
    zero_ops: u128,
    flops_by_op: u32,
}

const _: () = assert!(ZeroOp::COUNT <= 128 && OpKind::COUNT <= 32);

impl Default for Cost {
    fn default() -> Cost {
        Cost::ZERO
    }
}

impl Cost {
    /// Nothing at all.
    pub const ZERO: Cost = Cost {
        present: Present {
            zero_ops: 0,
            flops_by_op: 0,
        },
        params: 0,
        flops: 0,
        flops_by_op: [0; OpKind::COUNT],
        activations: 0,
        zero_ops: [0; ZeroOp::COUNT],
        peak_elements: 0,
        saved: Saved::ZERO,
        checkpointed: Saved::ZERO,
        recompute: Saved::ZERO,
        frozen: 0,
        cached: 0,
        other_macs: 0,
        tools: ToolFlops::ZERO,
    };

    /// The cost of one operation of kind `op`.
    pub const fn op(op: OpKind, flops: u128, activations: u64) -> Cost {
        let mut cost = Cost::ZERO;
        cost.flops = flops;
        cost.flops_by_op[op.index()] = flops;
        if flops != 0 {
            cost.present.flops_by_op = 1 << op.index();
        }
        cost.activations = activations;
        cost
    }

    /// One operation of a kind that costs 0 by mmengine's rules.
    pub const fn zero(op: ZeroOp) -> Cost {
        let mut cost = Cost::ZERO;
        cost.zero_ops[op.index()] = 1;
        cost.present.zero_ops = 1 << op.index();
        cost
    }

    /// Whether any operation ran that a trace records: any op with a cost rule, or any
    /// zero op but `identity` (`nn.Identity` returns its input without an operation, so
    /// mmengine, which sees the trace, prints `N/A` for a module that ran nothing else).
    pub const fn records_an_op(&self) -> bool {
        self.present.flops_by_op != 0
            || self.present.zero_ops & !(1 << ZeroOp::Identity.index()) != 0
            || self.activations != 0
    }

    /// How many operations of a zero-cost kind ran.
    pub const fn zero_count(&self, op: ZeroOp) -> u32 {
        self.zero_ops[op.index()]
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
        // Only the entries `other` has: O(kinds it ran), not O(all kinds).
        let mut flops_by_op = self.flops_by_op;
        let mut kinds = other.present.flops_by_op;
        while kinds != 0 {
            let i = kinds.trailing_zeros() as usize;
            // Each term is at most the total, which did not overflow.
            flops_by_op[i] += other.flops_by_op[i];
            kinds &= kinds - 1;
        }
        let frozen = match self.frozen.checked_add(other.frozen) {
            Some(v) => v,
            None => return Err(overflow("params")),
        };
        let cached = match self.cached.checked_add(other.cached) {
            Some(v) => v,
            None => return Err(overflow("KV cache elements")),
        };
        let other_macs = match self.other_macs.checked_add(other.other_macs) {
            Some(v) => v,
            None => return Err(overflow("FLOPs")),
        };
        let tools = match self.tools.checked_add(other.tools) {
            Ok(t) => t,
            Err(e) => return Err(e),
        };
        let checkpointed = match self.checkpointed.checked_add(other.checkpointed) {
            Ok(s) => s,
            Err(e) => return Err(e),
        };
        let saved = match self.saved.checked_add(other.saved) {
            Ok(s) => s,
            Err(e) => return Err(e),
        };
        let mut zero_ops = self.zero_ops;
        let mut ops = other.present.zero_ops;
        while ops != 0 {
            let j = ops.trailing_zeros() as usize;
            zero_ops[j] = zero_ops[j].saturating_add(other.zero_ops[j]);
            ops &= ops - 1;
        }
        Ok(Cost {
            present: Present {
                zero_ops: self.present.zero_ops | other.present.zero_ops,
                flops_by_op: self.present.flops_by_op | other.present.flops_by_op,
            },
            params,
            flops,
            flops_by_op,
            activations,
            zero_ops,
            saved,
            checkpointed,
            recompute: Saved::larger(self.recompute, other.recompute),
            frozen,
            cached,
            other_macs,
            tools,
            peak_elements: if self.peak_elements > other.peak_elements {
                self.peak_elements
            } else {
                other.peak_elements
            },
        })
    }
}

impl Cost {
    /// The cost of `times` identical calls in sequence: params, FLOPs (each kind) and
    /// activations multiplied, zero-op counts multiplied (saturating at `u32::MAX`), the
    /// peak unchanged (the calls run one after the other). What
    /// [`checked_add`](Cost::checked_add) of `times` copies gives, in O(kinds).
    pub const fn checked_times(self, times: u64) -> Result<Cost, Error> {
        let params = match self.params.checked_mul(times) {
            Some(v) => v,
            None => return Err(overflow("params")),
        };
        let flops = match self.flops.checked_mul(times as u128) {
            Some(v) => v,
            None => return Err(overflow("FLOPs")),
        };
        let activations = match self.activations.checked_mul(times) {
            Some(v) => v,
            None => return Err(overflow("activations")),
        };
        if times == 0 {
            return Ok(Cost::ZERO);
        }
        let frozen = match self.frozen.checked_mul(times) {
            Some(v) => v,
            None => return Err(overflow("params")),
        };
        let cached = match self.cached.checked_mul(times as u128) {
            Some(v) => v,
            None => return Err(overflow("KV cache elements")),
        };
        let other_macs = match self.other_macs.checked_mul(times as u128) {
            Some(v) => v,
            None => return Err(overflow("FLOPs")),
        };
        let tools = match self.tools.checked_times(times as u128) {
            Ok(t) => t,
            Err(e) => return Err(e),
        };
        let checkpointed = match self.checkpointed.checked_times(times as u128) {
            Ok(s) => s,
            Err(e) => return Err(e),
        };
        let saved = match self.saved.checked_times(times as u128) {
            Ok(s) => s,
            Err(e) => return Err(e),
        };
        let mut flops_by_op = self.flops_by_op;
        let mut kinds = self.present.flops_by_op;
        while kinds != 0 {
            let i = kinds.trailing_zeros() as usize;
            // Each term is at most the total, which did not overflow.
            flops_by_op[i] *= times as u128;
            kinds &= kinds - 1;
        }
        let mut zero_ops = self.zero_ops;
        let t = if times > u32::MAX as u64 {
            u32::MAX
        } else {
            times as u32
        };
        let mut ops = self.present.zero_ops;
        while ops != 0 {
            let j = ops.trailing_zeros() as usize;
            zero_ops[j] = zero_ops[j].saturating_mul(t);
            ops &= ops - 1;
        }
        Ok(Cost {
            present: self.present,
            params,
            flops,
            flops_by_op,
            activations,
            zero_ops,
            peak_elements: self.peak_elements,
            saved,
            checkpointed,
            recompute: self.recompute,
            frozen,
            cached,
            other_macs,
            tools,
        })
    }
}

/// What the tools that count by replacing PyTorch's functions and hooking its modules
/// print, by their rules ([`Convention::Ptflops`](crate::convention::Convention::Ptflops),
/// [`Convention::CalflopsFlops`](crate::convention::Convention::CalflopsFlops),
/// [`Convention::CalflopsMacs`](crate::convention::Convention::CalflopsMacs)): each
/// operation and layer states its rule next to mmengine's.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct ToolFlops {
    /// ptflops 0.7.5's multiply-adds (`get_model_complexity_info(…, backend =
    /// "pytorch")`).
    pub ptflops: u128,
    /// calflops 0.3.2's FLOPs (`calculate_flops`).
    pub calflops: u128,
    /// calflops 0.3.2's MACs.
    pub calflops_macs: u128,
    /// thop 0.1.1's multiply-adds (`profile(model, inputs)`).
    pub thop: u128,
    /// The parameters thop counts: those of the modules it has a rule for, if called.
    pub thop_params: u64,
    /// torchinfo 1.8's mult-adds (its `Total mult-adds`).
    pub torchinfo: u128,
}

impl ToolFlops {
    /// Nothing counted.
    pub const ZERO: ToolFlops = ToolFlops {
        ptflops: 0,
        calflops: 0,
        calflops_macs: 0,
        thop: 0,
        thop_params: 0,
        torchinfo: 0,
    };

    /// The sum, each figure checked.
    pub const fn checked_add(self, other: ToolFlops) -> Result<ToolFlops, Error> {
        ToolFlops::checked(
            [
                self.ptflops.checked_add(other.ptflops),
                self.calflops.checked_add(other.calflops),
                self.calflops_macs.checked_add(other.calflops_macs),
                self.thop.checked_add(other.thop),
                self.torchinfo.checked_add(other.torchinfo),
            ],
            self.thop_params.checked_add(other.thop_params),
        )
    }

    /// `times` times each figure, checked.
    pub const fn checked_times(self, times: u128) -> Result<ToolFlops, Error> {
        ToolFlops::checked(
            [
                self.ptflops.checked_mul(times),
                self.calflops.checked_mul(times),
                self.calflops_macs.checked_mul(times),
                self.thop.checked_mul(times),
                self.torchinfo.checked_mul(times),
            ],
            if times > u64::MAX as u128 {
                None
            } else {
                self.thop_params.checked_mul(times as u64)
            },
        )
    }

    /// The figures from checked results (ptflops, calflops, calflops' MACs, thop,
    /// torchinfo; thop's parameters), or the overflow error if one failed.
    const fn checked(
        flops: [Option<u128>; 5],
        thop_params: Option<u64>,
    ) -> Result<ToolFlops, Error> {
        match (flops, thop_params) {
            (
                [
                    Some(ptflops),
                    Some(calflops),
                    Some(calflops_macs),
                    Some(thop),
                    Some(torchinfo),
                ],
                Some(thop_params),
            ) => Ok(ToolFlops {
                ptflops,
                calflops,
                calflops_macs,
                thop,
                thop_params,
                torchinfo,
            }),
            _ => Err(overflow("FLOPs")),
        }
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
