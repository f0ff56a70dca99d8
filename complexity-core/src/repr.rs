//! [`Repr`]: the text of a `class` or `extra_repr` built from const generics, by the
//! compiler.

/// A string built in a `const` context, for a `class = …` or `extra_repr = …` that
/// depends on const generics (PyTorch's `extra_repr()` of an RMSNorm of `H` features is
/// `(H,), eps=1e-06`). Numbers print as Python prints them; at most [`Repr::CAPACITY`]
/// bytes (past it, the constant fails to evaluate with a message saying so).
///
/// ```
/// use complexity_core::{Complexity, Repr};
///
/// /// transformers' `LlamaRMSNorm`.
/// #[derive(Complexity)]
/// #[complexity(
///     class = "LlamaRMSNorm",
///     extra_repr = Repr::new().tuple(&[H]).str(", eps=1e-06").as_str(),
///     forward = weight * (x * (x.pow(2).mean(-1, true) + 1e-6).rsqrt()),
/// )]
/// struct RmsNorm<const H: usize> {
///     #[complexity(parameter(shape = (H,)))]
///     weight: (),
/// }
///
/// assert_eq!(RmsNorm::<512>::MODULE.extra_repr, Some("(512,), eps=1e-06"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Repr {
    buf: [u8; Repr::CAPACITY],
    len: usize,
}

impl Default for Repr {
    fn default() -> Self {
        Repr::new()
    }
}

impl Repr {
    /// The most bytes a `Repr` holds.
    pub const CAPACITY: usize = 256;

    /// The empty string.
    pub const fn new() -> Repr {
        Repr {
            buf: [0; Repr::CAPACITY],
            len: 0,
        }
    }

    /// `s` appended. O(`s.len()`).
    pub const fn str(mut self, s: &str) -> Repr {
        let b = s.as_bytes();
        if b.len() > Repr::CAPACITY - self.len {
            panic!("a `Repr` holds at most 256 bytes: shorten the `class` or `extra_repr`");
        }
        let mut i = 0;
        while i < b.len() {
            self.buf[self.len] = b[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// `n` in decimal appended (`768`). O(digits).
    pub const fn usize(self, n: usize) -> Repr {
        self.u128(n as u128)
    }

    /// `n` in decimal appended, with a `-` when negative (`-1`). O(digits).
    pub const fn i64(self, n: i64) -> Repr {
        let s = if n < 0 { self.str("-") } else { self };
        s.u128(n.unsigned_abs() as u128)
    }

    /// `n` in decimal appended. O(digits).
    pub const fn u128(self, n: u128) -> Repr {
        let (digits, start) = crate::error::decimal(n);
        match core::str::from_utf8(digits.split_at(start).1) {
            Ok(s) => self.str(s),
            Err(_) => panic!("digits are ASCII"),
        }
    }

    /// Python's `True` or `False` appended. O(1).
    pub const fn bool(self, b: bool) -> Repr {
        self.str(if b { "True" } else { "False" })
    }

    /// A Python tuple of sizes appended: `(512,)` for one, `(3, 3)` for two, `()` for
    /// none. O(total digits).
    pub const fn tuple(self, sizes: &[usize]) -> Repr {
        let mut s = self.str("(");
        let mut i = 0;
        while i < sizes.len() {
            if i > 0 {
                s = s.str(", ");
            }
            s = s.usize(sizes[i]);
            i += 1;
        }
        if sizes.len() == 1 {
            s = s.str(",");
        }
        s.str(")")
    }

    /// The text so far. In a `const` item (`extra_repr = Repr::new()…as_str()`), the
    /// compiler keeps it for the program's whole run. O(length).
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.buf.split_at(self.len).0) {
            Ok(s) => s,
            // Only whole `&str`s are appended.
            Err(_) => panic!("a `Repr` holds UTF-8"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Repr;

    #[test]
    fn numbers_and_tuples_print_as_python_does() {
        const R: Repr = Repr::new()
            .tuple(&[512])
            .str(" ")
            .tuple(&[3, 3])
            .str(" ")
            .tuple(&[])
            .str(" ")
            .i64(-12)
            .str(" ")
            .u128(u128::MAX)
            .str(" ")
            .bool(false);
        assert_eq!(
            R.as_str(),
            "(512,) (3, 3) () -12 340282366920938463463374607431768211455 False"
        );
        assert_eq!(Repr::new().i64(i64::MIN).as_str(), "-9223372036854775808");
        assert_eq!(Repr::new().usize(0).as_str(), "0");
    }

    #[test]
    #[should_panic(expected = "at most 256 bytes")]
    fn longer_than_the_capacity_is_an_error() {
        let mut r = Repr::new();
        for _ in 0..26 {
            r = r.str("0123456789");
        }
    }
}
