//! Reshaping: `flatten` (the layer `nn.Flatten` and `x.flatten(start, end)` in a `forward`).

use super::{Applied, Layer, tri};
use crate::cost::Cost;
use crate::error::{Error, ErrorKind};
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
        let mut cost = Cost::ZERO;
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
