//! Views and copies, all **0** FLOPs by mmengine's rule (no arithmetic), counted as the
//! [`ZeroOp`]s `reshape`, `cat` and `mean`: the layer `flatten` (`nn.Flatten`), and in a
//! `forward` `x.flatten(…)`, `x.unflatten(…)`, `x.reshape(…)`, `x.transpose(…)`,
//! `x.permute(…)`, `x.select(…)`, `x.split(…)`, `x.chunk(…)`, `cat(…)`, `x.expand(…)` and
//! `x.mean(…)`. Dimensions may be negative (counted from the end).

use super::{Applied, Layer, tri};
use crate::cost::Cost;
use crate::cost::ZeroOp;
use crate::error::{Error, ErrorKind};
use crate::module::Split;
use crate::shape::MAX_RANK;
use crate::shape::Shape;

/// `nn.Flatten(start_dim, end_dim)` / `torch.flatten(x, start_dim, end_dim)`: merges the
/// dimensions `start_dim..=end_dim` (negative values count from the end) into one.
///
/// - output: `[d0, …, d(start−1), d(start)·…·d(end), d(end+1), …]`;
/// - params: 0;
/// - FLOPs: **0**, mmengine's rule (a view);
/// - activations: 0.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Flatten {
    /// First dimension to merge (default 1 for the layer, 0 for the function).
    pub start_dim: i64,
    /// Last dimension to merge (default −1).
    pub end_dim: i64,
}

impl Flatten {
    /// `nn.Flatten()`'s defaults: `start_dim = 1, end_dim = −1`.
    pub const fn new() -> Flatten {
        Flatten {
            start_dim: 1,
            end_dim: -1,
        }
    }

    /// Sets `start_dim`.
    pub const fn start_dim(mut self, d: i64) -> Flatten {
        self.start_dim = d;
        self
    }

    /// Sets `end_dim`.
    pub const fn end_dim(mut self, d: i64) -> Flatten {
        self.end_dim = d;
        self
    }

    /// The FLOPs of a flatten: 0 by mmengine's rule.
    pub const fn flops(&self, _input: Shape) -> u128 {
        0
    }

    /// The output shape, or an error if the dimensions do not fit the input.
    pub const fn output_shape(&self, input: Shape) -> Result<Shape, Error> {
        let rank = input.rank() as i64;
        let start = if self.start_dim < 0 {
            self.start_dim + rank
        } else {
            self.start_dim
        };
        let end = if self.end_dim < 0 {
            self.end_dim + rank
        } else {
            self.end_dim
        };
        if start < 0 || end >= rank || start > end {
            return Err(Error::new(ErrorKind::FlattenRange {
                start: self.start_dim,
                end: self.end_dim,
                got: input,
            }));
        }
        let (start, end) = (start as usize, end as usize);
        let mut merged: u128 = 1;
        let mut i = start;
        while i <= end {
            merged *= input.dim(i) as u128;
            if merged > u64::MAX as u128 {
                return Err(Error::new(ErrorKind::Overflow { what: "shape" }));
            }
            i += 1;
        }
        let mut out = input.truncate(start);
        out = match out.push(merged as u64) {
            Some(s) => s,
            None => return Err(Error::new(ErrorKind::Overflow { what: "shape" })),
        };
        let mut j = end + 1;
        while j < input.rank() {
            out = match out.push(input.dim(j)) {
                Some(s) => s,
                None => return Err(Error::new(ErrorKind::Overflow { what: "shape" })),
            };
            j += 1;
        }
        Ok(out)
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        let output = tri!(self.output_shape(input));
        let mut cost = Cost::zero(ZeroOp::Reshape);
        cost.flops = self.flops(input);
        Ok(Applied {
            layer: Layer::Flatten(*self),
            output,
            cost,
        })
    }

    /// PyTorch's `extra_repr`: `start_dim=1, end_dim=-1`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        alloc::format!("start_dim={}, end_dim={}", self.start_dim, self.end_dim)
    }
}

impl Default for Flatten {
    fn default() -> Self {
        Flatten::new()
    }
}

/// torchvision's `ops.misc.Permute(dims)` (ConvNeXt, Swin): `torch.permute(x, dims)` as a
/// module.
///
/// - output: the input's dimensions in the order `dims` (each exactly once; negative
///   values count from the end);
/// - params: 0;
/// - FLOPs: **0**, mmengine's rule (a view; zero op `reshape`);
/// - activations: 0;
/// - `extra_repr()`: none (`Permute()`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Permute {
    /// The order, in its first `rank` entries.
    pub dims: [i64; MAX_RANK],
    /// How many dimensions it names.
    pub rank: usize,
}

impl Permute {
    /// `Permute(dims)`; more than [`MAX_RANK`] dimensions is an error when applied.
    pub const fn new(dims: &[i64]) -> Permute {
        let mut p = Permute {
            dims: [0; MAX_RANK],
            rank: dims.len(),
        };
        let mut i = 0;
        while i < dims.len() && i < MAX_RANK {
            p.dims[i] = dims[i];
            i += 1;
        }
        p
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        if self.rank > MAX_RANK {
            return Err(too_many(
                "permute",
                input,
                "it names another number of dimensions than the tensor has",
            ));
        }
        let output = tri!(permute(input, self.dims.split_at(self.rank).0));
        Ok(Applied {
            layer: Layer::Permute(*self),
            output,
            cost: Cost::zero(ZeroOp::Reshape),
        })
    }
}

/// A dimension index, negative ones counted from the end, checked against `rank`.
pub const fn dim_index(op: &'static str, dim: i64, x: Shape, rank: usize) -> Result<usize, Error> {
    let r = rank as i64;
    let d = if dim < 0 { dim + r } else { dim };
    if d < 0 || d >= r {
        return Err(Error::new(ErrorKind::DimOutOfRange { op, dim, got: x }));
    }
    Ok(d as usize)
}

const fn too_many(op: &'static str, x: Shape, why: &'static str) -> Error {
    Error::new(ErrorKind::Reshape { op, got: x, why })
}

const RANK: &str = "the result would have more than 8 dimensions";

/// Sizes with at most one −1, filled so that their product is `numel`.
const fn resolve(
    op: &'static str,
    x: Shape,
    sizes: &[i64],
    numel: u128,
) -> Result<[u64; MAX_RANK], Error> {
    let mut out = [0u64; MAX_RANK];
    if sizes.len() > MAX_RANK {
        return Err(too_many(op, x, RANK));
    }
    let mut known: u128 = 1;
    let mut free = usize::MAX;
    let mut i = 0;
    while i < sizes.len() {
        if sizes[i] == -1 && free == usize::MAX {
            free = i;
        } else if sizes[i] < 0 {
            return Err(too_many(
                op,
                x,
                "one size may be -1 (inferred); the others are at least 0",
            ));
        } else {
            out[i] = sizes[i] as u64;
            known = match known.checked_mul(sizes[i] as u128) {
                Some(k) => k,
                None => return Err(crate::cost::overflow("shape")),
            };
        }
        i += 1;
    }
    if free != usize::MAX {
        if known == 0 || !numel.is_multiple_of(known) {
            return Err(too_many(
                op,
                x,
                "the sizes given do not divide its elements, so -1 cannot be inferred",
            ));
        }
        if numel / known > i64::MAX as u128 {
            return Err(crate::cost::overflow("shape"));
        }
        out[free] = (numel / known) as u64;
    } else if known != numel {
        return Err(too_many(
            op,
            x,
            "the sizes do not multiply to its number of elements",
        ));
    }
    Ok(out)
}

/// `x.unflatten(dim, sizes)`: dimension `dim` replaced by `sizes` (one may be −1), whose
/// product must be its size.
pub const fn unflatten(x: Shape, dim: i64, sizes: &[i64]) -> Result<Shape, Error> {
    let d = tri!(dim_index("unflatten", dim, x, x.rank()));
    if x.rank() - 1 + sizes.len() > MAX_RANK {
        return Err(too_many("unflatten", x, RANK));
    }
    let filled = tri!(resolve("unflatten", x, sizes, x.dim(d) as u128));
    let mut out = x.truncate(d);
    let mut i = 0;
    while i < sizes.len() {
        out = match out.push(filled[i]) {
            Some(s) => s,
            None => return Err(too_many("unflatten", x, RANK)),
        };
        i += 1;
    }
    let mut j = d + 1;
    while j < x.rank() {
        out = match out.push(x.dim(j)) {
            Some(s) => s,
            None => return Err(too_many("unflatten", x, RANK)),
        };
        j += 1;
    }
    Ok(out)
}

/// `x.reshape(sizes)` / `x.view(sizes)`: the same elements in the given sizes (one may be −1).
pub const fn reshape(x: Shape, sizes: &[i64]) -> Result<Shape, Error> {
    let numel = match x.checked_numel() {
        Some(n) => n,
        None => return Err(crate::cost::overflow("activations")),
    };
    let filled = tri!(resolve("reshape", x, sizes, numel));
    Ok(Shape::new(filled.split_at(sizes.len()).0))
}

/// `x.transpose(dim0, dim1)`: the two dimensions swapped.
pub const fn transpose(x: Shape, dim0: i64, dim1: i64) -> Result<Shape, Error> {
    let a = tri!(dim_index("transpose", dim0, x, x.rank()));
    let b = tri!(dim_index("transpose", dim1, x, x.rank()));
    Ok(x.with_dim(a, x.dim(b)).with_dim(b, x.dim(a)))
}

/// `x.permute(dims)`: the dimensions in the given order (each exactly once).
pub const fn permute(x: Shape, dims: &[i64]) -> Result<Shape, Error> {
    if dims.len() != x.rank() {
        return Err(too_many(
            "permute",
            x,
            "it names another number of dimensions than the tensor has",
        ));
    }
    let mut seen = [false; MAX_RANK];
    let mut out = x;
    let mut i = 0;
    while i < dims.len() {
        let d = tri!(dim_index("permute", dims[i], x, x.rank()));
        if seen[d] {
            return Err(too_many(
                "permute",
                x,
                "a dimension appears twice, so the order is not a permutation",
            ));
        }
        seen[d] = true;
        out = out.with_dim(i, x.dim(d));
        i += 1;
    }
    Ok(out)
}

/// `x.select(dim, index)`: dimension `dim` removed, keeping position `index` (`x[:, 0]`).
pub const fn select(x: Shape, dim: i64, index: i64) -> Result<Shape, Error> {
    let d = tri!(dim_index("select", dim, x, x.rank()));
    // In i128: a size past i64 does not wrap.
    let size = x.dim(d) as i128;
    if (index as i128) < -size || (index as i128) >= size {
        return Err(Error::new(ErrorKind::IndexOutOfRange {
            op: "select",
            index,
            dim: d,
            size: x.dim(d),
        }));
    }
    let mut out = x.truncate(d);
    let mut j = d + 1;
    while j < x.rank() {
        out = match out.push(x.dim(j)) {
            Some(s) => s,
            None => return Err(too_many("select", x, RANK)),
        };
        j += 1;
    }
    Ok(out)
}

/// Piece `index` of `x.split(size, dim)`, `x.chunk(n, dim)` or `x.split([a, b], dim)`;
/// `count` is how many pieces the caller expects, checked. A size `s` gives
/// `⌈len / s⌉` pieces of `s`, the last `len − (pieces − 1)·s`; `n` chunks are pieces of
/// `⌈len / n⌉`; a list of sizes gives one piece per size and must add up to `len`.
/// O(number of sizes).
pub const fn piece(
    x: Shape,
    dim: i64,
    split: Split,
    index: usize,
    count: usize,
) -> Result<Shape, Error> {
    let d = tri!(dim_index("split", dim, x, x.rank()));
    let len = x.dim(d);
    // How many pieces, and (cut evenly) the size of each but a shorter last one.
    let size = match split {
        Split::Sizes(_) => 0,
        Split::Size(s) => s,
        Split::Chunks(n) => {
            if n == 0 {
                return Err(Error::new(ErrorKind::Zero {
                    layer: "chunk",
                    arg: "chunks",
                }));
            }
            len.div_ceil(n)
        }
    };
    let pieces = match split {
        Split::Sizes(sizes) => sizes.len(),
        _ if size == 0 => {
            return Err(Error::new(ErrorKind::Zero {
                layer: "split",
                arg: "split_size",
            }));
        }
        _ => len.div_ceil(size) as usize,
    };
    if pieces != count {
        return Err(Error::new(ErrorKind::Pieces {
            op: match split {
                Split::Size(_) | Split::Sizes(_) => "split",
                Split::Chunks(_) => "chunk",
            },
            got: pieces,
            expected: count,
        }));
    }
    if let Split::Sizes(sizes) = split {
        tri!(sizes_add_up(sizes, len));
    }
    if index >= count {
        return Err(Error::new(ErrorKind::Description {
            what: "a piece index past the pieces",
        }));
    }
    let this = match split {
        Split::Sizes(sizes) => sizes[index],
        // `index < pieces`, so `start < len`; no sum can overflow.
        _ if len - index as u64 * size >= size => size,
        _ => len - index as u64 * size,
    };
    Ok(x.with_dim(d, this))
}

/// The sizes of `x.split([a, b, …], d)` add up to the dimension's `len` (checked sum).
/// O(number of sizes).
const fn sizes_add_up(sizes: &[u64], len: u64) -> Result<(), Error> {
    let mut sum: u64 = 0;
    let mut i = 0;
    while i < sizes.len() {
        sum = match sum.checked_add(sizes[i]) {
            Some(s) => s,
            None => return Err(Error::new(ErrorKind::Overflow { what: "shape" })),
        };
        i += 1;
    }
    if sum != len {
        return Err(Error::new(ErrorKind::SizeMismatch {
            what: "elements along the split dimension (the sum of the split sizes)",
            expected: sum,
            got: len,
        }));
    }
    Ok(())
}

/// `cat([a, b], dim)`: equal shapes but along `dim`, which adds up.
pub const fn cat(a: Shape, b: Shape, dim: i64) -> Result<Shape, Error> {
    let d = tri!(dim_index("cat", dim, a, a.rank()));
    let mut same = a.rank() == b.rank();
    let mut i = 0;
    while same && i < a.rank() {
        if i != d && a.dim(i) != b.dim(i) {
            same = false;
        }
        i += 1;
    }
    if !same {
        return Err(Error::new(ErrorKind::Incompatible {
            op: "cat",
            what: "the sizes outside the joined dimension differ",
            left: a,
            right: b,
        }));
    }
    match a.dim(d).checked_add(b.dim(d)) {
        Some(n) if n <= i64::MAX as u64 => Ok(a.with_dim(d, n)),
        _ => Err(crate::cost::overflow("shape")),
    }
}

/// `x.expand(sizes)`: size-1 dimensions repeated to `sizes` (−1 keeps a dimension; new
/// leading dimensions may be added).
pub const fn expand(x: Shape, sizes: &[i64]) -> Result<Shape, Error> {
    if sizes.len() < x.rank() {
        return Err(too_many(
            "expand",
            x,
            "it gives fewer sizes than the tensor has dimensions",
        ));
    }
    if sizes.len() > MAX_RANK {
        return Err(too_many("expand", x, RANK));
    }
    let lead = sizes.len() - x.rank();
    let mut out = [0u64; MAX_RANK];
    let mut i = 0;
    while i < sizes.len() {
        let old = if i >= lead { x.dim(i - lead) } else { 1 };
        out[i] = if sizes[i] == -1 && i >= lead {
            old
        } else if sizes[i] < 0 {
            return Err(too_many(
                "expand",
                x,
                "a size is -1 (keep, not for a new leading dimension) or at least 0",
            ));
        } else if old != 1 && old != sizes[i] as u64 {
            return Err(too_many(
                "expand",
                x,
                "only a dimension of size 1 can be expanded to another size",
            ));
        } else {
            sizes[i] as u64
        };
        i += 1;
    }
    Ok(Shape::new(out.split_at(sizes.len()).0))
}

/// A reduction `x.op(dims, keepdim)` (`mean`, `sum`, `amax`, …): the dimensions reduced
/// away (or kept as 1); no dimensions given means all of them, as in PyTorch. A dimension
/// named twice is an error, as in PyTorch. O(rank).
pub const fn reduce(
    op: &'static str,
    x: Shape,
    dims: &[i64],
    keepdim: bool,
) -> Result<Shape, Error> {
    let mut reduced = [dims.is_empty(); MAX_RANK];
    let mut i = 0;
    while i < dims.len() {
        let d = tri!(dim_index(op, dims[i], x, x.rank()));
        if reduced[d] {
            return Err(Error::new(ErrorKind::RepeatedDim { op, dim: d }));
        }
        reduced[d] = true;
        i += 1;
    }
    let mut out = Shape::SCALAR;
    let mut j = 0;
    while j < x.rank() {
        if !reduced[j] || keepdim {
            out = match out.push(if reduced[j] { 1 } else { x.dim(j) }) {
                Some(s) => s,
                None => return Err(too_many(op, x, RANK)),
            };
        }
        j += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_a_range() {
        let s = Shape::new(&[2, 3, 4, 5]);
        assert_eq!(Flatten::new().output_shape(s).unwrap().dims(), &[2, 60]);
        assert_eq!(
            Flatten::new()
                .start_dim(0)
                .end_dim(1)
                .output_shape(s)
                .unwrap()
                .dims(),
            &[6, 4, 5]
        );
        assert_eq!(
            Flatten::new().start_dim(-2).output_shape(s).unwrap().dims(),
            &[2, 3, 20]
        );
        let e = Flatten::new()
            .start_dim(3)
            .end_dim(1)
            .output_shape(s)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "model: flatten(start_dim = 3, end_dim = 1) does not fit a tensor of shape [2, 3, 4, 5]"
        );
    }
}
