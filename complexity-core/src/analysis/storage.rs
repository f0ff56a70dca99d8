//! Which storage each value of the running forward programs lives in, whether autograd
//! keeps it already, and whether it needs a gradient: what the saved-for-backward count
//! deduplicates by (see [`memory`](crate::memory)).
//!
//! A value in a program's slot points to the slot that owns its storage (itself, or the
//! value it is a view of, or a value of an enclosing program); a value outside any slot
//! (flowing through a sequence, or returned by a finished program) carries its storage
//! with it ([`FLOAT`]). Every operation is O(operands).

use super::MAX_SLOTS;
use crate::error::Error;
use crate::layer::tri;
use crate::memory::Precision;
use crate::memory::autocast::Dt;
use crate::memory::saved::{Class, Device, Keep, Saved, View};
use crate::ops::Policy;
use crate::shape::Shape;

/// [`Ref::root`] of a storage no slot owns.
pub(crate) const FLOAT: usize = usize::MAX;

/// A value's storage, seen from outside the slots.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Ref {
    /// The slot owning the storage, or [`FLOAT`].
    pub(crate) root: usize,
    /// Kept by autograd already (meaningful for [`FLOAT`]; a slot's own flag wins).
    pub(crate) kept: bool,
    /// The storage's elements (for [`FLOAT`]).
    pub(crate) store: u128,
    /// The value needs a gradient.
    pub(crate) grad: bool,
    /// The value is a non-contiguous view (a reshape of it copies).
    pub(crate) strided: bool,
    /// The value's dtype.
    pub(crate) dt: Dt,
}

impl Ref {
    /// A fresh storage of `elements` that nothing keeps yet.
    pub(crate) const fn fresh(elements: u128, grad: bool) -> Ref {
        Ref {
            root: FLOAT,
            kept: false,
            store: elements,
            grad,
            strided: false,
            dt: Dt::Act,
        }
    }

    /// This value with dtype `dt`.
    pub(crate) const fn of(mut self, dt: Dt) -> Ref {
        self.dt = dt;
        self
    }

    /// A storage that never counts (a parameter, a number).
    pub(crate) const fn never(grad: bool) -> Ref {
        Ref {
            root: FLOAT,
            kept: true,
            store: 0,
            grad,
            strided: false,
            dt: Dt::Act,
        }
    }
}

/// What autocast and an operation's dtype rule do to one step.
#[derive(Clone, Copy)]
pub(crate) struct Cast<'a> {
    /// Autocast's policy for it on the walk's device.
    pub(crate) policy: Policy,
    /// Its result's dtype, or `None` for its operands' (type promotion).
    pub(crate) out: Option<Dt>,
    /// Its tensor operands' shapes, in order (a copy's elements; a 0-d operand does
    /// not promote).
    pub(crate) shapes: &'a [Shape],
}

/// The storage of every slot.
pub(crate) struct Storages {
    root: [usize; MAX_SLOTS],
    kept: [bool; MAX_SLOTS],
    store: [u128; MAX_SLOTS],
    grad: [bool; MAX_SLOTS],
    strided: [bool; MAX_SLOTS],
    dt: [Dt; MAX_SLOTS],
    /// The walk's precision.
    pub(crate) precision: Precision,
}

impl Storages {
    pub(crate) const NEW: Storages = Storages {
        root: [FLOAT; MAX_SLOTS],
        kept: [false; MAX_SLOTS],
        store: [0; MAX_SLOTS],
        grad: [false; MAX_SLOTS],
        strided: [false; MAX_SLOTS],
        dt: [Dt::Act; MAX_SLOTS],
        precision: Precision::Uniform,
    };

    /// The value in `slot`, as a [`Ref`] to its storage. O(1).
    pub(crate) const fn get(&self, slot: usize) -> Ref {
        let root = self.root[slot];
        if root == FLOAT {
            return Ref::never(self.grad[slot]).of(self.dt[slot]);
        }
        Ref {
            root,
            kept: self.kept[root],
            store: self.store[root],
            grad: self.grad[slot],
            strided: self.strided[slot],
            dt: self.dt[slot],
        }
    }

    /// Whether `r`'s storage is kept now. O(1).
    pub(crate) const fn kept_now(&self, r: Ref) -> bool {
        if r.root == FLOAT {
            r.kept
        } else {
            self.kept[r.root]
        }
    }

    /// Puts a value in `slot`: a [`FLOAT`] storage becomes the slot's own. O(1).
    pub(crate) const fn set(&mut self, slot: usize, r: Ref) {
        self.grad[slot] = r.grad;
        self.strided[slot] = r.strided;
        self.dt[slot] = r.dt;
        if r.root == FLOAT {
            self.root[slot] = slot;
            self.kept[slot] = r.kept;
            self.store[slot] = r.store;
        } else {
            self.root[slot] = r.root;
        }
    }

    /// `r` seen from outside the slots from `base` on (a program that finishes): a
    /// storage one of them owns goes with the value. O(1).
    pub(crate) const fn detach(&self, r: Ref, base: usize) -> Ref {
        if r.root != FLOAT && r.root >= base {
            Ref {
                root: FLOAT,
                kept: self.kept[r.root],
                store: self.store[r.root],
                grad: r.grad,
                strided: r.strided,
                dt: r.dt,
            }
        } else {
            r
        }
    }

    /// Marks `r`'s storage kept: its elements if it was not. O(1).
    const fn keep(&mut self, r: &mut Ref) -> u128 {
        let kept = if r.root == FLOAT {
            r.kept
        } else {
            self.kept[r.root]
        };
        if kept {
            return 0;
        }
        if r.root != FLOAT {
            self.kept[r.root] = true;
        }
        r.kept = true;
        r.store
    }

    /// Autocast's casts of operation operands `ins` (replaced by their copies) under
    /// `cast`, and the dtype of its result. O(operands).
    const fn cast(&self, ins: &mut [Ref], cast: Cast) -> Dt {
        // One dtype: nothing is cast, and no count reads a dtype.
        if let Precision::Uniform = self.precision {
            return Dt::Act;
        }
        let to = match cast.policy {
            Policy::Lower => Dt::Act,
            Policy::Float32 => Dt::Wide,
            Policy::Promote => promoted(ins, cast.shapes),
            Policy::Input => match cast.out {
                Some(dt) => return dt,
                None => return promoted(ins, cast.shapes),
            },
        };
        let mut k = 0;
        while k < ins.len() {
            let from = ins[k].dt;
            if k < cast.shapes.len() && !matches!(from, Dt::Int) && !from.same(to) {
                ins[k] =
                    Ref::fresh(crate::memory::saved::elems(cast.shapes[k]), ins[k].grad).of(to);
            }
            k += 1;
        }
        // A result the operation converts back (`rms_norm`'s `type_as(input)`).
        match cast.out {
            Some(dt) => dt,
            None => to,
        }
    }

    /// Applies what an operation keeps to its operands `ins` (updated) and an output of
    /// shape `output`, after autocast's casts (`cast`): the elements newly kept, and the
    /// output's storage. The output needs a gradient when an operand does, or when
    /// `weights` (the operation has parameters); an operation nothing needs a gradient
    /// of keeps nothing. O(operands).
    pub(crate) const fn apply(
        &mut self,
        keep: Keep,
        ins: &mut [Ref],
        output: Shape,
        weights: bool,
        cast: Cast,
    ) -> Result<(Saved, Ref), Error> {
        let mut grad = weights;
        let mut k = 0;
        while k < ins.len() {
            grad = grad || ins[k].grad;
            k += 1;
        }
        let dt = self.cast(ins, cast);
        let fresh = Ref::fresh(crate::memory::saved::elems(output), grad).of(dt);
        let alias = match keep.view {
            View::Alias(a) if a < ins.len() => Some(a),
            View::Strided(_) if !ins.is_empty() => Some(0),
            View::Reshape if !ins.is_empty() && !ins[0].strided => Some(0),
            _ => None,
        };
        let mut out = match alias {
            Some(a) => {
                let mut r = ins[a];
                r.grad = grad;
                if let View::Strided(true) = keep.view {
                    r.strided = true;
                }
                r
            }
            None => fresh,
        };
        if !grad {
            return Ok((Saved::ZERO, out));
        }
        let mut saved = self.fresh(keep.fresh, ins);
        let mut k = 0;
        while k < ins.len() && k < 32 {
            if keep.operands & (1 << k) != 0 {
                let n = self.keep(&mut ins[k]);
                let class = if k < keep.classes.len() {
                    keep.classes[k]
                } else {
                    Class::Activations
                };
                saved = tri!(saved.checked_add(of(class, ins[k].dt, n)));
                if matches!(alias, Some(a) if a == k) {
                    out.kept = ins[k].kept;
                }
            }
            k += 1;
        }
        if keep.output {
            let n = self.keep(&mut out);
            saved = tri!(saved.checked_add(of(Class::Activations, out.dt, n)));
        }
        Ok((saved, out))
    }

    /// `fresh` (the tensors an operation allocates and keeps) as autocast stores them:
    /// its activations (stochastic depth's noise, an in-place activation's copy) in its
    /// input's dtype, and dropout masks in the input's dtype on the CPU, one byte on CUDA
    /// (a uniform walk prices masks later). O(1).
    const fn fresh(&self, mut fresh: Saved, ins: &[Ref]) -> Saved {
        let Precision::Autocast(device) = self.precision else {
            return fresh;
        };
        let wide = !ins.is_empty() && matches!(ins[0].dt, Dt::Wide);
        let n = fresh.masks;
        fresh.masks = 0;
        // `fresh` holds one operation's tensors: far below `u128::MAX`.
        match device {
            Device::Cuda => fresh.bools = fresh.bools.saturating_add(n),
            Device::Cpu => fresh.activations = fresh.activations.saturating_add(n),
        }
        if wide {
            fresh.wide = fresh.wide.saturating_add(fresh.activations);
            fresh.activations = 0;
        }
        fresh
    }
}

/// `n` elements of `class`, a float activation counted by its dtype `dt`.
const fn of(class: Class, dt: Dt, n: u128) -> Saved {
    match (class, dt) {
        (Class::Activations, Dt::Wide) => Saved::wide(n),
        _ => Saved::of(class, n),
    }
}

/// The dtype type promotion gives operands `ins` of shapes `shapes`: the widest float
/// among those with dimensions, else among the 0-d ones, else an integer. O(operands).
pub(crate) const fn promoted(ins: &[Ref], shapes: &[Shape]) -> Dt {
    let mut dims = Dt::Int;
    let mut zero = Dt::Int;
    let mut k = 0;
    while k < ins.len() {
        let scalar = k < shapes.len() && shapes[k].rank() == 0;
        let best = if scalar { &mut zero } else { &mut dims };
        *best = match (*best, ins[k].dt) {
            (Dt::Wide, _) | (_, Dt::Wide) => Dt::Wide,
            (Dt::Act, _) | (_, Dt::Act) => Dt::Act,
            _ => Dt::Int,
        };
        k += 1;
    }
    match (dims, zero) {
        (Dt::Int, z) => z,
        (d, _) => d,
    }
}
