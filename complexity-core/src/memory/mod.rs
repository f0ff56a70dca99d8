//! Memory: what autograd keeps for the backward pass ([`Saved`]), by storage class, in
//! bytes for a precision and a device.
//!
//! # The model of storage
//!
//! The analysis follows every value of a `forward` to the storage it lives in: a layer
//! or operation allocates a fresh one, a view (`view`, `reshape`, `transpose`,
//! `permute`, `x[:, 0]`, `split`, `flatten`, `identity`) and an in-place operation
//! (`relu(inplace=True)`, `masked_fill_`) share their input's. Each operation keeps what
//! PyTorch's autograd saves for it (the *saved* column of the operation table, each
//! layer family's `keeps` rule), and a storage counts once, whole, the first time
//! something keeps it, under the innermost module running then; parameters never count,
//! the model's input and buffers do when kept. An operation keeps an operand only when
//! the gradient that needs it is computed: `mask * x` keeps `mask` for `x`'s gradient
//! but not `x` when `mask` needs none, and nothing derived only from the input, buffers
//! and constants needs a gradient.
//!
//! What this does not see: `reshape` of a non-contiguous tensor copies in PyTorch
//! (counted here as a view, which differs only when that storage is kept twice), and a
//! batched `matmul` of permuted operands with a batch above 1 may copy them.

mod inference;
pub(crate) mod layout;
pub(crate) mod saved;
mod train;

pub use inference::{Inference, InferenceMemory};
pub use saved::{Device, Saved};
pub use train::{Optimizer, Training, TrainingMemory};
