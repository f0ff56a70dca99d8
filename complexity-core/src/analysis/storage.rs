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
use crate::memory::saved::{Keep, Saved, View};
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
        }
    }

    /// A storage that never counts (a parameter, a number).
    pub(crate) const fn never(grad: bool) -> Ref {
        Ref {
            root: FLOAT,
            kept: true,
            store: 0,
            grad,
            strided: false,
        }
    }
}

/// The storage of every slot.
pub(crate) struct Storages {
    root: [usize; MAX_SLOTS],
    kept: [bool; MAX_SLOTS],
    store: [u128; MAX_SLOTS],
    grad: [bool; MAX_SLOTS],
    strided: [bool; MAX_SLOTS],
}

impl Storages {
    pub(crate) const NEW: Storages = Storages {
        root: [FLOAT; MAX_SLOTS],
        kept: [false; MAX_SLOTS],
        store: [0; MAX_SLOTS],
        grad: [false; MAX_SLOTS],
        strided: [false; MAX_SLOTS],
    };

    /// The value in `slot`, as a [`Ref`] to its storage. O(1).
    pub(crate) const fn get(&self, slot: usize) -> Ref {
        let root = self.root[slot];
        if root == FLOAT {
            return Ref::never(self.grad[slot]);
        }
        Ref {
            root,
            kept: self.kept[root],
            store: self.store[root],
            grad: self.grad[slot],
            strided: self.strided[slot],
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

    /// Applies what an operation keeps to its operands `ins` (updated) and an output of
    /// shape `output`: the elements newly kept, and the output's storage. The output
    /// needs a gradient when an operand does, or when `weights` (the operation has
    /// parameters); an operation nothing needs a gradient of keeps nothing. O(operands).
    pub(crate) const fn apply(
        &mut self,
        keep: Keep,
        ins: &mut [Ref],
        output: Shape,
        weights: bool,
    ) -> Result<(Saved, Ref), Error> {
        let mut grad = weights;
        let mut k = 0;
        while k < ins.len() {
            grad = grad || ins[k].grad;
            k += 1;
        }
        let fresh = Ref::fresh(crate::memory::saved::elems(output), grad);
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
        let mut saved = keep.fresh;
        let mut k = 0;
        while k < ins.len() && k < 32 {
            if keep.operands & (1 << k) != 0 {
                let n = self.keep(&mut ins[k]);
                let class = if k < keep.classes.len() {
                    keep.classes[k]
                } else {
                    crate::memory::saved::Class::Activations
                };
                saved = match saved.checked_add(Saved::of(class, n)) {
                    Ok(s) => s,
                    Err(e) => return Err(e),
                };
                if matches!(alias, Some(a) if a == k) {
                    out.kept = ins[k].kept;
                }
            }
            k += 1;
        }
        if keep.output {
            let n = self.keep(&mut out);
            saved = match saved.checked_add(Saved::activations(n)) {
                Ok(s) => s,
                Err(e) => return Err(e),
            };
        }
        Ok((saved, out))
    }
}
