//! Matrix products written in a `forward`: `matmul(a, b)`, and `x.linear(weight)` with a
//! module's own parameter as the weight.

use super::{numel, tri};
use crate::cost::{Cost, OpKind, activations, flops_product};
use crate::error::{Error, ErrorKind};
use crate::layer::elementwise::broadcast;
use crate::shape::Shape;

/// `torch.matmul(a, b)`, with mmengine's rule:
///
/// - output: `a @ b` with NumPy broadcasting of the batch dimensions; a 1-d operand is
///   promoted to a matrix (`[n]` as `[1, n]` on the left, `[n, 1]` on the right) and the
///   promoted dimension removed from the output;
/// - FLOPs (op `matmul`): `numel(a) · b[-1]` (with `b` promoted; `b`'s batch broadcast is
///   not counted);
/// - activations: `numel(output)`;
/// - ptflops and calflops (both wrap `torch.matmul`): `numel(a) · b[-1]` multiply-adds,
///   `b` as given (for a 1-d `b`, its length), FLOPs twice that in calflops.
pub const fn matmul(a: Shape, b: Shape) -> Result<(Shape, Cost), Error> {
    if a.rank() == 0 || b.rank() == 0 {
        return Err(incompatible(
            "a number is not a matrix: both operands need at least one dimension",
            a,
            b,
        ));
    }
    let ap = if a.rank() == 1 { a.insert(0, 1) } else { a };
    let bp = if b.rank() == 1 { b.insert(1, 1) } else { b };
    let (ar, br) = (ap.rank(), bp.rank());
    if ap.dim(ar - 1) != bp.dim(br - 2) {
        return Err(incompatible("the inner dimensions differ", a, b));
    }
    let batch = match broadcast("matmul", ap.truncate(ar - 2), bp.truncate(br - 2)) {
        Ok(s) => s,
        Err(_) => return Err(incompatible("the batch dimensions do not broadcast", a, b)),
    };
    let mut out = batch;
    if a.rank() > 1 {
        out = match out.push(ap.dim(ar - 2)) {
            Some(s) => s,
            None => {
                return Err(incompatible(
                    "the result would have more than 8 dimensions",
                    a,
                    b,
                ));
            }
        };
    }
    if b.rank() > 1 {
        out = match out.push(bp.dim(br - 1)) {
            Some(s) => s,
            None => {
                return Err(incompatible(
                    "the result would have more than 8 dimensions",
                    a,
                    b,
                ));
            }
        };
    }
    let flops = tri!(flops_product(&[tri!(numel(a)), bp.dim(br - 1) as u128]));
    let acts = tri!(activations(tri!(numel(out))));
    let mut cost = Cost::op(OpKind::Matmul, flops, acts);
    let tools = tri!(flops_product(&[
        tri!(numel(a)),
        b.dim(b.rank() - 1) as u128
    ]));
    cost.tools = tri!(crate::convention::product(
        None,
        crate::ops::Spelling::Torch,
        tools,
        0
    ));
    Ok((out, cost))
}

const fn incompatible(what: &'static str, left: Shape, right: Shape) -> Error {
    Error::new(ErrorKind::Incompatible {
        op: "matmul",
        what,
        left,
        right,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(d: &[u64]) -> Shape {
        Shape::new(d)
    }

    // Per-op values measured with mmengine, from tests/fixtures/CONVENTIONS.md.
    #[test]
    fn matmul_batched_and_promoted() {
        // matmul [2,3,4,5] @ [2,3,5,6]: flops 720 acts 144.
        let (out, c) = matmul(s(&[2, 3, 4, 5]), s(&[2, 3, 5, 6])).unwrap();
        assert_eq!((out, c.flops, c.activations), (s(&[2, 3, 4, 6]), 720, 144));
        // matmul [5] @ [5,6]: flops 30 acts 6.
        let (out, c) = matmul(s(&[5]), s(&[5, 6])).unwrap();
        assert_eq!((out, c.flops, c.activations), (s(&[6]), 30, 6));
        // Batch broadcast: [4,5] @ [3,5,2] → [3,4,2], FLOPs numel(a)·2 = 40.
        let (out, c) = matmul(s(&[4, 5]), s(&[3, 5, 2])).unwrap();
        assert_eq!((out, c.flops), (s(&[3, 4, 2]), 40));
        let e = matmul(s(&[2, 3]), s(&[4, 5])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "model: `matmul` of shapes [2, 3] and [4, 5]: the inner dimensions differ"
        );
    }

    #[test]
    fn attention_scores() {
        // ViT-B/16: q [1, 12, 197, 64] @ kᵀ [1, 12, 64, 197]: 12·197·64·197 = 29,805,312.
        let (out, c) = matmul(s(&[1, 12, 197, 64]), s(&[1, 12, 64, 197])).unwrap();
        assert_eq!(
            (out, c.flops, c.activations),
            (s(&[1, 12, 197, 197]), 29_805_312, 465_708)
        );
    }
}
