//! Tensor shapes as `const` values, batch dimension included (as in PyTorch).

use core::fmt;

/// The largest rank a [`Shape`] can hold.
pub const MAX_RANK: usize = 8;

/// The shape of a tensor, batch dimension included: `[1, 3, 224, 224]`.
///
/// A `Shape` is a plain `Copy` value usable in `const` contexts, so the compiler can
/// propagate shapes through a model description.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shape {
    dims: [u64; MAX_RANK],
    rank: usize,
}

impl Shape {
    /// The shape of rank 0 (a scalar).
    pub const SCALAR: Shape = Shape {
        dims: [0; MAX_RANK],
        rank: 0,
    };

    /// A shape with the given dimensions.
    ///
    /// # Panics
    ///
    /// If `dims` has more than [`MAX_RANK`] dimensions (at compile time when used in a
    /// `const`). [`Shape::try_new`] returns `None` instead.
    pub const fn new(dims: &[u64]) -> Shape {
        match Shape::try_new(dims) {
            Some(shape) => shape,
            None => panic!("a Shape has at most 8 dimensions"),
        }
    }

    /// A shape with the given dimensions, or `None` if there are more than [`MAX_RANK`].
    pub const fn try_new(dims: &[u64]) -> Option<Shape> {
        if dims.len() > MAX_RANK {
            return None;
        }
        let mut shape = Shape {
            dims: [0; MAX_RANK],
            rank: dims.len(),
        };
        let mut i = 0;
        while i < dims.len() {
            shape.dims[i] = dims[i];
            i += 1;
        }
        Some(shape)
    }

    /// mmengine's `input_shape` convention: a batch of 1 put in front of `dims`, as
    /// `get_model_complexity_info(model, (3, 224, 224))` builds `torch.randn(1, 3, 224, 224)`.
    ///
    /// # Panics
    ///
    /// If `dims` has more than `MAX_RANK - 1` dimensions.
    pub const fn batch_of_one(dims: &[u64]) -> Shape {
        Shape::new(dims).insert(0, 1)
    }

    /// The number of dimensions.
    pub const fn rank(&self) -> usize {
        self.rank
    }

    /// The dimensions, outermost first.
    pub const fn dims(&self) -> &[u64] {
        self.dims.split_at(self.rank).0
    }

    /// Dimension `i`.
    ///
    /// # Panics
    ///
    /// If `i >= self.rank()`.
    pub const fn dim(&self, i: usize) -> u64 {
        assert!(i < self.rank, "dimension index out of range");
        self.dims[i]
    }

    /// Whether two shapes are equal (`==` in a `const fn`). O(rank).
    pub const fn same(&self, other: &Shape) -> bool {
        if self.rank != other.rank {
            return false;
        }
        let mut i = 0;
        while i < self.rank {
            if self.dims[i] != other.dims[i] {
                return false;
            }
            i += 1;
        }
        true
    }

    /// The number of elements, the product of the dimensions, or `None` on overflow.
    pub const fn checked_numel(&self) -> Option<u128> {
        let mut n: u128 = 1;
        let mut i = 0;
        while i < self.rank {
            n = match n.checked_mul(self.dims[i] as u128) {
                Some(n) => n,
                None => return None,
            };
            i += 1;
        }
        Some(n)
    }

    /// The number of elements, the product of the dimensions.
    ///
    /// # Panics
    ///
    /// If the product overflows `u128`; [`Shape::checked_numel`] returns `None` instead.
    pub const fn numel(&self) -> u128 {
        match self.checked_numel() {
            Some(n) => n,
            None => panic!("the number of elements of this shape overflows u128"),
        }
    }

    /// The same shape with dimension `i` replaced by `value`.
    ///
    /// # Panics
    ///
    /// If `i >= self.rank()`.
    pub const fn with_dim(mut self, i: usize, value: u64) -> Shape {
        assert!(i < self.rank, "dimension index out of range");
        self.dims[i] = value;
        self
    }

    /// The shape with `value` inserted as a new dimension at position `i`.
    ///
    /// # Panics
    ///
    /// If `i > self.rank()` or the shape already has [`MAX_RANK`] dimensions.
    pub const fn insert(mut self, i: usize, value: u64) -> Shape {
        assert!(
            i <= self.rank && self.rank < MAX_RANK,
            "cannot insert a dimension here"
        );
        let mut j = self.rank;
        while j > i {
            self.dims[j] = self.dims[j - 1];
            j -= 1;
        }
        self.dims[i] = value;
        self.rank += 1;
        self
    }

    /// The shape with `value` inserted at position `i`, or `None` past [`MAX_RANK`] or
    /// the end.
    pub const fn try_insert(self, i: usize, value: u64) -> Option<Shape> {
        if i > self.rank || self.rank == MAX_RANK {
            None
        } else {
            Some(self.insert(i, value))
        }
    }

    /// The shape truncated to its first `rank` dimensions.
    pub(crate) const fn truncate(mut self, rank: usize) -> Shape {
        let mut i = rank;
        while i < self.rank {
            self.dims[i] = 0;
            i += 1;
        }
        if rank < self.rank {
            self.rank = rank;
        }
        self
    }

    /// The shape with `value` appended as the new last dimension, or `None` if full.
    pub(crate) const fn push(mut self, value: u64) -> Option<Shape> {
        if self.rank == MAX_RANK {
            return None;
        }
        self.dims[self.rank] = value;
        self.rank += 1;
        Some(self)
    }
}

/// An element type, for sizes in bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum DType {
    /// 64-bit float.
    F64,
    /// 32-bit float.
    F32,
    /// 16-bit float.
    F16,
    /// bfloat16.
    BF16,
    /// 8-bit integer (quantized models).
    I8,
    /// 4-bit integer (quantized weights, two to a byte).
    I4,
}

impl DType {
    /// The bits of one element: 64, 32, 16, 16, 8, 4.
    pub const fn bits(self) -> u32 {
        match self {
            DType::F64 => 64,
            DType::F32 => 32,
            DType::F16 | DType::BF16 => 16,
            DType::I8 => 8,
            DType::I4 => 4,
        }
    }

    /// The size of one element in whole bytes (`bits / 8`, rounded up: 1 for
    /// [`DType::I4`], which packs two per byte; use [`DType::bytes`] for a count).
    pub const fn size(self) -> usize {
        (self.bits() as usize).div_ceil(8)
    }

    /// The bytes of `n` elements packed: `⌈n · bits / 8⌉` (saturating at `u128::MAX`).
    pub const fn bytes(self, n: u128) -> u128 {
        let bits = self.bits() as u128;
        match n.checked_mul(bits) {
            Some(b) => b.div_ceil(8),
            None => (n / 8).saturating_mul(bits),
        }
    }
}

/// A sequence of its dimensions, `[1, 64, 112, 112]` in JSON.
#[cfg(feature = "serde")]
impl serde::Serialize for Shape {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.dims())
    }
}

/// `[1, 64, 112, 112]`.
impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, d) in self.dims().iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{d}")?;
        }
        f.write_str("]")
    }
}

impl fmt::Debug for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_of_one_prepends_a_batch() {
        let s = Shape::batch_of_one(&[3, 224, 224]);
        assert_eq!(s.dims(), &[1, 3, 224, 224]);
        assert_eq!(s.numel(), 3 * 224 * 224);
    }

    #[test]
    fn numel_overflow_is_none() {
        let s = Shape::new(&[u64::MAX, u64::MAX, 2]);
        assert_eq!(s.checked_numel(), None);
        assert_eq!(
            Shape::new(&[u64::MAX, u64::MAX]).checked_numel(),
            Some(u64::MAX as u128 * u64::MAX as u128)
        );
    }

    #[test]
    fn display_lists_dims() {
        assert_eq!(
            format!("{}", Shape::new(&[1, 64, 112, 112])),
            "[1, 64, 112, 112]"
        );
        assert_eq!(Shape::new(&[2, 3]).insert(1, 7).dims(), &[2, 7, 3]);
        assert_eq!(Shape::SCALAR.rank(), 0);
    }
}
