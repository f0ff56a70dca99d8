//! Autocast: the dtype of every value of a training forward under `torch.autocast`, and
//! the copies its casts make. The operation table's `autocast` column holds the
//! operations' policies; this file holds the layer families' and the steps'.
//!
//! Under autocast, a matrix product ([`Policy::Lower`]: convolutions, linear layers,
//! `matmul`, `bmm`, `addmm`, `baddbmm`, `einsum`'s products) casts each float32 operand
//! to a new half-precision copy, which is what autograd then keeps (a weight's copy once
//! per parameter); a [`Policy::Float32`] operation casts half-precision operands to new
//! float32 copies; every other operation runs in its operands' dtype (type promotion: a
//! float32 operand with dimensions makes the result float32; a number or a 0-d tensor
//! does not), and a layer with float32 weights (batch and layer norm) in its input's. A
//! view or an in-place result keeps its input's dtype; `x.to(dtype)`, `x.float()`,
//! `x.type_as(y)` copy only when the dtype changes. O(1) per operation and operand.

use super::saved::{Device, Saved};
use crate::layer::{ActivationKind, Layer, PoolKind};
use crate::ops::Policy;
use crate::shape::DType;

/// How the activations of a forward are stored.
///
/// ```
/// use complexity_core::memory::{Device, Precision};
///
/// // `with torch.autocast("cpu", dtype=torch.bfloat16):` around the forward.
/// let amp = Precision::Autocast(Device::Cpu);
/// assert_ne!(amp, Precision::Uniform);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Precision {
    /// Every activation in one dtype (float32, or the dtype
    /// [`Training::activations`](super::Training::activations) prices them in): no casts.
    #[default]
    Uniform,
    /// Under `torch.autocast` on this device in a half-precision dtype (`bfloat16` or
    /// `float16`, both 2 bytes): the parameters and the model's input float32, matrix
    /// products in half precision with copies of their float32 operands, the rest as
    /// the device's list and type promotion say (see the crate docs' "Memory").
    Autocast(Device),
}

/// A value's dtype in the walk.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Dt {
    /// The activation dtype: every float of a [`Precision::Uniform`] walk, the half
    /// precision of an autocast one.
    Act,
    /// float32 under autocast.
    Wide,
    /// An integer or `bool` tensor (never cast; its class is the keeping operation's).
    Int,
}

impl Dt {
    /// Whether `self` and `other` are one dtype (`==`, in a `const fn`). O(1).
    pub(crate) const fn same(self, other: Dt) -> bool {
        matches!(
            (self, other),
            (Dt::Act, Dt::Act) | (Dt::Wide, Dt::Wide) | (Dt::Int, Dt::Int)
        )
    }
}

impl Precision {
    /// The bytes of `saved` as a report shows them: float32 activations on the CPU for
    /// [`Precision::Uniform`] (`saved.bytes(DType::F32, Device::Cpu)`), or half-precision
    /// activations at 2 bytes and float32 ones at 4 on the autocast's device
    /// (`saved.bytes(DType::BF16, device)`). O(1).
    pub const fn saved_bytes(self, saved: &Saved) -> u128 {
        match self {
            Precision::Uniform => saved.bytes(DType::F32, Device::Cpu),
            Precision::Autocast(device) => saved.bytes(DType::BF16, device),
        }
    }

    /// The dtype of a float32 tensor (a parameter, the model's input, a new tensor).
    pub(crate) const fn float(self) -> Dt {
        match self {
            Precision::Uniform => Dt::Act,
            Precision::Autocast(_) => Dt::Wide,
        }
    }

    /// The dtype of a half-precision tensor (`x.half()`, a matrix product's result).
    pub(crate) const fn half(self) -> Dt {
        Dt::Act
    }
}

/// Autocast's policy for a layer family on `device` (PyTorch's lists: convolutions,
/// linear layers and `prelu` in half precision; `max_pool3d`, `avg_pool3d` and
/// `adaptive_avg_pool3d` in float32 on the CPU; `layer_norm`, `group_norm`, `softmax`,
/// `log_softmax` and `softplus` in float32 on CUDA; `rms_norm` in float32 on both; the
/// rest in its input's dtype).
/// O(1).
pub(crate) const fn layer_policy(layer: &Layer, device: Device) -> Policy {
    let cuda = matches!(device, Device::Cuda);
    match layer {
        Layer::Conv(_) | Layer::Linear(_) | Layer::Gpt2Conv1D(_) => Policy::Lower,
        // `rms_norm` with a half-precision input and float32 weights takes PyTorch's
        // composite path, in float32 (measured on the CPU), its result in the input's
        // dtype ([`keeps_input_dtype`]).
        Layer::RmsNorm(_) => Policy::Float32,
        Layer::LayerNorm(_) | Layer::GroupNorm(_) if cuda => Policy::Float32,
        Layer::Pool(p) if p.rank == 3 && !cuda => Policy::Float32,
        Layer::AdaptivePool(p) if p.rank == 3 && matches!(p.kind, PoolKind::Avg) && !cuda => {
            Policy::Float32
        }
        Layer::Activation(a) => match a.kind {
            ActivationKind::PReLU => Policy::Lower,
            ActivationKind::Softmax | ActivationKind::LogSoftmax | ActivationKind::Softplus
                if cuda =>
            {
                Policy::Float32
            }
            _ => Policy::Input,
        },
        _ => Policy::Input,
    }
}

/// Whether a layer computing in float32 under autocast returns its input's dtype
/// (`rms_norm`'s composite path ends in `type_as(input)`). O(1).
pub(crate) const fn keeps_input_dtype(layer: &Layer) -> bool {
    matches!(layer, Layer::RmsNorm(_))
}

/// Whether a layer's result has its weights' dtype rather than its input's (an
/// embedding's rows are its weight's). O(1).
pub(crate) const fn weights_dtype(layer: &Layer) -> bool {
    matches!(layer, Layer::Embedding(_))
}

/// Whether a layer keeps its weight for backward when `input_grad` (its input needs a
/// gradient) under autocast, where the weight's half-precision copy is a tensor of its
/// own: a convolution always (one backward for both), a linear layer (`addmm`) for the
/// input's gradient, `prelu` always. O(1).
pub(crate) const fn keeps_weight(layer: &Layer, input_grad: bool) -> bool {
    match layer {
        Layer::Conv(_) => true,
        Layer::Linear(_) | Layer::Gpt2Conv1D(_) => input_grad,
        Layer::Activation(a) => matches!(a.kind, ActivationKind::PReLU),
        _ => false,
    }
}
