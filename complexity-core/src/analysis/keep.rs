//! What autograd keeps of each step of a `forward` that is not a child call: the saved
//! column of the operation table, each layer family's rule for functional layers, and
//! the views. O(1) per step.

use super::storage::Ref;
use crate::cost::ZeroOp;
use crate::error::Error;
use crate::layer::{AdaptiveAvgPool2d, Layer, tri};
use crate::memory::autocast::Dt;
use crate::memory::layout::{axis, cuts, expands, permutes, splits_only};
use crate::memory::saved::{Class, Keep, Saved, View, elems};
use crate::mode::Mode;
use crate::module::{BinaryOp, Step};
use crate::ops::{CostRule, OPS, Saved as Rule, ShapeRule};
use crate::shape::{MAX_RANK, Shape};

/// What step `step` keeps, given its operands `ins` (in [`super::ops::operand`]'s
/// order), its first operand's shape `x` and its output's `output`; and how many of its
/// operands are tensors (the rest are sizes read), and whether it has weights that need
/// a gradient. O(1).
pub(crate) const fn keeps(
    step: &Step,
    ins: &[Ref],
    values: &[Shape],
    output: Shape,
    mode: Mode,
    applied: &Option<Layer>,
) -> Result<(Keep, usize), Error> {
    let x = match super::ops::operand(step, 0) {
        Some(w) if w < values.len() => values[w],
        _ => Shape::SCALAR,
    };
    let all = ins.len();
    Ok(match *step {
        Step::Layer { .. } => (tri!(applied_layer(applied)).keeps(x, output, mode), 1),
        // Nearest and bilinear resampling keep nothing.
        Step::Resize { .. } => (Keep::NOTHING, 1),
        Step::Binary { op, .. } => (binary(op, ins), 2),
        Step::MatMul { .. } | Step::Einsum { .. } => (factors(ins, 0), all),
        Step::Op {
            op,
            inputs,
            dims,
            keepdim,
            ..
        } => (
            table(op, ins, inputs.len(), dims, keepdim, x, mode),
            inputs.len(),
        ),
        Step::OpSized {
            op,
            inputs,
            keepdim,
            ..
        } => (
            table(op, ins, inputs.len(), &[], keepdim, x, mode),
            inputs.len(),
        ),
        Step::Weighted { weight, .. } => {
            let layer = tri!(applied_layer(applied));
            let mut keep = layer.keeps(x, output, mode);
            let tensors = if weight.is_some() { 2 } else { 1 };
            if let Layer::Conv(_) | Layer::Linear(_) = layer {
                // The input for the weight's gradient, the weight for the input's.
                keep.operands = 0;
                if all > 1 && ins[1].grad {
                    keep.operands |= 1;
                }
                if all > 1 && ins[0].grad {
                    keep.operands |= 2;
                }
            }
            (keep, tensors)
        }
        Step::AdaptiveAvgPool2d { output: size, .. } => {
            let pool = AdaptiveAvgPool2d::new(size);
            (pool.keeps(x, output), 1)
        }
        // `view` never copies, nor does a reshape that only splits dimensions;
        // `reshape` and `flatten` copy a non-contiguous tensor whose dimensions they merge.
        Step::Reshape { view: true, .. } => (Keep::VIEW, 1),
        Step::Flatten { .. } | Step::Reshape { .. } if splits_only(x, output) => (Keep::VIEW, 1),
        Step::Flatten { .. } | Step::Reshape { .. } => (reshaped(), 1),
        Step::Unflatten { .. } => (Keep::VIEW, 1),
        Step::Transpose { dim0, dim1, .. } => {
            let mut order = [0i64; MAX_RANK];
            let mut k = 0;
            while k < x.rank() {
                order[k] = k as i64;
                k += 1;
            }
            if let (Some(a), Some(b)) = (axis(dim0, x.rank()), axis(dim1, x.rank())) {
                order[a] = b as i64;
                order[b] = a as i64;
            }
            (strided(permutes(x, order.split_at(x.rank()).0)), 1)
        }
        Step::Permute { dims, .. } => (strided(permutes(x, dims)), 1),
        Step::Select { dim, .. } | Step::Piece { dim, .. } => (strided(cuts(x, dim, 1)), 1),
        Step::Expand { .. } => (strided(expands(x, output)), 1),
        Step::Choose { cond, .. } => (
            Keep {
                view: View::Alias(if cond { 0 } else { 1 }),
                ..Keep::NOTHING
            },
            2,
        ),
        Step::Cat { .. } => (Keep::NOTHING, all),
        Step::New { .. } => (Keep::NOTHING, 0),
        Step::Call { .. }
        | Step::CallAt { .. }
        | Step::Functional { .. }
        | Step::ChildParam { .. }
        | Step::Param { .. }
        | Step::Scalar
        | Step::SkipUnless { .. }
        | Step::Output { .. } => (Keep::NOTHING, 0),
    })
}

/// The layer a functional layer step applied (`ops::eval` gives it), or a description
/// error.
const fn applied_layer(applied: &Option<Layer>) -> Result<&Layer, Error> {
    match applied {
        Some(l) => Ok(l),
        None => Err(super::ops::description(
            "a functional layer step not applied",
        )),
    }
}

/// `keep`, the rule of `step`, when the step converts its input's dtype (`x.to(…)`,
/// `x.float()`, `x.type_as(y)`, `x.long()`) to `to` (the dtype autocast's walk gives its
/// result): the input itself when it has that dtype already, else a copy. O(1).
pub(crate) const fn converted(step: &Step, mut keep: Keep, to: Option<Dt>, input: Dt) -> Keep {
    let op = match *step {
        Step::Op { op, .. } | Step::OpSized { op, .. } => op,
        _ => return keep,
    };
    if op < OPS.len() && matches!(OPS[op].cost, CostRule::Zero(ZeroOp::To)) {
        keep.view = match to {
            Some(dt) if !dt.same(input) => View::Fresh,
            _ => View::Alias(0),
        };
    }
    keep
}

/// A view, non-contiguous when `strides`.
const fn strided(strides: bool) -> Keep {
    Keep {
        view: View::Strided(strides),
        ..Keep::NOTHING
    }
}

/// `reshape`, `view`, `flatten`: a view of a contiguous tensor, a copy of another.
const fn reshaped() -> Keep {
    Keep {
        view: View::Reshape,
        ..Keep::NOTHING
    }
}

/// `+`, `-`: nothing. `*`: each operand for the other's gradient. `/`: the divisor when
/// either needs a gradient, the dividend when the divisor does. O(1).
const fn binary(op: BinaryOp, ins: &[Ref]) -> Keep {
    if ins.len() < 2 {
        return Keep::NOTHING;
    }
    match op {
        BinaryOp::Add | BinaryOp::Sub => Keep::NOTHING,
        BinaryOp::Mul => factors(ins, 0),
        BinaryOp::Div => {
            let mut operands = 0;
            if ins[0].grad || ins[1].grad {
                operands |= 2;
            }
            if ins[1].grad {
                operands |= 1;
            }
            Keep {
                operands,
                ..Keep::NOTHING
            }
        }
    }
}

/// A product of the operands from `first` on: each kept when another needs a gradient.
/// O(operands).
const fn factors(ins: &[Ref], first: usize) -> Keep {
    let mut grads = 0;
    let mut k = first;
    while k < ins.len() {
        if ins[k].grad {
            grads += 1;
        }
        k += 1;
    }
    let mut operands = 0u32;
    let mut k = first;
    while k < ins.len() && k < 32 {
        let others = if ins[k].grad { grads - 1 } else { grads };
        if others > 0 {
            operands |= 1 << k;
        }
        k += 1;
    }
    Keep {
        operands,
        ..Keep::NOTHING
    }
}

/// A row of the operation table by its saved rule. O(1).
const fn table(
    op: usize,
    ins: &[Ref],
    tensors: usize,
    dims: &[i64],
    flag: bool,
    x: Shape,
    mode: Mode,
) -> Keep {
    if op >= OPS.len() {
        return Keep::NOTHING;
    }
    let row = &OPS[op];
    // `x.contiguous()`: `x` itself when it is contiguous, else a contiguous copy.
    if crate::ops::same_str(row.name, "contiguous") {
        return Keep::RESHAPE;
    }
    let keep = match row.saved {
        Rule::Nothing => Keep::NOTHING,
        // `narrow(dim, …)`, `slice(dim, start, end, step)`: a part of `dim`.
        Rule::View if matches!(row.shape, ShapeRule::Narrow | ShapeRule::Slice) => {
            let step = if dims.len() > 3 { dims[3] } else { 1 };
            let dim = if dims.is_empty() { 0 } else { dims[0] };
            strided(cuts(x, dim, step))
        }
        Rule::View => Keep::VIEW,
        Rule::Input => Keep::INPUT,
        Rule::Output => Keep::OUTPUT,
        Rule::InputAndOutput => Keep {
            output: true,
            ..Keep::INPUT
        },
        Rule::Inputs => Keep {
            operands: (1 << tensors) - 1,
            ..Keep::NOTHING
        },
        // `addmm`/`baddbmm`: the added input (operand 0) is not a factor.
        Rule::Factors => {
            let first = if tensors == 3 { 1 } else { 0 };
            factors(ins, first)
        }
        // Dropout: `flag` is `p > 0`.
        Rule::Mask => match mode {
            Mode::Train if flag => Keep::NOTHING.with(Saved::masks(elems(x))),
            _ => Keep::VIEW,
        },
        Rule::Condition(k) => {
            let mut keep = Keep::NOTHING;
            // The table's rows name operands 0 and 1; a class is kept for the first four.
            if k < keep.classes.len() {
                keep.operands = 1 << k;
                keep.classes[k] = Class::Bools;
            }
            keep
        }
        Rule::Index => {
            let mut keep = Keep {
                operands: 2,
                ..Keep::NOTHING
            };
            keep.classes[1] = Class::Indices;
            keep
        }
        Rule::IndexAndInput => {
            let mut keep = Keep {
                operands: 3,
                ..Keep::NOTHING
            };
            keep.classes[1] = Class::Indices;
            keep
        }
        // The norm and its clamp, one per row each: numel / size(dim) (dim 1 unless
        // given, as `F.normalize`).
        Rule::Normalize => {
            let d = if dims.is_empty() { 1 } else { dims[0] };
            let at = if d < 0 { d + x.rank() as i64 } else { d };
            let size = if at >= 0 && (at as usize) < x.rank() {
                x.dim(at as usize) as u128
            } else {
                0
            };
            let rows = match elems(x).checked_div(size) {
                Some(n) => n,
                None => 0,
            };
            Keep::INPUT.with(Saved::activations(rows.saturating_mul(2)))
        }
    };
    // In place (`masked_fill_`, `fill_`): the output is the input's storage.
    if matches!(row.shape, ShapeRule::InPlace) {
        keep.in_place()
    } else {
        keep
    }
}
