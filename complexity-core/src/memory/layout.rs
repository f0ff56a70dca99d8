//! Which views are contiguous: a reshape of a non-contiguous tensor copies it, so the
//! saved-for-backward count follows the layout of every view. Each rule is O(rank).

use crate::shape::Shape;

/// Dimension `d` (negative from the end) of a rank-`rank` tensor, if it has one.
pub(crate) const fn axis(d: i64, rank: usize) -> Option<usize> {
    let at = if d < 0 { d + rank as i64 } else { d };
    if at >= 0 && (at as usize) < rank {
        Some(at as usize)
    } else {
        None
    }
}

/// Whether reordering `x`'s dimensions as `order` moves a dimension of size above 1
/// past another (the result is then non-contiguous). O(rank).
pub(crate) const fn permutes(x: Shape, order: &[i64]) -> bool {
    let mut last = -1i64;
    let mut k = 0;
    while k < order.len() {
        if let Some(d) = axis(order[k], x.rank())
            && x.dim(d) > 1
        {
            if (d as i64) < last {
                return true;
            }
            last = d as i64;
        }
        k += 1;
    }
    false
}

/// Whether taking part of dimension `dim` of `x` (with `step`) leaves gaps: a
/// dimension of size above 1 before it, or a step above 1. O(rank).
pub(crate) const fn cuts(x: Shape, dim: i64, step: i64) -> bool {
    let Some(d) = axis(dim, x.rank()) else {
        return false;
    };
    if step > 1 && x.dim(d) > 1 {
        return true;
    }
    let mut k = 0;
    while k < d {
        if x.dim(k) > 1 {
            return true;
        }
        k += 1;
    }
    false
}

/// Whether expanding `x` to `output` broadcasts a dimension of size 1 (or a new
/// leading one) to more. O(rank).
pub(crate) const fn expands(x: Shape, output: Shape) -> bool {
    let new = output.rank().saturating_sub(x.rank());
    let mut k = 0;
    while k < output.rank() {
        let from = if k < new { 1 } else { x.dim(k - new) };
        if from != output.dim(k) && output.dim(k) > 1 {
            return true;
        }
        k += 1;
    }
    false
}

/// Whether reshaping `x` to `output` only splits dimensions (and adds or drops ones of
/// size 1): every dimension of `x` of size above 1 is the product of a run of `output`'s.
/// PyTorch then views the tensor whatever its strides; a reshape that merges
/// dimensions of a non-contiguous tensor copies it. O(rank).
pub(crate) const fn splits_only(x: Shape, output: Shape) -> bool {
    let (mut i, mut o) = (0, 0);
    while i < x.rank() {
        let want = x.dim(i) as u128;
        i += 1;
        if want == 1 {
            continue;
        }
        let mut got: u128 = 1;
        while got < want && o < output.rank() {
            got *= output.dim(o) as u128;
            o += 1;
        }
        if got != want {
            return false;
        }
    }
    true
}
