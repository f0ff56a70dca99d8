//! The operation table of `complexity-core`'s forward language, shared by the derive
//! (which reads each operation's spelling and arguments) and the analysis (which applies
//! its shape rule and counts it): adding an operation is one row of [`OPS`] (and, for a
//! new kind of zero-cost operation, one line of [`ZeroOp`]).
//!
//! Depend on `complexity-core`, which re-exports what users need.
#![no_std]

mod table;
mod zero;

pub use table::{
    Arg, Autocast, CostRule, Dtype, OPS, Op, Param, Policy, Saved, Seen, ShapeRule, Spelling,
    Tools, find, same_str,
};
pub use zero::ZeroOp;
