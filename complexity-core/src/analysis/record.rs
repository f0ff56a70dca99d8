//! What the walk records of each module call, for the run-time report: nothing at compile
//! time (an empty buffer, only counted), one [`Record`] per call at run time.

use crate::cost::Cost;
use crate::error::Name;
use crate::layer::Layer;
use crate::shape::Shape;

/// The parent index of the model's own record.
pub(crate) const NO_PARENT: usize = usize::MAX;

/// One call of one module, as the walk meets it (pre-order), or a module that is never
/// called (`called == false`, with its parameters only).
// Only the run-time report (feature `alloc`) reads the records back.
#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
#[derive(Clone, Copy, Debug)]
pub(crate) struct Record {
    /// The index of the parent's record, [`NO_PARENT`] for the model.
    pub parent: usize,
    /// The name under the parent.
    pub name: Name,
    /// The layer with the sizes it inferred, for a layer.
    pub layer: Option<Layer>,
    /// The input shape.
    pub input: Shape,
    /// The output shape.
    pub output: Shape,
    /// What this call cost, children included (params only on the module's first call).
    pub cost: Cost,
    /// Whether the module itself ran; `false` for a child that is never called or whose
    /// weights a parent uses functionally (mmengine's `N/A`).
    pub called: bool,
}

#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
impl Record {
    pub(crate) const EMPTY: Record = Record {
        parent: NO_PARENT,
        name: Name::Index(0),
        layer: None,
        input: Shape::SCALAR,
        output: Shape::SCALAR,
        cost: Cost::ZERO,
        called: false,
    };
}

/// Where the walk writes its records: nowhere at compile time (an empty buffer), a buffer
/// of the right size at run time. It counts the records either way (saturating: a count
/// past `usize::MAX` cannot be recorded anyway).
pub(crate) struct Recorder<'a> {
    records: &'a mut [Record],
    len: usize,
}

impl<'a> Recorder<'a> {
    pub(crate) const fn new(records: &'a mut [Record]) -> Recorder<'a> {
        Recorder { records, len: 0 }
    }

    /// The number of records met so far.
    pub(crate) const fn len(&self) -> usize {
        self.len
    }

    /// The index of the next record. O(1).
    pub(crate) const fn reserve(&mut self) -> usize {
        self.len = self.len.saturating_add(1);
        self.len - 1
    }

    /// Writes record `index`, if the buffer holds it. O(1).
    pub(crate) const fn set(&mut self, index: usize, record: Record) {
        if index < self.records.len() {
            self.records[index] = record;
        }
    }

    /// Marks a record as a module that did not run itself: it keeps its parameters only.
    pub(crate) const fn uncall(&mut self, index: usize) {
        if index < self.records.len() {
            let params = self.records[index].cost.params;
            self.records[index].cost = Cost::ZERO;
            self.records[index].cost.params = params;
            self.records[index].called = false;
        }
    }

    /// Repeats the records from `start` to the end `times` more times, as the records of
    /// the next `times` identical calls: parents inside the run move with it, and the
    /// names of the run's top records (those whose parent is before `start`) advance by
    /// `step` positions per repetition. Counting only (compile time): O(1); recording:
    /// O(records written).
    pub(crate) const fn repeat(&mut self, start: usize, times: usize, step: usize) {
        let size = self.len - start;
        if self.records.is_empty() {
            self.len = self.len.saturating_add(size.saturating_mul(times));
            return;
        }
        let mut k = 1;
        while k <= times {
            let delta = k * size;
            let mut r = start;
            while r < start + size {
                let mut record = self.records[r];
                if record.parent != NO_PARENT && record.parent >= start {
                    record.parent += delta;
                } else {
                    record.name = shifted(record.name, k * step);
                }
                let at = self.reserve();
                self.set(at, record);
                r += 1;
            }
            k += 1;
        }
    }
}

/// A position `by` further on (a field name stays).
const fn shifted(name: Name, by: usize) -> Name {
    match name {
        Name::Field(f) => Name::Field(f),
        Name::Index(i) => Name::Index(i + by),
        Name::Prefixed(p, i) => Name::Prefixed(p, i + by),
    }
}
