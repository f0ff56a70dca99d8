//! `torch.einsum(equation, a, b)`: the output shape, and mmengine's cost rule, which for
//! most equations is numpy's printed FLOP estimate halved.

use super::{numel, tri};
use crate::cost::{Cost, OpKind, activations, flops_product, overflow};
use crate::error::{Error, ErrorKind};
use crate::shape::{MAX_RANK, Shape};

/// The most operands an `einsum` takes here. mmengine counts three or more by numpy's
/// optimal contraction order (`np.einsum_path(…, optimize = "optimal")`), which this
/// crate does not reproduce.
pub const MAX_OPERANDS: usize = 2;

/// An equation taken apart: each operand's letters and the output's.
struct Equation {
    terms: [[u8; MAX_RANK]; MAX_OPERANDS],
    lens: [usize; MAX_OPERANDS],
    count: usize,
    output: [u8; MAX_RANK],
    out_len: usize,
    /// Whether the output was written (`->`); otherwise it is implicit.
    explicit: bool,
}

const fn invalid(reason: &'static str) -> Error {
    Error::new(ErrorKind::Invalid {
        layer: "einsum",
        reason,
    })
}

/// Reads `"bij,bjk->bik"` (spaces ignored). O(length of the equation).
const fn parse(equation: &str) -> Result<Equation, Error> {
    let bytes = equation.as_bytes();
    let mut eq = Equation {
        terms: [[0; MAX_RANK]; MAX_OPERANDS],
        lens: [0; MAX_OPERANDS],
        count: 1,
        output: [0; MAX_RANK],
        out_len: 0,
        explicit: false,
    };
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        i += 1;
        if c == b' ' {
            continue;
        }
        if c == b',' {
            if eq.explicit {
                return Err(invalid("a `,` after `->`: the output is one term"));
            }
            if eq.count == MAX_OPERANDS {
                return Err(invalid(
                    "more than two operands: mmengine counts them by numpy's optimal contraction order, which is not reproduced here",
                ));
            }
            eq.count += 1;
            continue;
        }
        if c == b'-' {
            if i < bytes.len() && bytes[i] == b'>' && !eq.explicit {
                i += 1;
                eq.explicit = true;
                continue;
            }
            return Err(invalid("a `-` not part of one `->`"));
        }
        if c == b'.' {
            return Err(invalid(
                "`...` (broadcast dimensions) is not supported: name every dimension with a letter",
            ));
        }
        if !c.is_ascii_alphabetic() {
            return Err(invalid(
                "subscripts are letters `a`–`z` and `A`–`Z`, with `,` and `->`",
            ));
        }
        if eq.explicit {
            let mut k = 0;
            while k < eq.out_len {
                if eq.output[k] == c {
                    return Err(invalid("a letter appears twice in the output"));
                }
                k += 1;
            }
            if eq.out_len == MAX_RANK {
                return Err(invalid("an output of more than 8 dimensions"));
            }
            eq.output[eq.out_len] = c;
            eq.out_len += 1;
        } else {
            let t = eq.count - 1;
            if eq.lens[t] == MAX_RANK {
                return Err(invalid("an operand of more than 8 dimensions"));
            }
            eq.terms[t][eq.lens[t]] = c;
            eq.lens[t] += 1;
        }
    }
    if !eq.explicit {
        // PyTorch's implicit output: the letters written once, in alphabetical (ASCII)
        // order.
        let mut c = b'A';
        while c <= b'z' {
            if count(&eq, c) == 1 {
                eq.output[eq.out_len] = c;
                eq.out_len += 1;
            }
            c += 1;
        }
    }
    Ok(eq)
}

/// How many times letter `c` is written in the operands.
const fn count(eq: &Equation, c: u8) -> usize {
    let mut n = 0;
    let mut t = 0;
    while t < eq.count {
        let mut k = 0;
        while k < eq.lens[t] {
            if eq.terms[t][k] == c {
                n += 1;
            }
            k += 1;
        }
        t += 1;
    }
    n
}

/// Letter `c`'s size: the operands' sizes for it, where a size 1 broadcasts (numpy's and
/// PyTorch's rule), or `None` if it is not in the operands.
const fn letter_size(eq: &Equation, shapes: &[Shape], c: u8) -> Result<Option<u64>, Error> {
    let mut size: Option<u64> = None;
    let mut t = 0;
    while t < eq.count {
        let mut k = 0;
        while k < eq.lens[t] {
            if eq.terms[t][k] == c {
                let d = shapes[t].dim(k);
                size = match size {
                    None | Some(1) => Some(d),
                    Some(s) if d == 1 || d == s => Some(s),
                    Some(_) => {
                        return Err(Error::new(ErrorKind::Incompatible {
                            op: "einsum",
                            what: "a letter stands for two different sizes",
                            left: shapes[0],
                            right: shapes[eq.count - 1],
                        }));
                    }
                };
            }
            k += 1;
        }
        t += 1;
    }
    Ok(size)
}

/// `torch.einsum(equation, operands…)` (one or two operands), with mmengine's rule
/// (`einsum_flop_jit`), the letters renamed `a`, `b`, … in order of first appearance:
///
/// - output: the output letters' sizes (a size 1 broadcasts); without `->`, the letters
///   written once, in alphabetical order;
/// - FLOPs (op `einsum`): for `abc,abd->acd`, `a₀·b₀·c₀·d₁` (the first operand's three
///   sizes times the second's last); for `abc,adc->adb`, the first operand's three sizes
///   times the second's middle one; otherwise numpy's estimate: `cost = ∏ sizes of the
///   operands' letters · (max(1, operands − 1) + [a letter is summed away])`, plus 1, as
///   `np.einsum_path` prints it with `%.3e` (a float rounded to 4 significant digits),
///   halved and floored: `⌊round₄(cost + 1) / 2⌋` ([`numpy_estimate`]);
/// - calflops' FLOPs (`torch.einsum` wrapped): numpy's printed estimate whole,
///   `round₄(cost + 1)` ([`numpy_printed`]), for every equation; no MACs;
/// - activations: `numel(output)`.
///
/// O(length of the equation · letters).
pub const fn einsum(equation: &str, shapes: &[Shape]) -> Result<(Shape, Cost), Error> {
    let eq = tri!(parse(equation));
    if shapes.len() != eq.count {
        return Err(invalid(
            "the equation has another number of operands than the tensors given",
        ));
    }
    let mut t = 0;
    while t < eq.count {
        if shapes[t].rank() != eq.lens[t] {
            return Err(Error::new(ErrorKind::Rank {
                layer: "einsum",
                expected: "as many dimensions as its operand's letters",
                got: shapes[t],
            }));
        }
        t += 1;
    }
    // The output's sizes.
    let mut output = Shape::SCALAR;
    let mut k = 0;
    while k < eq.out_len {
        let size = match tri!(letter_size(&eq, shapes, eq.output[k])) {
            Some(s) => s,
            None => return Err(invalid("an output letter is in no operand")),
        };
        output = match output.push(size) {
            Some(s) => s,
            None => return Err(invalid("an output of more than 8 dimensions")),
        };
        k += 1;
    }
    // numpy's single contraction of every operand: all their letters, and an inner
    // product when one is summed away.
    let mut overall: u128 = 1;
    let mut removed = false;
    let mut c = b'A';
    while c <= b'z' {
        if let Some(s) = tri!(letter_size(&eq, shapes, c)) {
            overall = match overall.checked_mul(s as u128) {
                Some(v) => v,
                None => return Err(overflow("FLOPs")),
            };
            if !in_output(&eq, c) {
                removed = true;
            }
        }
        c += 1;
    }
    let factor = if eq.count > 2 { eq.count - 1 } else { 1 } + removed as usize;
    let numpy_cost = match overall.checked_mul(factor as u128) {
        Some(v) => v,
        None => return Err(overflow("FLOPs")),
    };
    let printed = tri!(numpy_printed(numpy_cost));
    let flops = match special(&eq) {
        Special::Bmm => tri!(flops_product(&[
            tri!(numel(shapes[0])),
            shapes[1].dim(2) as u128
        ])),
        Special::Transposed => tri!(flops_product(&[
            tri!(numel(shapes[0])),
            shapes[1].dim(1) as u128
        ])),
        Special::None => printed / 2,
    };
    let acts = tri!(activations(tri!(numel(output))));
    let mut cost = Cost::op(OpKind::Einsum, flops, acts);
    // calflops wraps `torch.einsum`: numpy's printed estimate, whole, and no MACs;
    // ptflops does not.
    cost.tools.calflops = printed;
    Ok((output, cost))
}

/// The two equations mmengine counts by hand.
enum Special {
    /// `abc,abd->acd`.
    Bmm,
    /// `abc,adc->adb`.
    Transposed,
    None,
}

/// Which of mmengine's two hand-counted equations `eq` is, after renaming its letters
/// `a`, `b`, … by first appearance (operands, then output). O(letters).
const fn special(eq: &Equation) -> Special {
    if !eq.explicit || eq.count != 2 || eq.lens[0] != 3 || eq.lens[1] != 3 || eq.out_len != 3 {
        return Special::None;
    }
    // First appearance: the first operand's letters, then the second's new one.
    let [a, b, c] = [eq.terms[0][0], eq.terms[0][1], eq.terms[0][2]];
    if a == b || b == c || a == c {
        return Special::None;
    }
    let t = eq.terms[1];
    let o = eq.output;
    // `abc,abd->acd`
    if t[0] == a
        && t[1] == b
        && (t[2] != a && t[2] != b && t[2] != c)
        && o[0] == a
        && o[1] == c
        && o[2] == t[2]
    {
        return Special::Bmm;
    }
    // `abc,adc->adb`
    if t[0] == a
        && (t[1] != a && t[1] != b && t[1] != c)
        && t[2] == c
        && o[0] == a
        && o[1] == t[1]
        && o[2] == b
    {
        return Special::Transposed;
    }
    Special::None
}

const fn in_output(eq: &Equation, c: u8) -> bool {
    let mut k = 0;
    while k < eq.out_len {
        if eq.output[k] == c {
            return true;
        }
        k += 1;
    }
    false
}

/// What mmengine takes from numpy for an einsum it does not count by hand:
/// `np.einsum_path` prints its estimate `cost + 1` as `f"{float(cost + 1):.3e}"`, and
/// mmengine reads that back as a float, halves it and floors it. In integers, exactly:
/// `cost + 1` rounded to a double (53 significant bits, ties to even), that rounded to 4
/// significant decimal digits (ties to even: a double is exact), that parsed to the
/// nearest double, halved, floored. O(digits).
pub const fn numpy_estimate(cost: u128) -> Result<u128, Error> {
    match numpy_printed(cost) {
        Ok(p) => Ok(p / 2),
        Err(e) => Err(e),
    }
}

/// numpy's estimate as `np.einsum_path` prints it and a reader parses it back
/// (`int(float(…))`, calflops' FLOPs of an einsum): `cost + 1` rounded to a double, to 4
/// significant digits, and back to the nearest double, as [`numpy_estimate`] describes.
/// O(digits).
pub const fn numpy_printed(cost: u128) -> Result<u128, Error> {
    let v = match cost.checked_add(1) {
        Some(v) => to_double(v),
        None => return Err(overflow("FLOPs")),
    };
    // Round to 4 significant digits.
    let mut scale: u128 = 1;
    while v / scale >= 10_000 {
        scale *= 10;
    }
    let (q, r) = (v / scale, v % scale);
    let q = if scale > 1 && (2 * r > scale || (2 * r == scale && q % 2 == 1)) {
        q + 1
    } else {
        q
    };
    match q.checked_mul(scale) {
        Some(p) => Ok(to_double(p)),
        None => Err(overflow("FLOPs")),
    }
}

/// The integer `v` rounded to the nearest double (53 significant bits, ties to even).
const fn to_double(v: u128) -> u128 {
    let bits = 128 - v.leading_zeros();
    if bits <= 53 {
        return v;
    }
    let shift = bits - 53;
    let (q, r) = (v >> shift, v & ((1u128 << shift) - 1));
    let half = 1u128 << (shift - 1);
    let q = if r > half || (r == half && q % 2 == 1) {
        q + 1
    } else {
        q
    };
    q << shift
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flops(eq: &str, shapes: &[&[u64]]) -> (Vec<u64>, u128) {
        let shapes: Vec<Shape> = shapes.iter().map(|s| Shape::new(s)).collect();
        let (out, cost) = einsum(eq, &shapes).unwrap();
        (out.dims().to_vec(), cost.flops)
    }

    #[test]
    fn mmengines_hand_counted_equations() {
        // `bij,bjk->bik` renames to `abc,acd->abd`: not one of the two; numpy: letters
        // b=2, i=4, j=8, k=5: 320 · (1 + 1) = 640, + 1 = 641 printed `6.410e+02`, halved
        // 320 (mmengine's fixture: 320.0).
        assert_eq!(
            flops("bij,bjk->bik", &[&[2, 4, 8], &[2, 8, 5]]),
            (vec![2, 4, 5], 320)
        );
        // `abc,abd->acd`: 2·4·8 · 5 (the second operand's last size).
        assert_eq!(
            flops("nct,ncp->ntp", &[&[2, 4, 8], &[2, 4, 5]]),
            (vec![2, 8, 5], 320)
        );
        // `abc,adc->adb`: 2·4·8 · 6 (the second operand's middle size).
        assert_eq!(
            flops("ntg,ncg->nct", &[&[2, 4, 8], &[2, 6, 8]]),
            (vec![2, 6, 4], 384)
        );
    }

    #[test]
    fn numpys_printed_estimate() {
        // 12,345,678 + 1 printed 1.235e+07, halved: 6,175,000.
        assert_eq!(numpy_estimate(12_345_678).unwrap(), 6_175_000);
        // A tie rounds to even: 12,345 printed 1.234e+04; 12,355 printed 1.236e+04.
        assert_eq!(numpy_estimate(12_344).unwrap(), 6_170);
        assert_eq!(numpy_estimate(12_354).unwrap(), 6_180);
        // Small counts are exact: 640 + 1 = 641, halved and floored: 320.
        assert_eq!(numpy_estimate(640).unwrap(), 320);
    }

    #[test]
    fn implicit_output_and_errors() {
        // `ij,jk`: the letters written once, alphabetically: `ik`.
        assert_eq!(flops("ij,jk", &[&[4, 8], &[8, 5]]).0, vec![4, 5]);
        let s = [Shape::new(&[4, 8]), Shape::new(&[9, 5])];
        assert!(einsum("ij,jk->ik", &s).is_err());
        assert!(einsum("...ij,jk->ik", &s).is_err());
        assert!(einsum("ij,jk,kl->il", &s).is_err());
        assert!(einsum("ij,jk->iz", &s).is_err());
    }
}
