//! The activation peak of a forward program, from a last-use table: each value is alive
//! from the step that defines it to the last step that reads it (the output to the end).
//! One pass over the steps, O(operands) each: no step looks at the values it does not
//! read.

use crate::error::Error;

/// The elements alive in a running forward program, and the most seen across a step.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Liveness {
    live: u128,
    peak: u128,
}

impl Liveness {
    /// Nothing alive yet.
    pub(crate) const EMPTY: Liveness = Liveness { live: 0, peak: 0 };

    /// The last use of a value no step reads (it dies where it is defined).
    pub(crate) const UNREAD: usize = usize::MAX;

    /// The last use of the program's output: it is alive to the end.
    pub(crate) const KEPT: usize = usize::MAX - 1;

    /// A value of `size` elements is defined and will be read later. O(1).
    pub(crate) const fn define(mut self, size: u128) -> Result<Liveness, Error> {
        self.live = match self.live.checked_add(size) {
            Some(n) => n,
            None => return Err(crate::cost::overflow("activations")),
        };
        Ok(self)
    }

    /// A step that reads values of `operands` elements (all alive) and itself holds
    /// `inner` at its height (a child's own peak, or its operands and result): the peak is
    /// what stays alive across it without being read, plus `inner`. O(1).
    pub(crate) const fn across(mut self, operands: u128, inner: u128) -> Result<Liveness, Error> {
        let held = self.live.saturating_sub(operands);
        let now = match held.checked_add(inner) {
            Some(n) => n,
            None => return Err(crate::cost::overflow("activations")),
        };
        if now > self.peak {
            self.peak = now;
        }
        Ok(self)
    }

    /// Values of `size` elements read for the last time die. O(1).
    pub(crate) const fn release(mut self, size: u128) -> Liveness {
        self.live = self.live.saturating_sub(size);
        self
    }

    /// The most elements alive at once so far.
    pub(crate) const fn peak(&self) -> u128 {
        self.peak
    }
}
