//! Elementwise operations written in a `forward`: `+`, `-`, `*`, `/`.

use crate::cost::{Cost, ZeroOp};
use crate::error::{Error, ErrorKind};
use crate::module::BinaryOp;
use crate::shape::{MAX_RANK, Shape};

/// The shape of `a ∘ b` under NumPy / PyTorch broadcasting: shapes are aligned on the
/// right, and each pair of dimensions must be equal or contain a 1.
pub const fn broadcast(op: &'static str, a: Shape, b: Shape) -> Result<Shape, Error> {
    let rank = if a.rank() > b.rank() {
        a.rank()
    } else {
        b.rank()
    };
    let mut dims = [0u64; MAX_RANK];
    let mut i = 0;
    while i < rank {
        let da = if i < a.rank() {
            a.dim(a.rank() - 1 - i)
        } else {
            1
        };
        let db = if i < b.rank() {
            b.dim(b.rank() - 1 - i)
        } else {
            1
        };
        dims[rank - 1 - i] = if da == db || db == 1 {
            da
        } else if da == 1 {
            db
        } else {
            return Err(Error::new(ErrorKind::Broadcast {
                op,
                left: a,
                right: b,
            }));
        };
        i += 1;
    }
    Ok(Shape::new(dims.split_at(rank).0))
}

/// The cost of an elementwise `+`, `-`, `*` or `/`: **0** FLOPs, mmengine's rule
/// (`aten::add`, `aten::sub`, `aten::mul`, `aten::div` have no handle; mmengine lists them
/// among the unsupported ops), counted as the matching [`ZeroOp`]. Params and
/// activations: 0.
pub const fn binary(op: BinaryOp, a: Shape, b: Shape) -> Result<(Shape, Cost), Error> {
    let (symbol, zero) = match op {
        BinaryOp::Add => ("+", ZeroOp::Add),
        BinaryOp::Sub => ("-", ZeroOp::Sub),
        BinaryOp::Mul => ("*", ZeroOp::Mul),
        BinaryOp::Div => ("/", ZeroOp::Div),
    };
    match broadcast(symbol, a, b) {
        Ok(out) => Ok((out, Cost::zero(zero))),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasting() {
        let s = |d: &[u64]| Shape::new(d);
        assert_eq!(
            broadcast("+", s(&[1, 64, 56, 56]), s(&[1, 64, 56, 56])),
            Ok(s(&[1, 64, 56, 56]))
        );
        assert_eq!(broadcast("+", s(&[2, 1, 4]), s(&[3, 1])), Ok(s(&[2, 3, 4])));
        let e = broadcast("+", s(&[1, 64, 56, 56]), s(&[1, 128, 28, 28])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "model: `+` of shapes [1, 64, 56, 56] and [1, 128, 28, 28], which do not broadcast"
        );
    }
}
