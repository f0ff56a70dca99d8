//! Counting conventions: whose number a FLOP figure is. The analysis counts each
//! operation by mmengine's rules, by kind ([`Cost::flops_by_op`]), so other tools'
//! totals that keep or drop whole kinds follow from the same walk.

use crate::cost::{Cost, OpKind};

/// What one unit of a figure is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Unit {
    /// Multiply-adds (MACs): one per `a·b + c`.
    MultiplyAdds,
    /// Floating-point operations: 2 per multiply-add.
    Flops,
}

impl Unit {
    /// `"multiply-adds"` or `"FLOPs"`.
    pub const fn name(self) -> &'static str {
        match self {
            Unit::MultiplyAdds => "multiply-adds",
            Unit::Flops => "FLOPs",
        }
    }
}

/// A tool's counting convention.
///
/// | convention | tool | unit | counts |
/// |---|---|---|---|
/// | [`Mmengine`](Convention::Mmengine) | mmengine's `get_model_complexity_info` (the default) | multiply-adds | every rule of [`layer`](crate::layer): convolutions, linear layers and matrix products without bias; batch norm `5·numel` in training (`4` without affine), `2·numel` in eval (`1`); layer, group and instance norm `5·numel` (`4`); 2-d adaptive average pooling `numel(input)`; nearest and bilinear upsampling `1` and `4 · numel(output)` |
/// | [`Fvcore`](Convention::Fvcore) | fvcore's `FlopCountAnalysis` | multiply-adds | mmengine's rules (mmengine's analysis is fvcore's code); its figure of a model in eval mode is mmengine's eval figure |
/// | [`TorchFlopCounter`](Convention::TorchFlopCounter) | `torch.utils.flop_counter.FlopCounterMode` | FLOPs | `2 ·` the multiply-adds of convolutions, linear layers (no bias) and matrix products (`matmul`, `mm`, `bmm`, `addmm`, `baddbmm`, `einsum`); nothing else (no norm, pool or activation) |
/// | [`CalflopsMacs`](Convention::CalflopsMacs) | calflops' `calculate_flops(…)` MACs | multiply-adds | the same operations as `FlopCounterMode`, once each |
///
/// Reproduced exactly, for all 15 reference models, against each tool's own total
/// (`tests/conventions.rs`). torchinfo's total mult-adds, a rule on modules rather than
/// operations, is [`Report::torchinfo_mult_adds`](crate::report::Report::torchinfo_mult_adds)
/// (exact for the 15 too), and thop's `(macs, params)`, rules on module classes, are
/// [`Report::thop`](crate::report::Report::thop) (exact for the 15). ptflops and
/// calflops' FLOPs count elementwise operations and biases by rules of their own and are
/// not provided.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Convention {
    /// mmengine's `get_model_complexity_info`: the analysis's own figure.
    #[default]
    Mmengine,
    /// fvcore's `FlopCountAnalysis`.
    Fvcore,
    /// `torch.utils.flop_counter.FlopCounterMode`.
    TorchFlopCounter,
    /// calflops' MACs.
    CalflopsMacs,
}

impl Convention {
    /// Every convention, in the order of the table above.
    pub const ALL: [Convention; 4] = [
        Convention::Mmengine,
        Convention::Fvcore,
        Convention::TorchFlopCounter,
        Convention::CalflopsMacs,
    ];

    /// The tool's name.
    pub const fn name(self) -> &'static str {
        match self {
            Convention::Mmengine => "mmengine",
            Convention::Fvcore => "fvcore",
            Convention::TorchFlopCounter => "torch FlopCounterMode",
            Convention::CalflopsMacs => "calflops (MACs)",
        }
    }

    /// The unit of its figures.
    pub const fn unit(self) -> Unit {
        match self {
            Convention::TorchFlopCounter => Unit::Flops,
            _ => Unit::MultiplyAdds,
        }
    }

    /// The figure of `cost` (one module's, or a model's totals) in this convention:
    /// mmengine's and fvcore's `cost.flops`; for `FlopCounterMode`
    /// `2 · (conv + linear + addmm + matmul + bmm + mm + einsum + baddbmm)` of
    /// [`Cost::flops_by_op`] and [`Cost::other_macs`], for calflops' MACs the same sum
    /// once. Saturates at `u128::MAX` (each term is at most a checked total). O(kinds).
    pub const fn flops(self, cost: &Cost) -> u128 {
        match self {
            Convention::Mmengine | Convention::Fvcore => cost.flops,
            Convention::TorchFlopCounter => products(cost).saturating_mul(2),
            Convention::CalflopsMacs => products(cost),
        }
    }
}

/// The multiply-adds of convolutions, linear layers and matrix products.
const fn products(cost: &Cost) -> u128 {
    const KINDS: [OpKind; 7] = [
        OpKind::Conv,
        OpKind::Linear,
        OpKind::Addmm,
        OpKind::Matmul,
        OpKind::Bmm,
        OpKind::Mm,
        OpKind::Einsum,
    ];
    let mut n = cost.other_macs;
    let mut k = 0;
    while k < KINDS.len() {
        n = n.saturating_add(cost.flops_of(KINDS[k]));
        k += 1;
    }
    n
}
