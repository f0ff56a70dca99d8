//! What the walk records of each module call, for the run-time report: nothing at compile
//! time (an empty buffer, only counted), one [`Record`] per call at run time.

use crate::cost::Cost;
use crate::error::Name;
use crate::layer::Layer;
use crate::shape::Shape;

/// The parent index of the model's own record.
pub(crate) const NO_PARENT: usize = usize::MAX;

/// One call of one module, as the walk meets it (pre-order), or a module that is never
/// called (`called == false`, with its parameters only). The identical calls of an array's
/// elements share one [`Call`].
// Only the run-time report (feature `alloc`) reads the records back.
#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
#[derive(Clone, Copy, Debug)]
pub(crate) struct Record {
    /// The index of the parent's record, [`NO_PARENT`] for the model.
    pub parent: usize,
    /// The name under the parent.
    pub name: Name,
    /// What the call gave: an index into the recorder's calls.
    pub call: usize,
    /// Whether the module itself ran; `false` for a child that is never called or whose
    /// weights a parent uses functionally (mmengine's `N/A`).
    pub called: bool,
}

/// What one call gave.
#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
#[derive(Clone, Copy, Debug)]
pub(crate) struct Call {
    /// The layer with the sizes it inferred, for a layer.
    pub layer: Option<Layer>,
    /// The input shape.
    pub input: Shape,
    /// The output shape.
    pub output: Shape,
    /// What this call cost, children included (params only on the module's first call).
    pub cost: Cost,
}

#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
impl Record {
    pub(crate) const EMPTY: Record = Record {
        parent: NO_PARENT,
        name: Name::Index(0),
        call: 0,
        called: false,
    };
}

#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
impl Call {
    pub(crate) const EMPTY: Call = Call {
        layer: None,
        input: Shape::SCALAR,
        output: Shape::SCALAR,
        cost: Cost::ZERO,
    };
}

/// Where the walk writes its records: nowhere at compile time (an empty buffer), a buffer
/// of the right size at run time. It counts the records either way (saturating: a count
/// past `usize::MAX` cannot be recorded anyway).
pub(crate) struct Recorder<'a> {
    records: &'a mut [Record],
    calls: &'a mut [Call],
    len: usize,
    calls_len: usize,
}

impl<'a> Recorder<'a> {
    pub(crate) const fn new(records: &'a mut [Record], calls: &'a mut [Call]) -> Recorder<'a> {
        Recorder {
            records,
            calls,
            len: 0,
            calls_len: 0,
        }
    }

    /// The number of records met so far.
    pub(crate) const fn len(&self) -> usize {
        self.len
    }

    /// The number of calls met so far (records repeated by [`Recorder::repeat`] share
    /// theirs).
    #[cfg_attr(not(feature = "alloc"), allow(dead_code))]
    pub(crate) const fn calls_len(&self) -> usize {
        self.calls_len
    }

    /// The indices of the next record and of its call. O(1).
    pub(crate) const fn reserve(&mut self) -> (usize, usize) {
        self.len = self.len.saturating_add(1);
        self.calls_len = self.calls_len.saturating_add(1);
        (self.len - 1, self.calls_len - 1)
    }

    /// Writes record `index` and its call, if the buffers hold them. O(1).
    pub(crate) const fn set(&mut self, index: usize, record: Record, call: Call) {
        if index < self.records.len() && record.call < self.calls.len() {
            self.records[index] = record;
            self.calls[record.call] = call;
        }
    }

    /// Marks a record as a module that did not run itself: it keeps its parameters only.
    pub(crate) const fn uncall(&mut self, index: usize) {
        if index < self.records.len() {
            let call = self.records[index].call;
            let params = self.calls[call].cost.params;
            self.calls[call].cost = Cost::ZERO;
            self.calls[call].cost.params = params;
            self.records[index].called = false;
        }
    }

    /// Repeats the records from `start` to the end `times` more times, as the records of
    /// the next `times` identical calls (sharing their calls): parents inside the run
    /// move with it, and the names of the run's top records (those whose parent is before
    /// `start`) advance by `step` positions per repetition. Counting only (compile time):
    /// O(1); recording: O(records written).
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
                let at = self.len;
                self.len += 1;
                if at < self.records.len() {
                    self.records[at] = record;
                }
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
