//! Counting conventions: whose number a FLOP figure is. The analysis counts each
//! operation by mmengine's rules, by kind ([`Cost::flops_by_op`]), so other tools'
//! totals that keep or drop whole kinds follow from the same walk.

mod thop;
pub(crate) mod torchinfo;
mod usage;

pub(crate) use thop::module as thop_module;
pub(crate) use torchinfo::add as torchinfo_add;

pub(crate) use usage::{Use, elementwise, function, module_use, multihead_attention, product};

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
/// | [`Ptflops`](Convention::Ptflops) | ptflops 0.7.5's `get_model_complexity_info(…, backend = "pytorch")` | multiply-adds | hooks on modules of its classes, by exact class (a subclass, as torchvision's `Conv3DSimple`, is not hooked): convolutions and `nn.Linear` with their bias (`+ numel(output)`); batch, instance and group norm `numel · (2 if affine else 1)`, layer norm `numel`; `nn.ReLU`, `ReLU6`, `ELU`, `LeakyReLU`, `PReLU`, `GELU` `numel`; every pool `numel(input)`; `nn.Upsample` `numel(output) / N`; `nn.MultiheadAttention` its own formula (for a module of that class computing self-attention on `[N, L, E]`, `batch_first = True` as torchvision's ViT: see the ViT example). Plus the functions it replaces, wherever called: `F.relu`, `F.gelu`, `F.silu`, `F.elu`, `F.relu6`, `F.prelu`, `F.softmax` `numel(input)`; the pools' `F.` functions `numel(input)` (so a pool module counts twice, as do `nn.ReLU`, `nn.GELU`, `nn.ELU`, whose `forward` calls them); `F.interpolate`; `torch.matmul`, `bmm`, `mm` `numel(a) · b[-1]`; `addmm`, `torch.baddbmm` that plus `numel(input)`. Not `F.linear`, `F.conv*`, the norms' functions, nor `+`, `*`, `@` |
/// | [`CalflopsFlops`](Convention::CalflopsFlops) | calflops 0.3.2's `calculate_flops(…)` FLOPs | FLOPs | the functions it replaces, wherever called (no module hooks): `F.linear` `2 · macs` (no bias); `F.conv*` `2 · macs + numel(output)` with a bias; `F.batch_norm` `numel · (2 if affine else 1)` in eval, `· (5 or 4)` in training, `F.layer_norm`, `F.group_norm`, `F.instance_norm` `numel · (5 if affine else 4)`; `F.relu`, `F.gelu`, `F.silu`, `F.elu`, `F.leaky_relu`, `F.relu6`, `F.prelu`, `F.softmax`, the pools' functions `numel(input)`; `F.interpolate` `prod(size)` or `numel(input)`; `torch.matmul` `2 · numel(a) · b[-1]`; `addmm`, `torch.baddbmm` that plus `numel(input)`; `torch.einsum` numpy's estimate. Not `bmm`, `mm`, `F.hardtanh` (`nn.ReLU6`), nor `+`, `*`, `@` |
/// | [`CalflopsMacs`](Convention::CalflopsMacs) | calflops' MACs | multiply-adds | the multiply-adds of the functions above that have them: `F.linear`, `F.conv*`, `torch.matmul`, `addmm`, `torch.baddbmm` (not `bmm`, `mm`, `torch.einsum`) |
/// | [`Thop`](Convention::Thop) | thop 0.1.1's `profile(model, inputs)` | multiply-adds | hooks on modules of its classes, by exact class, each call: convolutions `numel(output) · C_in/groups · prod(kernel)` (no bias), `nn.Linear` `in_features · numel(output)`, batch, instance and layer norm `2 · numel` (`4 ·` when affine), `PReLU` `numel`, `Softmax` `rows · (3n − 1)`, average pools `numel(output)`, adaptive average pools `(prod(in/out) + 1) · numel(output)` (in floating point, truncated), `Upsample` `numel(output)` times 1, 5, 11 or 259 (nearest, linear, bilinear, bicubic); `ReLU`, `ReLU6`, `LeakyReLU`, `Dropout`, max pools, `PixelShuffle` 0. A module of another class (GELU, an embedding, GPT-2's `Conv1D`, r3d_18's `Conv3DSimple`, any custom block) is looked into: its children count, its own operations and parameters do not; its parameters are those of the hooked modules that ran |
/// | [`Torchinfo`](Convention::Torchinfo) | torchinfo 1.8's `Total mult-adds` | multiply-adds | for each call of a module with no child module, each parameter tensor named `weight` or `bias` counts `numel · output[0]` (`· prod(output[2..])` when the class name contains `Conv`), another name with `weight` or `bias` in it `numel · prod(output[..2])`: a linear layer on `[1, 128, 768]` counts its parameters once, GPT-2's `Conv1D` at every position. Its rows, totals and table: [`Report::summary`](crate::report::Report::summary) |
///
/// Reproduced exactly, for all 15 reference models, against each tool's own total
/// (`tests/conventions.rs`). The tools that replace PyTorch's functions (ptflops,
/// calflops) see an operation only as the model's code spells it, so a description counts
/// for them only when it is spelled as PyTorch's code is: `F.softmax(x, -1)` (or
/// `nn.functional.softmax`) where the code calls the function, `x.softmax(-1)` where it
/// calls the method; `matmul(a, b)` is `torch.matmul` (a Python `a @ b`, which neither
/// sees, cannot be written); binary operators (`+`, `*`) are never counted (neither sees
/// Python's operators; `torch.add` is not in the language). A layer module runs PyTorch's
/// own `forward` unless its class is transformers' `GELUActivation`, whose `forward`
/// calls a function bound when it was built, which neither tool sees.
///
/// thop and torchinfo count module calls, by the module's class and parameters: a
/// description counts for them as it names its modules' classes (`class = "…"`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Convention {
    /// mmengine's `get_model_complexity_info`: the analysis's own figure.
    #[default]
    Mmengine,
    /// fvcore's `FlopCountAnalysis`.
    Fvcore,
    /// `torch.utils.flop_counter.FlopCounterMode`.
    TorchFlopCounter,
    /// ptflops' multiply-adds.
    Ptflops,
    /// calflops' FLOPs.
    CalflopsFlops,
    /// calflops' MACs.
    CalflopsMacs,
    /// thop's multiply-adds.
    Thop,
    /// torchinfo's mult-adds.
    Torchinfo,
}

impl Convention {
    /// Every convention, in the order of the table above.
    pub const ALL: [Convention; 8] = [
        Convention::Mmengine,
        Convention::Fvcore,
        Convention::TorchFlopCounter,
        Convention::Ptflops,
        Convention::CalflopsFlops,
        Convention::CalflopsMacs,
        Convention::Thop,
        Convention::Torchinfo,
    ];

    /// The tool's name.
    pub const fn name(self) -> &'static str {
        match self {
            Convention::Mmengine => "mmengine",
            Convention::Fvcore => "fvcore",
            Convention::TorchFlopCounter => "torch FlopCounterMode",
            Convention::Ptflops => "ptflops",
            Convention::CalflopsFlops => "calflops (FLOPs)",
            Convention::CalflopsMacs => "calflops (MACs)",
            Convention::Thop => "thop",
            Convention::Torchinfo => "torchinfo",
        }
    }

    /// The unit of its figures.
    pub const fn unit(self) -> Unit {
        match self {
            Convention::TorchFlopCounter | Convention::CalflopsFlops => Unit::Flops,
            _ => Unit::MultiplyAdds,
        }
    }

    /// The figure of `cost` (one module's, or a model's totals) in this convention:
    /// mmengine's and fvcore's `cost.flops`; for `FlopCounterMode`
    /// `2 · (conv + linear + addmm + matmul + bmm + mm + einsum + baddbmm)` of
    /// [`Cost::flops_by_op`] and [`Cost::other_macs`] (saturating at `u128::MAX`; each
    /// term is at most a checked total); for ptflops, calflops, thop and torchinfo their
    /// figures, [`Cost::tools`]. O(kinds).
    pub const fn flops(self, cost: &Cost) -> u128 {
        match self {
            Convention::Mmengine | Convention::Fvcore => cost.flops,
            Convention::TorchFlopCounter => products(cost).saturating_mul(2),
            Convention::Ptflops => cost.tools.ptflops,
            Convention::CalflopsFlops => cost.tools.calflops,
            Convention::CalflopsMacs => cost.tools.calflops_macs,
            Convention::Thop => cost.tools.thop,
            Convention::Torchinfo => cost.tools.torchinfo,
        }
    }

    /// The parameters the tool reports: all of them for mmengine, fvcore and
    /// `FlopCounterMode` (which reports none; the model's are given); the trainable ones
    /// (`params − frozen`, as `sum(p.numel() for p in model.parameters() if
    /// p.requires_grad)`) for ptflops and calflops; for thop, those of the modules it
    /// hooks; for torchinfo the model's, once each (its own `Total params` counts a weight
    /// tied between two modules that both run twice:
    /// [`Summary::total_params`](crate::report::Summary::total_params)). O(1).
    pub const fn params(self, cost: &Cost) -> u64 {
        match self {
            Convention::Ptflops | Convention::CalflopsFlops | Convention::CalflopsMacs => {
                cost.params - cost.frozen
            }
            Convention::Thop => cost.tools.thop_params,
            _ => cost.params,
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
