//! Memory: what autograd keeps for the backward pass ([`Saved`], by storage class, priced
//! for a precision and a [`Device`]), training memory ([`Training`] →
//! [`TrainingMemory`]: weights, gradients, master weights, optimizer states, saved
//! activations, with or without checkpointing) and inference memory ([`Inference`] →
//! [`InferenceMemory`]: weights in any dtype, the KV cache, the activation arena). The
//! crate docs' "Memory" section has the rules, what they reproduce and what they leave
//! out.
//!
//! # The model of storage
//!
//! The analysis follows every value of a `forward` to the storage it lives in: a layer
//! or operation allocates a fresh one, a view (`view`; `reshape` and `flatten` of a
//! contiguous tensor, or splitting dimensions only; `transpose`, `permute`, `x[:, 0]`,
//! `split`, `unsqueeze`, `expand`, identity) and an in-place operation
//! (`relu(inplace=True)`, `masked_fill_`) share their input's, and a `reshape` or
//! `flatten` merging dimensions of a non-contiguous tensor copies (`layout.rs` says which
//! views are contiguous). PyTorch views such a merge when the merged dimensions happen to
//! be adjacent in memory; the analysis, which tracks contiguity and not strides, counts a
//! copy there (the models measured here have no such merge; write `view` where the
//! code does). Each operation keeps what PyTorch's autograd saves for it (the
//! *saved* column of the operation table, each layer family's `keeps` rule next to its
//! cost rule), and a storage counts once, whole, the first time something keeps it,
//! under the innermost module running then; parameters never count, the model's input
//! and buffers do when kept. An operation keeps an operand only when the gradient that
//! needs it is computed: `mask * x` keeps `mask` for `x`'s gradient but not `x` when
//! `mask` needs none, and nothing derived only from the input, buffers and constants
//! needs a gradient. O(1) per operation and operand, in the same walk as the FLOPs.

pub(crate) mod autocast;
mod inference;
pub(crate) mod layout;
pub(crate) mod saved;
mod train;

pub use autocast::Precision;
pub use inference::{Inference, InferenceMemory};
pub use saved::{Device, Saved};
pub use train::{Optimizer, Training, TrainingMemory};
