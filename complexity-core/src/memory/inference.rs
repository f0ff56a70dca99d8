//! Inference memory: weights, the KV cache and the activation arena.

use crate::analysis::Totals;
use crate::error::{Error, ErrorKind};
use crate::shape::DType;

/// How a model serves: the dtypes of its weights, activations and KV cache.
///
/// ```
/// use complexity_core::DType;
/// use complexity_core::memory::Inference;
///
/// // int4 weights, bf16 activations and KV cache.
/// let serve = Inference::new(DType::I4, DType::BF16);
/// assert_eq!(serve.kv_cache, DType::BF16);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Inference {
    /// The dtype of the weights (int8 and int4 included).
    pub weights: DType,
    /// The dtype of the activations.
    pub activations: DType,
    /// The dtype of the KV cache.
    pub kv_cache: DType,
}

impl Inference {
    /// Weights in `weights`, activations and KV cache in `activations`.
    pub const fn new(weights: DType, activations: DType) -> Inference {
        Inference {
            weights,
            activations,
            kv_cache: activations,
        }
    }

    /// The KV cache in `dtype`.
    pub const fn kv_cache(mut self, dtype: DType) -> Inference {
        self.kv_cache = dtype;
        self
    }

    /// The memory of a forward pass of the model analysed in `totals` (analyse in
    /// [`Mode::Eval`](crate::Mode::Eval)), its KV cache holding the input's tokens.
    /// O(1).
    pub const fn memory(&self, totals: &Totals) -> InferenceMemory {
        InferenceMemory {
            weights: self.weights.bytes(totals.cost.params as u128),
            kv_cache: self.kv_cache.bytes(totals.cost.cached),
            activations: self.activations.bytes(totals.cost.peak_elements),
        }
    }

    /// The KV cache's bytes per token of a `[batch, tokens, …]` input (the analysis's
    /// cache over its tokens, the batch included): an error if the input has no token
    /// dimension or the cache does not divide evenly by its tokens (a cache that is not
    /// linear in the tokens). O(1).
    pub const fn kv_cache_per_token(&self, totals: &Totals) -> Result<u128, Error> {
        let tokens = if totals.input.rank() >= 2 {
            totals.input.dim(1) as u128
        } else {
            0
        };
        if tokens == 0 || !totals.cost.cached.is_multiple_of(tokens) {
            return Err(Error::new(ErrorKind::Invalid {
                layer: "KV cache",
                reason: "its elements are not a whole number per token of the input's dimension 1",
            }));
        }
        Ok(self.kv_cache.bytes(totals.cost.cached / tokens))
    }

    /// The KV cache's bytes at a context of `tokens` tokens: [`per token`] · `tokens`
    /// (keys and values grow linearly in the tokens). O(1).
    ///
    /// [`per token`]: Inference::kv_cache_per_token
    pub const fn kv_cache_at(&self, totals: &Totals, tokens: u128) -> Result<u128, Error> {
        let per = match self.kv_cache_per_token(totals) {
            Ok(b) => b,
            Err(e) => return Err(e),
        };
        match per.checked_mul(tokens) {
            Some(b) => Ok(b),
            None => Err(crate::cost::overflow("bytes")),
        }
    }
}

/// The memory of a forward pass, in bytes, by part.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct InferenceMemory {
    /// The weights: `params · size(weights)`.
    pub weights: u128,
    /// The KV cache after the forward: `cached · size(kv_cache)`.
    pub kv_cache: u128,
    /// The activation arena: the peak of live elements ([`Cost::peak_elements`]) ·
    /// `size(activations)`.
    ///
    /// [`Cost::peak_elements`]: crate::cost::Cost::peak_elements
    pub activations: u128,
}

impl InferenceMemory {
    /// The sum of the parts (saturating).
    pub const fn total(&self) -> u128 {
        self.weights
            .saturating_add(self.kv_cache)
            .saturating_add(self.activations)
    }
}

/// `weights 27988480 B, KV cache 524288 B, activations 3145728 B; total 31658496 B`.
impl core::fmt::Display for InferenceMemory {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "weights {} B, KV cache {} B, activations {} B; total {} B",
            self.weights,
            self.kv_cache,
            self.activations,
            self.total()
        )
    }
}
