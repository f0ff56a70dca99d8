//! Training memory: weights, gradients, optimizer states and the activations autograd
//! keeps, at the input the analysis ran on.

use super::Precision;
use super::saved::{Device, Saved};
use crate::analysis::Totals;
use crate::error::{Error, ErrorKind};
use crate::layer::tri;
use crate::shape::DType;

/// An optimizer, by the state it keeps per trainable parameter.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Optimizer {
    /// `torch.optim.SGD` without momentum: no state.
    Sgd,
    /// `torch.optim.SGD(momentum > 0)`: one buffer (`momentum_buffer`).
    SgdMomentum,
    /// `torch.optim.Adam`: two (`exp_avg`, `exp_avg_sq`).
    Adam,
    /// `torch.optim.AdamW`: two (`exp_avg`, `exp_avg_sq`).
    AdamW,
}

impl Optimizer {
    /// The tensors it keeps per trainable parameter: 0, 1, 2, 2.
    pub const fn states(self) -> u128 {
        match self {
            Optimizer::Sgd => 0,
            Optimizer::SgdMomentum => 1,
            Optimizer::Adam | Optimizer::AdamW => 2,
        }
    }
}

/// How a model is trained: the dtypes, the optimizer, activation checkpointing and the
/// device.
///
/// ```
/// use complexity_core::DType;
/// use complexity_core::memory::{Optimizer, Training};
///
/// // Plain float32 with AdamW: weights, gradients and two states, 4 bytes each.
/// let fp32 = Training::new(Optimizer::AdamW);
/// // bf16 mixed precision: bf16 weights, gradients and activations, float32 master
/// // weights and states: 2 + 2 + 4 + 8 = 16 bytes per parameter.
/// let mixed = Training::mixed(DType::BF16, Optimizer::AdamW).checkpointing(true);
/// assert_eq!(mixed.bytes_per_parameter(), 16);
/// assert_eq!(fp32.bytes_per_parameter(), 16);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Training {
    /// The dtype the weights and their gradients are stored in.
    pub weights: DType,
    /// The dtype of the activations autograd keeps.
    pub activations: DType,
    /// A float32 copy of every trainable weight that the optimizer updates (mixed
    /// precision with half-precision weights); the optimizer's states are then float32
    /// too, else in [`Training::weights`].
    pub master_weights: bool,
    /// The optimizer.
    pub optimizer: Optimizer,
    /// Activation checkpointing on every element of every array (`[Block; N]`,
    /// `torch.utils.checkpoint` around each layer): see [`Cost::checkpointed`].
    ///
    /// [`Cost::checkpointed`]: crate::cost::Cost::checkpointed
    pub checkpointing: bool,
    /// Where it runs (a dropout mask's size, and autocast's op lists).
    pub device: Device,
    /// The forward runs under `torch.autocast` on [`Training::device`] in
    /// [`Training::activations`] (`bfloat16` or `float16`): its saved activations are
    /// counted by [`Precision::Autocast`], half precision and float32 each at its size.
    pub autocast: bool,
}

impl Training {
    /// Everything in float32, on CUDA (a dropout mask is one byte; `.device(Device::Cpu)`
    /// prices it as PyTorch's CPU kernels store it, a float), no checkpointing.
    pub const fn new(optimizer: Optimizer) -> Training {
        Training {
            weights: DType::F32,
            activations: DType::F32,
            master_weights: false,
            optimizer,
            checkpointing: false,
            device: Device::Cuda,
            autocast: false,
        }
    }

    /// Automatic mixed precision, as `torch.autocast(device, dtype = half)` around a
    /// float32 model's forward trains it: float32 weights, gradients and optimizer states
    /// (no master copy: the weights are the float32 ones), and the activations autograd
    /// keeps under autocast ([`Precision::Autocast`]: the matrix products' half-precision
    /// copies of their inputs and of the weights, in `half`; what stays float32, at 4
    /// bytes), on CUDA (`.device(Device::Cpu)` for the CPU's op lists and float
    /// dropout masks).
    ///
    /// ```
    /// use complexity_core::DType;
    /// use complexity_core::memory::{Device, Optimizer, Precision, Training};
    ///
    /// let amp = Training::autocast(DType::BF16, Optimizer::AdamW).device(Device::Cpu);
    /// assert_eq!(amp.precision(), Precision::Autocast(Device::Cpu));
    /// assert_eq!(amp.bytes_per_parameter(), 16);
    /// ```
    pub const fn autocast(half: DType, optimizer: Optimizer) -> Training {
        Training {
            weights: DType::F32,
            activations: half,
            master_weights: false,
            optimizer,
            checkpointing: false,
            device: Device::Cuda,
            autocast: true,
        }
    }

    /// How the forward stores its activations: [`Precision::Autocast`] on
    /// [`Training::device`] with [`Training::autocast`], else [`Precision::Uniform`].
    /// The totals [`Training::memory`] prices must be analysed so
    /// ([`analyze_in`](crate::analyze_in)).
    pub const fn precision(&self) -> Precision {
        if self.autocast {
            Precision::Autocast(self.device)
        } else {
            Precision::Uniform
        }
    }

    /// Mixed precision in `half` (`DType::BF16`, `DType::F16`): weights, gradients and
    /// activations in `half`, float32 master weights and optimizer states, on CUDA (see
    /// [`Training::new`]).
    pub const fn mixed(half: DType, optimizer: Optimizer) -> Training {
        Training {
            weights: half,
            activations: half,
            master_weights: true,
            optimizer,
            checkpointing: false,
            device: Device::Cuda,
            autocast: false,
        }
    }

    /// With or without activation checkpointing.
    pub const fn checkpointing(mut self, on: bool) -> Training {
        self.checkpointing = on;
        self
    }

    /// On `device`.
    pub const fn device(mut self, device: Device) -> Training {
        self.device = device;
        self
    }

    /// Weights and gradients (and, without master weights, the optimizer's states) in
    /// `dtype`: `Training::new(Optimizer::AdamW).weights(DType::BF16).activations(DType::BF16)`
    /// is pure bf16 training.
    pub const fn weights(mut self, dtype: DType) -> Training {
        self.weights = dtype;
        self
    }

    /// Activations in `dtype`.
    pub const fn activations(mut self, dtype: DType) -> Training {
        self.activations = dtype;
        self
    }

    /// The bytes per trainable parameter beyond activations: weight + gradient + master
    /// copy + states, `2·size(weights) + (4 if master) + states · size(state)` (for whole
    /// bytes; [`Training::memory`] packs sub-byte dtypes exactly).
    pub const fn bytes_per_parameter(&self) -> u128 {
        let w = self.weights.size() as u128;
        let state = if self.master_weights { 4 } else { w };
        let master = if self.master_weights { 4 } else { 0 };
        2 * w + master + self.optimizer.states() * state
    }

    /// The memory of one training step of the model analysed in `totals` (its input's
    /// batch and sizes; analyse in [`Mode::Train`](crate::Mode::Train) for dropout and
    /// batch norm's statistics): an error if a figure overflows `u128`. O(1).
    pub const fn memory(&self, totals: &Totals) -> Result<TrainingMemory, Error> {
        let wanted = self.precision();
        if !same_precision(totals.precision, wanted) {
            return Err(Error::new(ErrorKind::Precision {
                analysed: describe(totals.precision),
                training: describe(wanted),
            }));
        }
        let params = totals.cost.params as u128;
        let trainable = params - totals.cost.frozen as u128;
        let weights = self.weights.bytes(params);
        let gradients = self.weights.bytes(trainable);
        let master_weights = if self.master_weights {
            tri!(mul(trainable, 4))
        } else {
            0
        };
        let state = if self.master_weights {
            tri!(mul(trainable, 4))
        } else {
            self.weights.bytes(trainable)
        };
        let optimizer = tri!(mul(state, self.optimizer.states()));
        let (kept, recompute) = if self.checkpointing {
            (totals.cost.checkpointed, totals.cost.recompute)
        } else {
            (totals.cost.saved, Saved::ZERO)
        };
        Ok(TrainingMemory {
            weights,
            gradients,
            master_weights,
            optimizer,
            activations: kept.bytes(self.activations, self.device),
            recompute: recompute.bytes(self.activations, self.device),
        })
    }
}

/// The memory of one training step, in bytes, by part.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct TrainingMemory {
    /// The weights: `params · size(weights)`.
    pub weights: u128,
    /// Their gradients: `trainable · size(weights)`.
    pub gradients: u128,
    /// The float32 master copy: `trainable · 4` (mixed precision), else 0.
    pub master_weights: u128,
    /// The optimizer's states: `trainable · states · size(state)`.
    pub optimizer: u128,
    /// What autograd keeps after the forward ([`Cost::saved`], or
    /// [`Cost::checkpointed`] with checkpointing).
    ///
    /// [`Cost::saved`]: crate::cost::Cost::saved
    /// [`Cost::checkpointed`]: crate::cost::Cost::checkpointed
    pub activations: u128,
    /// With checkpointing, what one block's recomputed forward keeps during its backward
    /// ([`Cost::recompute`](crate::cost::Cost::recompute)); else 0.
    pub recompute: u128,
}

impl TrainingMemory {
    /// The sum of the parts (saturating): the memory at the end of the forward pass,
    /// with the gradients and optimizer states allocated, plus one block's recompute.
    pub const fn total(&self) -> u128 {
        self.weights
            .saturating_add(self.gradients)
            .saturating_add(self.master_weights)
            .saturating_add(self.optimizer)
            .saturating_add(self.activations)
            .saturating_add(self.recompute)
    }
}

/// `weights 46758048 B, gradients 46758048 B, master weights 0 B, optimizer 93516096 B,
/// activations 22256640 B, recompute 0 B; total 209289472 B`.
impl core::fmt::Display for TrainingMemory {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "weights {} B, gradients {} B, master weights {} B, optimizer {} B, activations {} B, recompute {} B; total {} B",
            self.weights,
            self.gradients,
            self.master_weights,
            self.optimizer,
            self.activations,
            self.recompute,
            self.total()
        )
    }
}

/// Whether `a` and `b` are one precision.
const fn same_precision(a: Precision, b: Precision) -> bool {
    matches!(
        (a, b),
        (Precision::Uniform, Precision::Uniform)
            | (
                Precision::Autocast(Device::Cpu),
                Precision::Autocast(Device::Cpu)
            )
            | (
                Precision::Autocast(Device::Cuda),
                Precision::Autocast(Device::Cuda)
            )
    )
}

/// `precision` in an error message.
const fn describe(precision: Precision) -> &'static str {
    match precision {
        Precision::Uniform => "in one dtype",
        Precision::Autocast(Device::Cpu) => "autocast's on the CPU",
        Precision::Autocast(Device::Cuda) => "autocast's on CUDA",
    }
}

const fn mul(a: u128, b: u128) -> Result<u128, Error> {
    match a.checked_mul(b) {
        Some(n) => Ok(n),
        None => Err(crate::cost::overflow("bytes")),
    }
}
