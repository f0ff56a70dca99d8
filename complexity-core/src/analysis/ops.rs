//! The operations of a forward program other than child calls: what each step reads (its
//! operands) and its shape and cost rule, dispatched to the layer family that owns the
//! rule (`crate::layer::*`).

use crate::cost::{Cost, ZeroOp};
use crate::error::{Error, ErrorKind};
use crate::layer::elementwise::{binary, broadcast};
use crate::layer::matmul::{linear_with, matmul};
use crate::layer::reshape::{
    cat, dim_index, expand, permute, piece, reduce, reshape, select, transpose, unflatten,
};
use crate::layer::{AdaptiveAvgPool2d, Flatten, tri};
use crate::module::{ExpandSize, Param, Step};
use crate::ops::{OPS, ShapeRule};
use crate::shape::{MAX_RANK, Shape};

/// Operand `k` of `step` (the values it reads, in order), or `None` past the last: the
/// one description of a step's operands, for checking, for liveness and for the peak.
/// O(1), except `expand`'s `v.size(d)` operands, O(sizes).
pub(crate) const fn operand(step: &Step, k: usize) -> Option<usize> {
    match *step {
        Step::Call { inputs, .. }
        | Step::Functional { inputs, .. }
        | Step::Cat { inputs, .. }
        | Step::Op { inputs, .. } => {
            if k < inputs.len() {
                Some(inputs[k])
            } else {
                None
            }
        }
        Step::Binary { left, right, .. }
        | Step::MatMul { left, right }
        | Step::Choose {
            then: left,
            otherwise: right,
            ..
        } => match k {
            0 => Some(left),
            1 => Some(right),
            _ => None,
        },
        Step::Expand { input, sizes } => {
            if k == 0 {
                return Some(input);
            }
            // The values whose sizes it copies, `v.size(d)`.
            let mut seen = 0;
            let mut i = 0;
            while i < sizes.len() {
                if let ExpandSize::Like(w, _) = sizes[i] {
                    seen += 1;
                    if seen == k {
                        return Some(w);
                    }
                }
                i += 1;
            }
            None
        }
        Step::Linear { input, .. }
        | Step::AdaptiveAvgPool2d { input, .. }
        | Step::Flatten { input, .. }
        | Step::Unflatten { input, .. }
        | Step::Reshape { input, .. }
        | Step::Transpose { input, .. }
        | Step::Permute { input, .. }
        | Step::Select { input, .. }
        | Step::Piece { input, .. } => {
            if k == 0 {
                Some(input)
            } else {
                None
            }
        }
        Step::Param { .. } | Step::Scalar | Step::SkipUnless { .. } => None,
    }
}

/// Whether a step's value holds no tensor elements of its own (a parameter, a number, an
/// `if`'s guard), so it counts for nothing in the activation peak.
pub(crate) const fn holds_nothing(step: &Step) -> bool {
    matches!(
        step,
        Step::Param { .. } | Step::Scalar | Step::SkipUnless { .. }
    )
}

/// The output shape and cost of a step that is not a child call, from the values it
/// reads (`values[v]`) and the module's own parameters. O(rank · operands).
pub(crate) const fn eval(
    step: &Step,
    values: &[Shape],
    params: &[Param],
) -> Result<(Shape, Cost), Error> {
    Ok(match *step {
        Step::Call { .. } | Step::Functional { .. } => {
            return Err(description("a child call evaluated as an operation"));
        }
        Step::Param { index: p } => {
            if p >= params.len() {
                return Err(description("a step refers to a missing parameter"));
            }
            (params[p].shape, Cost::ZERO)
        }
        Step::Scalar | Step::SkipUnless { .. } => (Shape::SCALAR, Cost::ZERO),
        Step::Binary { op, left, right } => tri!(binary(op, values[left], values[right])),
        Step::Op {
            op,
            inputs,
            dims,
            keepdim,
        } => tri!(table_op(op, inputs, dims, keepdim, values)),
        Step::MatMul { left, right } => tri!(matmul(values[left], values[right])),
        Step::Linear { input, weight } => {
            if weight >= params.len() {
                return Err(description("a step refers to a missing parameter"));
            }
            tri!(linear_with(values[input], params[weight].shape))
        }
        Step::AdaptiveAvgPool2d { input, output } => {
            let a = tri!(AdaptiveAvgPool2d::new(output).apply(values[input]));
            (a.output, a.cost)
        }
        Step::Flatten {
            input,
            start_dim,
            end_dim,
        } => {
            let a = tri!(Flatten { start_dim, end_dim }.apply(values[input]));
            (a.output, a.cost)
        }
        Step::Unflatten { input, dim, sizes } => (
            tri!(unflatten(values[input], dim, sizes)),
            Cost::zero(ZeroOp::Reshape),
        ),
        Step::Reshape { input, sizes } => (
            tri!(reshape(values[input], sizes)),
            Cost::zero(ZeroOp::Reshape),
        ),
        Step::Transpose { input, dim0, dim1 } => (
            tri!(transpose(values[input], dim0, dim1)),
            Cost::zero(ZeroOp::Reshape),
        ),
        Step::Permute { input, dims } => (
            tri!(permute(values[input], dims)),
            Cost::zero(ZeroOp::Reshape),
        ),
        Step::Select { input, dim, index } => (
            tri!(select(values[input], dim, index)),
            Cost::zero(ZeroOp::Reshape),
        ),
        Step::Piece {
            input,
            dim,
            split,
            index,
            count,
        } => (
            tri!(piece(values[input], dim, split, index, count)),
            Cost::zero(ZeroOp::Reshape),
        ),
        Step::Cat { inputs, dim } => {
            if inputs.is_empty() {
                return Err(description("`cat` of no tensors"));
            }
            let mut y = values[inputs[0]];
            let mut k = 1;
            while k < inputs.len() {
                y = tri!(cat(y, values[inputs[k]], dim));
                k += 1;
            }
            (y, Cost::zero(ZeroOp::Cat))
        }
        Step::Expand { input, sizes } => {
            if sizes.len() > MAX_RANK {
                return Err(description("`expand` to more than 8 dimensions"));
            }
            let mut resolved = [0i64; MAX_RANK];
            let mut k = 0;
            while k < sizes.len() {
                resolved[k] = match sizes[k] {
                    ExpandSize::Keep => -1,
                    ExpandSize::Size(n) if n <= i64::MAX as u64 => n as i64,
                    ExpandSize::Size(_) => return Err(crate::cost::overflow("shape")),
                    ExpandSize::Like(w, d) => {
                        let like = values[w];
                        let at = tri!(dim_index("size", d, like, like.rank()));
                        like.dim(at) as i64
                    }
                };
                k += 1;
            }
            (
                tri!(expand(values[input], resolved.split_at(sizes.len()).0)),
                Cost::zero(ZeroOp::Reshape),
            )
        }
        Step::Choose {
            cond,
            then,
            otherwise,
        } => (values[if cond { then } else { otherwise }], Cost::ZERO),
    })
}

/// A row of the operation table on its inputs: its shape rule, and its cost (every row
/// costs 0 by mmengine's rules, counted as its zero op). O(rank · inputs).
const fn table_op(
    op: usize,
    inputs: &[usize],
    dims: &[i64],
    keepdim: bool,
    values: &[Shape],
) -> Result<(Shape, Cost), Error> {
    if op >= OPS.len() || inputs.is_empty() {
        return Err(description(
            "an operation outside the table, or with no input",
        ));
    }
    let row = &OPS[op];
    let x = values[inputs[0]];
    let output = match row.shape {
        ShapeRule::Elementwise => {
            let mut y = x;
            let mut k = 1;
            while k < inputs.len() {
                y = tri!(broadcast(row.name, y, values[inputs[k]]));
                k += 1;
            }
            let mut d = 0;
            while d < dims.len() {
                tri!(dim_index(row.name, dims[d], y, y.rank()));
                d += 1;
            }
            y
        }
        ShapeRule::Reduce => tri!(reduce(row.name, x, dims, keepdim)),
    };
    Ok((output, Cost::zero(row.zero)))
}

/// An error in a hand-built description (the derive never emits one).
pub(crate) const fn description(what: &'static str) -> Error {
    Error::new(ErrorKind::Description { what })
}
