//! torchinfo 1.8's mult-adds of a leaf module's call: a rule on its parameter tensors'
//! names and its output's shape (`LayerInfo.calculate_macs`).

use crate::cost::{flops_product, overflow};
use crate::error::Error;
use crate::layer::tri;
use crate::ops::same_str;
use crate::shape::Shape;

/// torchinfo's `macs` for one parameter tensor `name` of `numel` elements of one call of
/// a module with no child module, of class `class`, giving `output` (a module's figure is
/// the sum over its tensors, a tied weight included, as its `named_parameters()` lists
/// them): `weight` or `bias` counts `numel · output[0]`, or, when the class name
/// contains `Conv` (`Conv2d`, GPT-2's `Conv1D`), `numel · output[0] · prod(output[2..])`;
/// another name containing `weight` or `bias` counts `numel · prod(output[..2])`; other
/// tensors (ViT's `class_token`) nothing. So a linear layer on `[1, 128, 768]` counts its
/// parameters once: torchinfo's figure is no FLOP count, but it is what it prints.
/// O(rank + name).
pub(crate) const fn tensor(
    class: &str,
    name: &str,
    shape: Shape,
    output: Shape,
) -> Result<u128, Error> {
    let per = if same_str(name, "weight") || same_str(name, "bias") {
        tri!(own_factor(class, output))
    } else if weight_or_bias(name) {
        tri!(named_factor(output))
    } else {
        return Ok(0);
    };
    match shape.checked_numel() {
        Some(n) => flops_product(&[n, per]),
        None => Err(overflow("shape")),
    }
}

/// `total` plus [`tensor`]'s figure of one more tensor, checked. O(rank + name).
pub(crate) const fn add(
    total: u128,
    class: &str,
    name: &str,
    shape: Shape,
    output: Shape,
) -> Result<u128, Error> {
    match total.checked_add(tri!(tensor(class, name, shape, output))) {
        Some(v) => Ok(v),
        None => Err(overflow("FLOPs")),
    }
}

/// What each element of a tensor named `weight` or `bias` counts: `output[0]`, times
/// `prod(output[2..])` when the class name contains `Conv`. O(rank).
const fn own_factor(class: &str, output: Shape) -> Result<u128, Error> {
    let dims = output.dims();
    let mut per = if dims.is_empty() { 1 } else { dims[0] as u128 };
    if contains(class, "Conv") {
        let mut k = 2;
        while k < dims.len() {
            per = tri!(flops_product(&[per, dims[k] as u128]));
            k += 1;
        }
    }
    Ok(per)
}

/// What each element of a tensor whose name only contains `weight` or `bias` (a child's
/// `conv1.weight`) counts: `prod(output[..2])`. O(1).
pub(crate) const fn named_factor(output: Shape) -> Result<u128, Error> {
    let dims = output.dims();
    match dims.len() {
        0 => Ok(1),
        1 => Ok(dims[0] as u128),
        _ => flops_product(&[dims[0] as u128, dims[1] as u128]),
    }
}

/// Whether torchinfo's `"weight" in name or "bias" in name` holds. O(name).
pub(crate) const fn weight_or_bias(name: &str) -> bool {
    contains(name, "weight") || contains(name, "bias")
}

/// Whether `text` contains `part`. O(len · part).
pub(crate) const fn contains(text: &str, part: &str) -> bool {
    let (t, p) = (text.as_bytes(), part.as_bytes());
    if p.len() > t.len() {
        return false;
    }
    let mut i = 0;
    while i + p.len() <= t.len() {
        let mut j = 0;
        while j < p.len() && t[i + j] == p[j] {
            j += 1;
        }
        if j == p.len() {
            return true;
        }
        i += 1;
    }
    false
}
