//! The dtype of each step's result and autocast's policy for it (see
//! [`memory::Precision`](crate::memory::Precision)): the operation table's `dtype` and
//! `autocast` columns, the layer families' policies, and the weights' half-precision
//! copies. O(1) per step.

use super::storage::{Cast, Ref, Storages, promoted};
use crate::error::Error;
use crate::layer::{Layer, tri};
use crate::memory::autocast::{Dt, keeps_input_dtype, keeps_weight, layer_policy, weights_dtype};
use crate::memory::saved::Saved;
use crate::memory::{Device, Precision};
use crate::module::{DtypeArg, Step};
use crate::ops::{Dtype, OPS, Policy};
use crate::shape::Shape;

/// A layer module's cast, its input of dtype `input`: its family's policy, its result in
/// its input's dtype (or its weights', an embedding's; or float32 under autocast's
/// float32 policy). O(1).
pub(crate) const fn layer_cast<'a>(
    layer: &Layer,
    precision: Precision,
    input: Dt,
    shapes: &'a [Shape],
) -> Cast<'a> {
    let policy = match precision {
        Precision::Autocast(device) => layer_policy(layer, device),
        Precision::Uniform => {
            return Cast {
                policy: Policy::Input,
                out: None,
                shapes,
            };
        }
    };
    Cast {
        policy,
        out: if weights_dtype(layer) {
            Some(precision.float())
        } else if keeps_input_dtype(layer) {
            Some(input)
        } else {
            None
        },
        shapes,
    }
}

/// The half-precision copy of a layer module's weight that autograd keeps under
/// autocast, on the module's first call (autocast casts a parameter once per forward):
/// `numel(weight)` activations when the layer keeps its weight, else nothing. O(1).
pub(crate) const fn weight_copy(
    layer: &Layer,
    precision: Precision,
    input_grad: bool,
) -> Result<Saved, Error> {
    if matches!(precision, Precision::Uniform) || !keeps_weight(layer, input_grad) {
        return Ok(Saved::ZERO);
    }
    let params = tri!(layer.params());
    let tensors = params.tensors();
    if tensors.is_empty() {
        return Ok(Saved::ZERO);
    }
    match tensors[0].1.checked_numel() {
        Some(n) => Ok(Saved::activations(n)),
        None => Err(crate::cost::overflow("saved elements")),
    }
}

/// The cast of operation step `step` of the program whose values start at `base` in
/// `storage`, its tensor operands of shapes `shapes`: the table's columns for an
/// operation (an explicit `dtype` argument makes it ineligible for autocast, as in
/// PyTorch), lower precision for the matrix products, promotion for `cat`, the layer
/// family's policy for a functional layer. O(1).
pub(crate) const fn step_cast<'a>(
    step: &Step,
    storage: &Storages,
    base: usize,
    shapes: &'a [Shape],
) -> Result<Cast<'a>, Error> {
    let precision = storage.precision;
    let mut cast = Cast {
        policy: Policy::Input,
        out: None,
        shapes,
    };
    // One dtype: nothing is cast, and no count reads a dtype.
    let device = match precision {
        Precision::Autocast(device) => device,
        Precision::Uniform => return Ok(cast),
    };
    match *step {
        Step::Op { op, dtype, .. } | Step::OpSized { op, dtype, .. } if op < OPS.len() => {
            let row = &OPS[op];
            cast.policy = match device {
                Device::Cpu => row.autocast.cpu,
                Device::Cuda => row.autocast.cuda,
            };
            cast.out = match row.dtype {
                Dtype::Promoted => None,
                Dtype::Float32 => Some(precision.float()),
                Dtype::Half => Some(precision.half()),
                Dtype::Integer => Some(Dt::Int),
                Dtype::Selected => Some(selected(step, storage, base, shapes, precision)),
                Dtype::Argument => match dtype {
                    DtypeArg::Unset => None,
                    DtypeArg::Float32 => Some(precision.float()),
                    DtypeArg::Half => Some(precision.half()),
                    DtypeArg::Integer => Some(Dt::Int),
                    DtypeArg::Of(v) => Some(storage.get(base + v).dt),
                },
            };
            if cast.out.is_some() {
                cast.policy = Policy::Input;
            }
        }
        Step::New { dtype, .. } => {
            cast.out = Some(match dtype {
                DtypeArg::Integer => Dt::Int,
                DtypeArg::Half => precision.half(),
                DtypeArg::Of(v) => storage.get(base + v).dt,
                DtypeArg::Unset | DtypeArg::Float32 => precision.float(),
            });
        }
        Step::MatMul { .. } | Step::Einsum { .. } => cast.policy = Policy::Lower,
        Step::Cat { .. } if matches!(device, Device::Cpu) => cast.policy = Policy::Promote,
        Step::Layer { layer, .. } => {
            let input = storage_dt_of_first(storage, step, base);
            cast = layer_cast(layer, precision, input, shapes);
        }
        Step::Weighted { layer, .. } => {
            let input = storage_dt_of_first(storage, step, base);
            cast = layer_cast(layer, precision, input, shapes);
            // Batch or layer norm with its weights as operands: its input's dtype.
            if matches!(cast.policy, Policy::Input) && cast.out.is_none() && !shapes.is_empty() {
                cast.out = Some(input);
            }
        }
        _ => {}
    }
    Ok(cast)
}

/// `where(cond, a, b)`'s dtype: `a`'s and `b`'s (those written as tensors, operands 1
/// on) promoted, float32 when they are numbers or integers. O(operands).
const fn selected(
    step: &Step,
    storage: &Storages,
    base: usize,
    shapes: &[Shape],
    precision: Precision,
) -> Dt {
    let mut refs = [Ref::never(false); 4];
    let mut n = 0;
    let mut k = 1;
    while k < shapes.len() && n < refs.len() {
        if let Some(w) = super::ops::operand(step, k) {
            refs[n] = storage.get(base + w);
            n += 1;
        }
        k += 1;
    }
    let (_, values) = shapes.split_at(if shapes.is_empty() { 0 } else { 1 });
    match promoted(refs.split_at(n).0, values) {
        Dt::Int => precision.float(),
        dt => dt,
    }
}

/// The dtype of `step`'s first operand. O(1).
const fn storage_dt_of_first(storage: &Storages, step: &Step, base: usize) -> Dt {
    match super::ops::operand(step, 0) {
        Some(w) => storage.get(base + w).dt,
        None => Dt::Act,
    }
}
