//! The one analysis: a `const fn` walk of a [`Module`] description that propagates shapes
//! and counts parameters, FLOPs and activations.
//!
//! The compiler runs it in `const` items (`#[complexity(input = …)]`) and the run-time
//! [`Report`](crate::report::Report) runs the very same walk with a buffer that records
//! every module call, so a number can never differ between the two.
//!
//! Counting follows mmengine's `get_model_complexity_info`: every op is charged to the
//! module running it and to all its ancestors; an op written in a module's `forward`
//! (the residual `+`) counts for that module only; a module called twice counts both
//! calls; parameters count once per module, however often it is called.
//!
//! The files, one concern each:
//!
//! | file | what |
//! |---|---|
//! | `machine.rs` | the walk: an explicit stack of module calls, arrays analysed once per distinct input |
//! | `ops.rs` | the operations of a `forward` other than child calls: operands, shape and cost rule |
//! | `liveness.rs` | the activation peak of a `forward`, from a last-use table |
//! | `record.rs` | what the run-time report keeps of each call |
//! | `storage.rs` | which storage each value lives in, for the saved-for-backward count |
//! | `keep.rs` | what autograd keeps of each operation step |
//! | `cast.rs` | each step's result dtype and autocast's casts of its operands |
//!
//! # Cost
//!
//! One analysis is O(M + S + O) for M modules analysed, S forward steps and O operands
//! read, with no pass quadratic in anything: an array `[Block; N]` analyses its element
//! until two consecutive elements see the same input (usually one or two), then
//! multiplies, so a 126-layer decoder stack costs one layer. Its memory is fixed: the
//! [`MAX_DEPTH`] frames and [`MAX_SLOTS`] value slots of the machine (386 KB), on
//! the stack of whoever runs it, whatever the model's depth.

use crate::cost::Cost;
use crate::error::Error;
use crate::layer::tri;
use crate::memory::Precision;
use crate::module::Module;
use crate::shape::{DType, Shape};

pub use crate::mode::Mode;

mod cast;
mod keep;
mod liveness;
mod machine;
mod ops;
mod record;
mod storage;

use machine::Machine;
#[cfg_attr(not(feature = "alloc"), allow(unused_imports))]
pub(crate) use record::{Call, NO_PARENT, Record, Recorder};

/// The most values (the inputs plus one per step) a single `forward` program may have.
pub const MAX_VALUES: usize = 512;

/// The most values of all the `forward` programs running at once: a program holds all
/// its values (inputs and one per step, used or not) while a child it calls runs.
pub const MAX_SLOTS: usize = 1024;

/// The most modules nested in one another, the model included: each struct, array,
/// tuple and `sequential` is a level (a `splice`d sequence and a `fragment` add none);
/// the layers at the leaves do not count.
pub const MAX_DEPTH: usize = 128;

/// The most inputs a module's `forward` may take.
pub const MAX_INPUTS: usize = 4;

/// The most values a module's `forward` may return (a tuple).
pub const MAX_OUTPUTS: usize = 4;

/// The totals of a model at one input: what `#[complexity(input = …)]` makes constants of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Totals {
    /// The input shape.
    pub input: Shape,
    /// The output shape.
    pub output: Shape,
    /// Parameters, FLOPs (by op) and activations of the whole model.
    pub cost: Cost,
    /// How the activations were stored: what [`Cost::saved`] counts.
    pub precision: Precision,
}

impl Totals {
    /// The most activation elements alive at once during a forward pass (see
    /// [`Cost::peak_elements`]): the size of a scratch arena, in elements.
    pub const fn peak_elements(&self) -> u128 {
        self.cost.peak_elements
    }

    /// The bytes of all parameters stored as `dtype`: `⌈params · bits / 8⌉`.
    pub const fn param_bytes(&self, dtype: DType) -> u128 {
        dtype.bytes(self.cost.params as u128)
    }

    /// The bytes of the activation peak stored as `dtype`: `⌈peak · bits / 8⌉`.
    pub const fn peak_bytes(&self, dtype: DType) -> u128 {
        dtype.bytes(self.cost.peak_elements)
    }

    /// Parameters.
    pub const fn params(&self) -> u64 {
        self.cost.params
    }

    /// FLOPs (multiply-adds).
    pub const fn flops(&self) -> u128 {
        self.cost.flops
    }

    /// Activations.
    pub const fn activations(&self) -> u64 {
        self.cost.activations
    }
}

/// Analyses `module` on an input of shape `input` (batch included) in `mode`. O(see the
/// module docs).
///
/// This is a `const fn`: in a `const` item, an `Err` becomes a compile error through
/// [`Error::panic`].
pub const fn analyze(module: &'static Module, input: Shape, mode: Mode) -> Result<Totals, Error> {
    analyze_in(module, input, mode, Precision::Uniform)
}

/// [`analyze`] with the activations stored as `precision` says: under
/// [`Precision::Autocast`], the saved-for-backward figures ([`Cost::saved`] and the
/// checkpointing ones) are autocast's; the other figures are [`analyze`]'s. O(as
/// [`analyze`]).
pub const fn analyze_in(
    module: &'static Module,
    input: Shape,
    mode: Mode,
    precision: Precision,
) -> Result<Totals, Error> {
    let mut no_records: [Record; 0] = [];
    let mut no_calls: [Call; 0] = [];
    let mut recorder = Recorder::new(&mut no_records, &mut no_calls);
    let (output, cost) = tri!(walk(module, input, mode, precision, &mut recorder));
    Ok(Totals {
        input,
        output,
        cost,
        precision,
    })
}

/// Calls `module` on `input` as the model, recording every call in `rec`.
pub(crate) const fn walk(
    module: &'static Module,
    input: Shape,
    mode: Mode,
    precision: Precision,
    rec: &mut Recorder<'_>,
) -> Result<(Shape, Cost), Error> {
    Machine::new(mode, precision, rec).run(module, input)
}
