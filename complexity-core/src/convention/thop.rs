//! thop 0.1.1's `profile(model, inputs)`: rules by module class. It hooks modules whose
//! class is exactly one of its table's; a module of another class (GELU, an embedding,
//! GPT-2's `Conv1D`, any custom block) is looked into: its children count, its own
//! parameters and operations do not.

use super::Use;
use crate::cost::{flops_product, overflow};
use crate::error::Error;
use crate::layer::pool::PoolKind;
use crate::layer::{ActivationKind, Layer, UpsampleMode, tri};
use crate::shape::Shape;

/// The operations of one call of a module whose body is `layer`, from `input` to
/// `output`, by thop's rule for its class; `None` for a class it has no rule for, and for
/// a module not `hooked` (its class is not exactly the layer's, [`Use::hooked`]):
///
/// - `Conv1d/2d/3d`, `ConvTranspose1d/2d/3d`: `numel(output) · in_channels/groups ·
///   prod(kernel)` (no bias);
/// - `Linear`: `in_features · numel(output)`;
/// - `BatchNorm*d`, `InstanceNorm*d`: `2 · numel(input)`, twice that when affine;
///   `LayerNorm`: the same with `elementwise_affine`;
/// - `PReLU`: `numel(input)`; `Softmax`: `rows · (3·n − 1)` over its dimension of size
///   `n`;
/// - `AvgPool*d`: `numel(output)`; `AdaptiveAvgPool*d`: `(prod(in/out spatial) + 1) ·
///   numel(output)`, in floating point, truncated (thop computes it so);
/// - `Upsample`: `numel(output)` times 1 nearest, 5 linear, 11 bilinear, 259 bicubic, 0
///   otherwise;
/// - 0 for `ReLU`, `ReLU6`, `LeakyReLU`, `Dropout`, the max pools, `ZeroPad2d` and
///   `PixelShuffle`.
///
/// O(rank).
pub(crate) const fn module(
    how: Use,
    layer: &Layer,
    input: Shape,
    output: Shape,
) -> Result<Option<u128>, Error> {
    if !how.hooked() {
        return Ok(None);
    }
    let n_in = match input.checked_numel() {
        Some(n) => n,
        None => return Err(overflow("shape")),
    };
    let n_out = match output.checked_numel() {
        Some(n) => n,
        None => return Err(overflow("shape")),
    };
    Ok(Some(match layer {
        Layer::Conv(c) => {
            let mut k: u128 = 1;
            let mut i = 0;
            while i < c.rank {
                k = tri!(flops_product(&[k, c.kernel.get(i) as u128]));
                i += 1;
            }
            tri!(flops_product(&[
                n_out,
                (input.dim(1) / c.groups) as u128,
                k
            ]))
        }
        Layer::Linear(_) => tri!(flops_product(&[input.dim(input.rank() - 1) as u128, n_out])),
        Layer::BatchNorm(b) => tri!(flops_product(&[2, n_in, if b.affine { 2 } else { 1 }])),
        Layer::LayerNorm(l) => tri!(flops_product(&[
            2,
            n_in,
            if l.elementwise_affine { 2 } else { 1 }
        ])),
        Layer::Activation(a) => match a.kind {
            ActivationKind::PReLU => n_in,
            ActivationKind::Softmax => {
                let d = if a.dim < 0 {
                    a.dim + input.rank() as i64
                } else {
                    a.dim
                };
                let n = input.dim(d as usize) as u128;
                match n_in.checked_div(n) {
                    Some(rows) => tri!(flops_product(&[rows, 3 * n - 1])),
                    None => 0,
                }
            }
            ActivationKind::ReLU
            | ActivationKind::ReLU6
            | ActivationKind::LeakyReLU
            | ActivationKind::Dropout => 0,
            _ => return Ok(None),
        },
        Layer::Pool(p) => {
            if matches!(p.kind, PoolKind::Avg) {
                n_out
            } else {
                0
            }
        }
        Layer::AdaptivePool(p) => {
            if matches!(p.kind, PoolKind::Avg) {
                let mut kernel = 1.0f64;
                let mut k = 2;
                while k < input.rank() {
                    kernel *= input.dim(k) as f64 / output.dim(k) as f64;
                    k += 1;
                }
                let v = (kernel + 1.0) * n_out as f64;
                if v >= u128::MAX as f64 {
                    return Err(overflow("FLOPs"));
                }
                v as u128
            } else {
                0
            }
        }
        Layer::Upsample(u) => tri!(flops_product(&[
            n_out,
            match u.mode {
                UpsampleMode::Nearest => 1,
                UpsampleMode::Linear => 5,
                UpsampleMode::Bilinear => 11,
                UpsampleMode::Bicubic => 259,
                _ => 0,
            }
        ])),
        Layer::PixelShuffle(_) => 0,
        _ => return Ok(None),
    }))
}
