//! Lookup tables: `embedding`.

use super::{Applied, Layer, Params, nonzero, tri};
use crate::cost::{Cost, ZeroOp};
use crate::error::{Error, ErrorKind};
use crate::memory::saved::{Class, Keep};
use crate::shape::Shape;

/// `nn.Embedding(num_embeddings, embedding_dim, padding_idx)` on integer token ids of any
/// shape (`[batch, seq]`).
///
/// - output: `[…, embedding_dim]`;
/// - params: weight `num_embeddings · embedding_dim`;
/// - FLOPs: **0**, mmengine's rule (`aten::embedding` has no handle: a lookup, no
///   arithmetic), counted as the [`ZeroOp`] `embedding`;
/// - activations: 0.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Embedding {
    /// The vocabulary size.
    pub num_embeddings: u64,
    /// The vector size.
    pub embedding_dim: u64,
    /// `padding_idx`, only printed by reports.
    pub padding_idx: Option<i64>,
}

impl Embedding {
    /// An embedding table.
    pub const fn new(num_embeddings: u64, embedding_dim: u64) -> Embedding {
        Embedding {
            num_embeddings,
            embedding_dim,
            padding_idx: None,
        }
    }

    /// `F.embedding(ids, weight)`: the table's size from `weight`
    /// `[num_embeddings, embedding_dim]` (no bias).
    pub const fn with_weights(
        mut self,
        weight: Option<Shape>,
        bias: Option<Shape>,
    ) -> Result<Embedding, Error> {
        let w = tri!(super::weight_of(
            "embedding",
            weight,
            2,
            "2 ([num_embeddings, embedding_dim]) as its weight"
        ));
        if bias.is_some() {
            return Err(Error::new(ErrorKind::Invalid {
                layer: "embedding",
                reason: "an embedding has no bias",
            }));
        }
        self.num_embeddings = w.dim(0);
        self.embedding_dim = w.dim(1);
        Ok(self)
    }

    /// Sets `padding_idx`.
    pub const fn padding_idx(mut self, i: i64) -> Embedding {
        self.padding_idx = Some(i);
        self
    }

    /// The FLOPs of a lookup: 0 by mmengine's rule.
    pub const fn flops(&self, _input: Shape) -> u128 {
        0
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        tri!(nonzero("embedding", "num_embeddings", self.num_embeddings));
        tri!(nonzero("embedding", "embedding_dim", self.embedding_dim));
        if let Some(i) = self.padding_idx {
            let n = self.num_embeddings as i128;
            if (i as i128) >= n || (i as i128) < -n {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: "embedding",
                    reason: "padding_idx must be within num_embeddings",
                }));
            }
        }
        let output = match input.push(self.embedding_dim) {
            Some(s) => s,
            None => {
                return Err(Error::new(ErrorKind::Rank {
                    layer: "embedding",
                    expected: "less than 8",
                    got: input,
                }));
            }
        };
        let mut cost = Cost::zero(ZeroOp::Embedding);
        cost.flops = self.flops(input);
        cost.params = tri!(self.params().count());
        Ok(Applied {
            layer: Layer::Embedding(*self),
            output,
            cost,
        })
    }

    /// `weight [num_embeddings, embedding_dim]`.
    pub const fn params(&self) -> Params {
        Params::NONE.with(
            "weight",
            Shape::new(&[self.num_embeddings, self.embedding_dim]),
        )
    }

    /// PyTorch's `extra_repr`: `30522, 768, padding_idx=0`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        let mut s = alloc::format!("{}, {}", self.num_embeddings, self.embedding_dim);
        if let Some(i) = self.padding_idx {
            s += &alloc::format!(", padding_idx={i}");
        }
        s
    }
}

impl Embedding {
    /// What autograd keeps: the indices, as int64.
    pub(crate) const fn keeps(&self) -> Keep {
        let mut keep = Keep::INPUT;
        keep.classes[0] = Class::Indices;
        keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedding_is_a_lookup() {
        // BERT's word embeddings on [1, 128] ids: [1, 128, 768], 30522·768 params, 0 FLOPs.
        let a = Embedding::new(30522, 768)
            .apply(Shape::new(&[1, 128]))
            .unwrap();
        assert_eq!(a.output.dims(), &[1, 128, 768]);
        assert_eq!(
            (a.cost.params, a.cost.flops, a.cost.activations),
            (23_440_896, 0, 0)
        );
        assert_eq!(a.cost.zero_count(ZeroOp::Embedding), 1);
    }
}
