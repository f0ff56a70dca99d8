//! thop's `profile(model, inputs)`: its module rules, on the report's modules.

use super::{ModuleStats, Report};
use crate::layer::{ActivationKind, Layer, UpsampleMode};

impl Report {
    /// thop 0.1.1's `profile(model, (x,))`: `(macs, params)`, as it counts them in eval
    /// mode. It hooks modules by exact class: `Conv1d/2d/3d` and the transposed ones
    /// (`numel(output) · in_channels/groups · prod(kernel)`, no bias), `Linear`
    /// (`in_features · numel(output)`), `BatchNorm*d`, `LayerNorm`, `InstanceNorm*d`
    /// (`2 · numel(input)`, twice that when affine), `PReLU` (`numel(input)`), `Softmax`
    /// (`rows · (3·n − 1)` over its dimension of size `n`), `AvgPool*d`
    /// (`numel(output)`), `AdaptiveAvgPool*d` (`(prod(in/out spatial) + 1) ·
    /// numel(output)`, in floating point, truncated), `Upsample` (`numel(output)` times
    /// 1 nearest, 5 linear, 11 bilinear, 259 bicubic, 0 otherwise), and 0 for ReLU,
    /// ReLU6, LeakyReLU, Dropout, the max pools, `ZeroPad2d` and `PixelShuffle`. A
    /// module of another class (GELU, an embedding, GPT-2's `Conv1D`, any custom block)
    /// is looked into: its children count, its own parameters and operations do not.
    /// A hooked module counts its operations at every call and all its parameters, if
    /// called. Exact for the 15 reference models (`tests/conventions.rs`). O(modules).
    pub fn thop(&self) -> (u128, u64) {
        walk(self.model())
    }
}

/// A module's `(ops, params)` by thop's depth-first count.
fn walk(m: ModuleStats<'_>) -> (u128, u64) {
    let (mut ops, mut params) = (0u128, 0u64);
    for c in m.children() {
        let (o, p) = match rule(&c) {
            Some(per_call) if !matches!(c.class(), "Sequential" | "ModuleList") => {
                if c.calls() == 0 {
                    (0, 0)
                } else {
                    let params = c
                        .all_layer_parameters()
                        .iter()
                        .map(|(_, s)| s.checked_numel().unwrap_or(0) as u64)
                        .sum();
                    (per_call.saturating_mul(c.calls() as u128), params)
                }
            }
            _ => walk(c),
        };
        ops = ops.saturating_add(o);
        params = params.saturating_add(p);
    }
    (ops, params)
}

/// The operations of one call of `m` by thop's rule for its class, if it has one.
fn rule(m: &ModuleStats<'_>) -> Option<u128> {
    let (Some(input), Some(output)) = (m.input(), m.output()) else {
        return Some(0);
    };
    let numel = |s: crate::shape::Shape| s.checked_numel().unwrap_or(0);
    let class = m.class();
    let layer = m.layer()?;
    Some(match (class, layer) {
        (
            "Conv1d" | "Conv2d" | "Conv3d" | "ConvTranspose1d" | "ConvTranspose2d"
            | "ConvTranspose3d",
            Layer::Conv(c),
        ) => {
            let k: u128 = (0..c.rank).map(|i| c.kernel.get(i) as u128).product();
            numel(output) * (input.dim(1) / c.groups) as u128 * k
        }
        ("Linear", Layer::Linear(_)) => input.dim(input.rank() - 1) as u128 * numel(output),
        (
            "BatchNorm1d" | "BatchNorm2d" | "BatchNorm3d" | "InstanceNorm1d" | "InstanceNorm2d"
            | "InstanceNorm3d",
            Layer::BatchNorm(b),
        ) => 2 * numel(input) * if b.affine { 2 } else { 1 },
        ("LayerNorm", Layer::LayerNorm(l)) => {
            2 * numel(input) * if l.elementwise_affine { 2 } else { 1 }
        }
        ("PReLU", _) => numel(input),
        ("Softmax", Layer::Activation(a)) if matches!(a.kind, ActivationKind::Softmax) => {
            let d = if a.dim < 0 {
                a.dim + input.rank() as i64
            } else {
                a.dim
            };
            let n = input.dim(d as usize) as u128;
            (numel(input) / n) * (3 * n - 1)
        }
        ("AvgPool1d" | "AvgPool2d" | "AvgPool3d", _) => numel(output),
        ("AdaptiveAvgPool1d" | "AdaptiveAvgPool2d" | "AdaptiveAvgPool3d", _) => {
            let mut kernel = 1.0f64;
            for k in 2..input.rank() {
                kernel *= input.dim(k) as f64 / output.dim(k) as f64;
            }
            ((kernel + 1.0) * numel(output) as f64) as u128
        }
        ("Upsample", Layer::Upsample(u)) => {
            numel(output)
                * match u.mode {
                    UpsampleMode::Nearest => 1,
                    UpsampleMode::Linear => 5,
                    UpsampleMode::Bilinear => 11,
                    UpsampleMode::Bicubic => 259,
                    _ => 0,
                }
        }
        (
            "ReLU" | "ReLU6" | "LeakyReLU" | "Dropout" | "MaxPool1d" | "MaxPool2d" | "MaxPool3d"
            | "AdaptiveMaxPool1d" | "AdaptiveMaxPool2d" | "AdaptiveMaxPool3d" | "ZeroPad2d"
            | "PixelShuffle",
            _,
        ) => 0,
        _ => return None,
    })
}
