//! One row per operation a `forward` can call as a method (`x.rsqrt()`,
//! `x.mean(-1, true)`): how it is written, its arguments, its shape rule, its cost rule,
//! and what autograd saves for backward.

use crate::ZeroOp;

/// How an argument after the receiver is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Arg {
    /// A tensor of the `forward` (`y` in `x.pow(y)`), or a number literal (`2`, `0.5`),
    /// which broadcasts and holds no elements.
    TensorOrNumber,
    /// A number or string no count depends on (`x.clamp(0.0, 6.0)`, `x.to("bf16")`): any
    /// expression, not evaluated.
    Ignored,
    /// One dimension (`-1` counts from the end): an integer const expression.
    Dim,
    /// Dimensions: one (`1`), or a tuple or array of them (`(1, 2)`, `[-1]`).
    Dims,
    /// A `bool` const expression (`keepdim`).
    Bool,
}

/// One argument of an operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Param {
    /// Its name in PyTorch.
    pub name: &'static str,
    /// How it is written.
    pub kind: Arg,
    /// Whether it may be left out (then PyTorch's default: all dimensions, `false`, …).
    pub optional: bool,
}

/// How an operation's output shape follows from its inputs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ShapeRule {
    /// Elementwise: the inputs broadcast (NumPy / PyTorch rules) and the output has the
    /// broadcast shape; a `Dim` argument must be a dimension of it.
    Elementwise,
    /// A reduction over `dims` (all of them when none are given): each removed, or kept
    /// as 1 with `keepdim`.
    Reduce,
}

/// What autograd saves for the backward pass (PyTorch's `derivatives.yaml` and the
/// modules' forward code), for the memory analysis.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Saved {
    /// Nothing that holds elements (sizes only).
    Nothing,
    /// Its input.
    Input,
    /// Its output.
    Output,
    /// Its input and its output.
    InputAndOutput,
    /// A mask of its input's size (dropout: float32 on CPU, bool on CUDA).
    Mask,
}

/// One operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Op {
    /// How a `forward` calls it: `x.name(args)`.
    pub name: &'static str,
    /// How it reads in full, as the docs and error messages show it.
    pub usage: &'static str,
    /// Its arguments after the receiver, in order.
    pub params: &'static [Param],
    /// Its shape rule.
    pub shape: ShapeRule,
    /// mmengine's cost rule: every operation of this table is one it has no handle for,
    /// so it counts 0 FLOPs, as this kind of [`ZeroOp`].
    pub zero: ZeroOp,
    /// What autograd saves for backward.
    pub saved: Saved,
}

const fn param(name: &'static str, kind: Arg) -> Param {
    Param {
        name,
        kind,
        optional: false,
    }
}

const fn optional(name: &'static str, kind: Arg) -> Param {
    Param {
        name,
        kind,
        optional: true,
    }
}

const fn elementwise(
    name: &'static str,
    usage: &'static str,
    params: &'static [Param],
    zero: ZeroOp,
    saved: Saved,
) -> Op {
    Op {
        name,
        usage,
        params,
        shape: ShapeRule::Elementwise,
        zero,
        saved,
    }
}

/// The arguments of a reduction: `x.sum()`, `x.sum(-1)`, `x.sum((1, 2), true)`.
const REDUCE: &[Param] = &[optional("dim", Arg::Dims), optional("keepdim", Arg::Bool)];

const fn reduction(name: &'static str, zero: ZeroOp, saved: Saved) -> Op {
    Op {
        name,
        usage: "",
        params: REDUCE,
        shape: ShapeRule::Reduce,
        zero,
        saved,
    }
}

use Arg::{Dim, Ignored, TensorOrNumber};
use Saved::{Input, InputAndOutput, Mask, Nothing, Output};

/// Every operation a `forward` calls as a method, by name. Binary operators (`+ - * /`),
/// views (`reshape`, `transpose`, …), `matmul`, `cat` and `split` have rules of their own
/// (see `complexity_core::layer`).
pub const OPS: &[Op] = &[
    elementwise("relu", "x.relu()", &[], ZeroOp::Relu, Output),
    elementwise("relu6", "x.relu6()", &[], ZeroOp::Relu6, Input),
    elementwise(
        "gelu",
        "x.gelu()",
        &[optional("approximate", Ignored)],
        ZeroOp::Gelu,
        Input,
    ),
    elementwise("tanh", "x.tanh()", &[], ZeroOp::Tanh, Output),
    elementwise("sigmoid", "x.sigmoid()", &[], ZeroOp::Sigmoid, Output),
    elementwise("silu", "x.silu()", &[], ZeroOp::Silu, Input),
    elementwise("hardswish", "x.hardswish()", &[], ZeroOp::Hardswish, Input),
    elementwise(
        "hardsigmoid",
        "x.hardsigmoid()",
        &[],
        ZeroOp::Hardsigmoid,
        Input,
    ),
    elementwise("mish", "x.mish()", &[], ZeroOp::Mish, Input),
    elementwise(
        "elu",
        "x.elu(alpha)",
        &[optional("alpha", Ignored)],
        ZeroOp::Elu,
        Input,
    ),
    elementwise(
        "leaky_relu",
        "x.leaky_relu(negative_slope)",
        &[optional("negative_slope", Ignored)],
        ZeroOp::LeakyRelu,
        Input,
    ),
    elementwise(
        "hardtanh",
        "x.hardtanh(min_val, max_val)",
        &[optional("min_val", Ignored), optional("max_val", Ignored)],
        ZeroOp::Hardtanh,
        Input,
    ),
    elementwise(
        "softplus",
        "x.softplus(beta, threshold)",
        &[optional("beta", Ignored), optional("threshold", Ignored)],
        ZeroOp::Softplus,
        Input,
    ),
    elementwise(
        "softmax",
        "x.softmax(dim)",
        &[param("dim", Dim)],
        ZeroOp::Softmax,
        Output,
    ),
    elementwise(
        "log_softmax",
        "x.log_softmax(dim)",
        &[param("dim", Dim)],
        ZeroOp::LogSoftmax,
        Output,
    ),
    elementwise(
        "dropout",
        "x.dropout(p)",
        &[optional("p", Ignored)],
        ZeroOp::Dropout,
        Mask,
    ),
    elementwise(
        "pow",
        "x.pow(exponent)",
        &[param("exponent", TensorOrNumber)],
        ZeroOp::Pow,
        Input,
    ),
    elementwise("sqrt", "x.sqrt()", &[], ZeroOp::Sqrt, Output),
    elementwise("rsqrt", "x.rsqrt()", &[], ZeroOp::Rsqrt, Output),
    elementwise("exp", "x.exp()", &[], ZeroOp::Exp, Output),
    elementwise("log", "x.log()", &[], ZeroOp::Log, Input),
    elementwise("abs", "x.abs()", &[], ZeroOp::Abs, Input),
    elementwise("cos", "x.cos()", &[], ZeroOp::Cos, Input),
    elementwise("sin", "x.sin()", &[], ZeroOp::Sin, Input),
    elementwise("neg", "x.neg() or -x", &[], ZeroOp::Neg, Nothing),
    elementwise(
        "clamp",
        "x.clamp(min, max)",
        &[optional("min", Ignored), optional("max", Ignored)],
        ZeroOp::Clamp,
        Input,
    ),
    elementwise(
        "to",
        "x.to(dtype)",
        &[param("dtype", Ignored)],
        ZeroOp::To,
        Nothing,
    ),
    elementwise("float", "x.float()", &[], ZeroOp::To, Nothing),
    elementwise(
        "tril",
        "x.tril(diagonal)",
        &[optional("diagonal", Ignored)],
        ZeroOp::Tril,
        Nothing,
    ),
    elementwise(
        "triu",
        "x.triu(diagonal)",
        &[optional("diagonal", Ignored)],
        ZeroOp::Triu,
        Nothing,
    ),
    Op {
        usage: "x.mean(dim, keepdim)",
        ..reduction("mean", ZeroOp::Mean, Nothing)
    },
    Op {
        usage: "x.sum(dim, keepdim)",
        ..reduction("sum", ZeroOp::Sum, Nothing)
    },
    Op {
        usage: "x.amax(dim, keepdim)",
        ..reduction("amax", ZeroOp::Amax, InputAndOutput)
    },
    Op {
        usage: "x.amin(dim, keepdim)",
        ..reduction("amin", ZeroOp::Amin, InputAndOutput)
    },
];

/// The row of the operation called `name`, by its index in [`OPS`]. O(rows).
pub const fn find(name: &str) -> Option<usize> {
    let mut i = 0;
    while i < OPS.len() {
        if same(OPS[i].name, name) {
            return Some(i);
        }
        i += 1;
    }
    None
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found() {
        for (i, op) in OPS.iter().enumerate() {
            assert_eq!(find(op.name), Some(i), "{}", op.name);
            assert!(op.usage.starts_with("x."), "{}", op.usage);
        }
        assert_eq!(find("nope"), None);
    }
}
