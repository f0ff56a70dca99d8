//! What autograd keeps for the backward pass: elements by storage class, and the rule an
//! operation or a layer follows.

use crate::error::Error;
use crate::shape::{DType, Shape};

/// Elements of the tensors autograd keeps for the backward pass, by how they are stored.
///
/// Each storage counts once, whole (a saved view counts the storage it views), and
/// parameters never count: what PyTorch's `saved_tensors_hooks` see after one forward,
/// deduplicated by storage. [`Saved::bytes`] turns it into bytes for a precision and a
/// device.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Saved {
    /// Activations: stored in the activation dtype (float32 unless stated).
    pub activations: u128,
    /// Per-row or per-channel statistics (batch norm's `save_mean`/`save_invstd` and
    /// running statistics, layer and group norm's `mean`/`rstd`): always float32.
    pub stats: u128,
    /// int64 tensors: max pooling's indices, embedding and gather indices, token ids.
    pub indices: u128,
    /// Dropout masks: in the activation dtype on the CPU (PyTorch multiplies by a
    /// scaled float mask), one byte (bool) on CUDA, as [`Saved::bytes`] prices them.
    /// Under autocast the walk knows the device and each mask's dtype, so it counts them
    /// in [`Saved::activations`] or [`Saved::wide`] (CPU) or [`Saved::bools`] (CUDA), and
    /// this is 0.
    pub masks: u128,
    /// bool tensors: the condition of `masked_fill` and `where`.
    pub bools: u128,
    /// float32 activations of an autocast forward ([`Precision::Autocast`]): values
    /// that stay float32 or are cast to it, and dropout masks of float32 values on the
    /// CPU (there [`Saved::activations`] are the half-precision ones). 0 otherwise.
    ///
    /// [`Precision::Autocast`]: super::Precision::Autocast
    pub wide: u128,
}

/// Where a training step runs: it decides how a dropout mask is stored.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Device {
    /// The CPU: a dropout mask has the activations' dtype.
    #[default]
    Cpu,
    /// CUDA: a dropout mask is `bool`, one byte per element.
    Cuda,
}

impl Saved {
    /// Nothing kept.
    pub const ZERO: Saved = Saved {
        activations: 0,
        stats: 0,
        indices: 0,
        masks: 0,
        bools: 0,
        wide: 0,
    };

    /// `n` activation elements.
    pub const fn activations(n: u128) -> Saved {
        let mut s = Saved::ZERO;
        s.activations = n;
        s
    }

    /// `n` float32 statistics.
    pub const fn stats(n: u128) -> Saved {
        let mut s = Saved::ZERO;
        s.stats = n;
        s
    }

    /// `n` int64 elements.
    pub const fn indices(n: u128) -> Saved {
        let mut s = Saved::ZERO;
        s.indices = n;
        s
    }

    /// A dropout mask of `n` elements.
    pub const fn masks(n: u128) -> Saved {
        let mut s = Saved::ZERO;
        s.masks = n;
        s
    }

    /// `n` bool elements.
    pub const fn bools(n: u128) -> Saved {
        let mut s = Saved::ZERO;
        s.bools = n;
        s
    }

    /// `n` float32 activations of an autocast forward.
    pub const fn wide(n: u128) -> Saved {
        let mut s = Saved::ZERO;
        s.wide = n;
        s
    }

    /// Whether nothing is kept.
    pub const fn is_zero(&self) -> bool {
        self.activations == 0
            && self.stats == 0
            && self.indices == 0
            && self.masks == 0
            && self.bools == 0
            && self.wide == 0
    }

    /// `n` elements of `class`.
    pub(crate) const fn of(class: Class, n: u128) -> Saved {
        match class {
            Class::Activations => Saved::activations(n),
            Class::Indices => Saved::indices(n),
            Class::Bools => Saved::bools(n),
        }
    }

    /// The sum, or an overflow error. O(1).
    pub const fn checked_add(self, o: Saved) -> Result<Saved, Error> {
        match (
            self.activations.checked_add(o.activations),
            self.stats.checked_add(o.stats),
            self.indices.checked_add(o.indices),
            self.masks.checked_add(o.masks),
            self.bools.checked_add(o.bools),
            self.wide.checked_add(o.wide),
        ) {
            (
                Some(activations),
                Some(stats),
                Some(indices),
                Some(masks),
                Some(bools),
                Some(wide),
            ) => Ok(Saved {
                activations,
                stats,
                indices,
                masks,
                bools,
                wide,
            }),
            _ => Err(crate::cost::overflow("saved elements")),
        }
    }

    /// `times` copies, or an overflow error. O(1).
    pub const fn checked_times(self, times: u128) -> Result<Saved, Error> {
        match (
            self.activations.checked_mul(times),
            self.stats.checked_mul(times),
            self.indices.checked_mul(times),
            self.masks.checked_mul(times),
            self.bools.checked_mul(times),
            self.wide.checked_mul(times),
        ) {
            (
                Some(activations),
                Some(stats),
                Some(indices),
                Some(masks),
                Some(bools),
                Some(wide),
            ) => Ok(Saved {
                activations,
                stats,
                indices,
                masks,
                bools,
                wide,
            }),
            _ => Err(crate::cost::overflow("saved elements")),
        }
    }

    /// The larger of `a` and `b` by bytes in float32 on the CPU (`a` on a tie). O(1).
    pub const fn larger(a: Saved, b: Saved) -> Saved {
        if b.bytes(DType::F32, Device::Cpu) > a.bytes(DType::F32, Device::Cpu) {
            b
        } else {
            a
        }
    }

    /// `self − o` class by class (0 where `o` is larger): a module's own share when `o`
    /// is its children's. O(1).
    pub const fn saturating_sub(self, o: Saved) -> Saved {
        Saved {
            activations: self.activations.saturating_sub(o.activations),
            stats: self.stats.saturating_sub(o.stats),
            indices: self.indices.saturating_sub(o.indices),
            masks: self.masks.saturating_sub(o.masks),
            bools: self.bools.saturating_sub(o.bools),
            wide: self.wide.saturating_sub(o.wide),
        }
    }

    /// The bytes with activations stored as `activation` on `device`:
    /// `activations · size(activation) + (stats + wide) · 4 + indices · 8 + masks · m + bools`,
    /// where `m` is `size(activation)` on the CPU and 1 on CUDA (sizes from
    /// [`DType::bytes`]). Saturates at `u128::MAX`.
    pub const fn bytes(&self, activation: DType, device: Device) -> u128 {
        let masks = match device {
            Device::Cpu => activation.bytes(self.masks),
            Device::Cuda => self.masks,
        };
        activation
            .bytes(self.activations)
            .saturating_add(masks)
            .saturating_add(self.stats.saturating_add(self.wide).saturating_mul(4))
            .saturating_add(self.indices.saturating_mul(8))
            .saturating_add(self.bools)
    }

    /// The bytes of each dtype PyTorch would report, activations in `activation` on
    /// `device`: `(float activations and masks, float32 statistics and autocast's
    /// float32 activations, int64, bool)`; on the CPU in float32 the first two are one
    /// dtype (`float32`); under autocast in bf16 they are `bfloat16` and `float32`. O(1).
    pub const fn bytes_by_class(&self, activation: DType, device: Device) -> [u128; 4] {
        let (float, bools) = match device {
            Device::Cpu => (
                activation.bytes(self.activations.saturating_add(self.masks)),
                self.bools,
            ),
            Device::Cuda => (
                activation.bytes(self.activations),
                self.bools.saturating_add(self.masks),
            ),
        };
        [
            float,
            self.stats.saturating_add(self.wide).saturating_mul(4),
            self.indices.saturating_mul(8),
            bools,
        ]
    }
}

/// The elements of `s`, saturating at `u128::MAX`: the keep rules run on a step's input
/// and output after the machine checked that their elements fit (`elements`), so it
/// never saturates there.
pub(crate) const fn elems(s: Shape) -> u128 {
    match s.checked_numel() {
        Some(n) => n,
        None => u128::MAX,
    }
}

/// How a kept storage is stored when the op keeping it decides (a value's own dtype is
/// not tracked: an embedding keeps its ids as int64, a `masked_fill` its mask as bool).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Class {
    Activations,
    Indices,
    Bools,
}

/// What one operation keeps: some of its operands' storages, its output's, fresh tensors
/// of its own, and whether its output shares an operand's storage.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Keep {
    /// Bit `k`: operand `k`'s storage is kept (as [`Keep::classes`] says).
    pub(crate) operands: u32,
    /// Each operand's class (all activations unless set).
    pub(crate) classes: [Class; 4],
    /// The output's storage is kept.
    pub(crate) output: bool,
    /// Tensors it allocates and keeps (statistics, indices, masks).
    pub(crate) fresh: Saved,
    /// Whether the output shares an operand's storage.
    pub(crate) view: View,
}

/// Whether an operation's output shares an operand's storage, and its layout: what
/// PyTorch's views and in-place operations do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum View {
    /// A fresh, contiguous storage.
    Fresh,
    /// Operand `k`'s storage and layout (in place, identity, `unsqueeze`, `unflatten`,
    /// a no-op cast).
    Alias(usize),
    /// Operand 0's storage, made non-contiguous when the flag is set (a transpose or
    /// permutation moving a dimension of size above 1, an expansion, a slice after a
    /// dimension of size above 1).
    Strided(bool),
    /// `reshape`, `flatten` merging dimensions: operand 0's storage when it is
    /// contiguous, else a contiguous copy (a merge of a non-contiguous tensor's
    /// dimensions copies it; `view`, and a reshape that only splits dimensions, are
    /// [`View::Alias`]).
    Reshape,
}

impl Keep {
    /// Keeps nothing; a fresh output.
    pub(crate) const NOTHING: Keep = Keep {
        operands: 0,
        classes: [Class::Activations; 4],
        output: false,
        fresh: Saved::ZERO,
        view: View::Fresh,
    };

    /// Keeps nothing; the output is a view of operand 0.
    pub(crate) const VIEW: Keep = Keep {
        view: View::Alias(0),
        ..Keep::NOTHING
    };

    /// `reshape`, `flatten` merging dimensions: see [`View::Reshape`].
    pub(crate) const RESHAPE: Keep = Keep {
        view: View::Reshape,
        ..Keep::NOTHING
    };

    /// Keeps operand 0 (the input).
    pub(crate) const INPUT: Keep = Keep {
        operands: 1,
        ..Keep::NOTHING
    };

    /// Keeps the output.
    pub(crate) const OUTPUT: Keep = Keep {
        output: true,
        ..Keep::NOTHING
    };

    /// A permutation of `input`'s dimensions as `order`: a view, non-contiguous when it
    /// moves a dimension of size above 1 past another. O(rank).
    pub(crate) const fn permuted(input: Shape, order: &[i64]) -> Keep {
        Keep {
            view: View::Strided(super::layout::permutes(input, order)),
            ..Keep::NOTHING
        }
    }

    /// This rule, with the output in place of operand 0.
    pub(crate) const fn in_place(mut self) -> Keep {
        self.view = View::Alias(0);
        self
    }

    /// This rule, also keeping `fresh`.
    pub(crate) const fn with(mut self, fresh: Saved) -> Keep {
        self.fresh = fresh;
        self
    }
}
