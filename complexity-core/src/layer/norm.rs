//! Normalization: `batch_norm1d`, `batch_norm2d`, `batch_norm3d`, `instance_norm1d`,
//! `instance_norm2d`, `instance_norm3d` (a batch norm's rules over each sample),
//! `layer_norm`, `rms_norm`, `group_norm`.

use super::{Applied, Layer, Params, check_declared, known, nonzero, numel, tri};
use crate::cost::{Cost, OpKind, ZeroOp, flops_product};
use crate::error::{Error, ErrorKind};
use crate::memory::saved::{Keep, Saved, elems};
use crate::mode::Mode;
use crate::shape::Shape;

/// `(5 if affine else 4)`: the FLOPs per element of a normalization in training mode
/// (mean, variance, normalize, and the affine scale and shift), mmengine's rule.
const fn training_factor(affine: bool) -> u128 {
    if affine { 5 } else { 4 }
}

/// `nn.BatchNorm{1,2,3}d(num_features, eps, momentum, affine, track_running_stats)` on
/// `[N, C]` or `[N, C, L]` (1d), `[N, C, H, W]` (2d), `[N, C, D, H, W]` (3d).
///
/// - output: the input shape;
/// - params: with `affine`, weight `C` and bias `C` (running mean and variance are buffers,
///   not parameters);
/// - FLOPs (op `batch_norm`), mmengine's rule:
///   - [`Mode::Train`], or any mode without `track_running_stats`: `numel(input) · (5 if affine else 4)`;
///   - [`Mode::Eval`] with running stats: `numel(input) · (2 if affine else 1)`;
/// - activations: 0 (mmengine counts activations of convolutions, linear layers and
///   matrix products only).
///
/// `num_features` may be omitted (inferred from the input's `C`) or given (then checked).
///
/// With `instance`, `nn.InstanceNorm{1,2,3}d` (see [`BatchNorm::instance_norm2d`]): on
/// `[N, C, *spatial]` or `[C, *spatial]`; `affine` and `track_running_stats` default to
/// false; FLOPs (op `instance_norm`) `numel(input) · (5 if affine else 4)` in either mode,
/// mmengine's rule (measured: `InstanceNorm2d(4)` on `[2, 4, 8, 8]` 2,048, affine 2,560).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct BatchNorm {
    /// 1, 2 or 3 spatial dimensions: which of `BatchNorm1d`, `BatchNorm2d`, `BatchNorm3d`
    /// (or `InstanceNorm…`).
    pub rank: usize,
    /// An instance norm rather than a batch norm.
    pub instance: bool,
    /// Channels, `None` to infer them from the input.
    pub num_features: Option<u64>,
    /// `eps` (default `1e-5`), printed by reports.
    pub eps: f64,
    /// `momentum` (default `0.1`), printed by reports.
    pub momentum: f64,
    /// Learnable weight and bias (default true).
    pub affine: bool,
    /// Whether the affine transform has a bias, PyTorch's `bias` (default true).
    pub bias: bool,
    /// Keep running statistics (default true).
    pub track_running_stats: bool,
}

impl BatchNorm {
    /// A batch norm over `rank` spatial dimensions with PyTorch's defaults; channels inferred.
    pub const fn new(rank: usize) -> BatchNorm {
        BatchNorm {
            rank,
            instance: false,
            num_features: None,
            eps: 1e-5,
            momentum: 0.1,
            affine: true,
            bias: true,
            track_running_stats: true,
        }
    }

    /// `nn.BatchNorm1d`.
    pub const fn batch_norm1d() -> BatchNorm {
        BatchNorm::new(1)
    }

    /// `nn.BatchNorm2d`.
    pub const fn batch_norm2d() -> BatchNorm {
        BatchNorm::new(2)
    }

    /// `nn.BatchNorm3d`.
    pub const fn batch_norm3d() -> BatchNorm {
        BatchNorm::new(3)
    }

    /// An instance norm over `rank` spatial dimensions with PyTorch's defaults.
    pub const fn instance(rank: usize) -> BatchNorm {
        let mut n = BatchNorm::new(rank);
        n.instance = true;
        n.affine = false;
        n.track_running_stats = false;
        n
    }

    /// `nn.InstanceNorm1d`.
    pub const fn instance_norm1d() -> BatchNorm {
        BatchNorm::instance(1)
    }

    /// `nn.InstanceNorm2d`.
    pub const fn instance_norm2d() -> BatchNorm {
        BatchNorm::instance(2)
    }

    /// `nn.InstanceNorm3d`.
    pub const fn instance_norm3d() -> BatchNorm {
        BatchNorm::instance(3)
    }

    /// Declares the channels (checked against the input).
    pub const fn num_features(mut self, c: u64) -> BatchNorm {
        self.num_features = Some(c);
        self
    }

    /// Sets `eps`.
    pub const fn eps(mut self, eps: f64) -> BatchNorm {
        self.eps = eps;
        self
    }

    /// Sets `momentum`.
    pub const fn momentum(mut self, momentum: f64) -> BatchNorm {
        self.momentum = momentum;
        self
    }

    /// Sets `affine`.
    pub const fn affine(mut self, affine: bool) -> BatchNorm {
        self.affine = affine;
        self
    }

    /// Sets `bias`.
    pub const fn bias(mut self, bias: bool) -> BatchNorm {
        self.bias = bias;
        self
    }

    /// Sets `track_running_stats`.
    pub const fn track_running_stats(mut self, track: bool) -> BatchNorm {
        self.track_running_stats = track;
        self
    }

    /// `BatchNorm1d`, `BatchNorm2d` or `BatchNorm3d`.
    pub const fn class(&self) -> &'static str {
        match (self.instance, self.rank) {
            (false, 1) => "BatchNorm1d",
            (false, 2) => "BatchNorm2d",
            (false, _) => "BatchNorm3d",
            (true, 1) => "InstanceNorm1d",
            (true, 2) => "InstanceNorm2d",
            (true, _) => "InstanceNorm3d",
        }
    }

    /// The FLOPs per input element: 5 / 4 (train, or no running stats), 2 / 1 (eval),
    /// with / without `affine`.
    pub const fn flops_per_element(&self, mode: Mode) -> u128 {
        if self.instance || matches!(mode, Mode::Train) || !self.track_running_stats {
            training_factor(self.affine)
        } else if self.affine {
            2
        } else {
            1
        }
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape, mode: Mode) -> Result<Applied, Error> {
        let r = input.rank();
        let (name, fits, expected) = match (self.instance, self.rank) {
            (false, 1) => (
                "batch_norm1d",
                r == 2 || r == 3,
                "2 or 3 ([N, C] or [N, C, L])",
            ),
            (false, 2) => ("batch_norm2d", r == 4, "4 ([N, C, H, W])"),
            (false, _) => ("batch_norm3d", r == 5, "5 ([N, C, D, H, W])"),
            (true, 1) => (
                "instance_norm1d",
                r == 2 || r == 3,
                "2 or 3 ([C, L] or [N, C, L])",
            ),
            (true, 2) => (
                "instance_norm2d",
                r == 3 || r == 4,
                "3 or 4 ([C, H, W] or [N, C, H, W])",
            ),
            (true, _) => (
                "instance_norm3d",
                r == 4 || r == 5,
                "4 or 5 ([C, D, H, W] or [N, C, D, H, W])",
            ),
        };
        if !fits {
            return Err(Error::new(ErrorKind::Rank {
                layer: name,
                expected,
                got: input,
            }));
        }
        // Batch norms take `[N, C, …]`; instance norms may be unbatched, `[C, …]`.
        let channels = if self.instance {
            input.dim(r - self.rank - 1)
        } else {
            input.dim(1)
        };
        let c = tri!(check_declared("channels", self.num_features, channels));
        tri!(nonzero(name, "num_features", c));
        let flops = tri!(flops_product(&[
            tri!(numel(input)),
            self.flops_per_element(mode)
        ]));
        let mut layer = *self;
        layer.num_features = Some(c);
        let op = if self.instance {
            OpKind::InstanceNorm
        } else {
            OpKind::BatchNorm
        };
        let mut cost = Cost::op(op, flops, 0);
        cost.params = tri!(tri!(layer.params()).count());
        Ok(Applied {
            layer: Layer::BatchNorm(layer),
            output: input,
            cost,
        })
    }

    /// With `affine`: `weight [C]` and (with `bias`) `bias [C]`.
    pub const fn params(&self) -> Result<Params, Error> {
        if !self.affine {
            return Ok(Params::NONE);
        }
        let c = tri!(known(self.num_features, "num_features"));
        let p = Params::NONE.with("weight", Shape::new(&[c]));
        Ok(if self.bias || self.instance {
            p.with("bias", Shape::new(&[c]))
        } else {
            p
        })
    }

    /// The buffers PyTorch registers: with `track_running_stats`, `running_mean` and
    /// `running_var` (`[C]`) and `num_batches_tracked` (`[]`, `int64`); none without.
    pub const fn buffers(&self) -> Result<super::Buffers, Error> {
        if !self.track_running_stats {
            return Ok(super::Buffers::NONE);
        }
        let c = tri!(known(self.num_features, "num_features"));
        Ok(super::Buffers::NONE
            .with("running_mean", Shape::new(&[c]), false)
            .with("running_var", Shape::new(&[c]), false)
            .with("num_batches_tracked", Shape::SCALAR, true))
    }

    /// PyTorch's `extra_repr`:
    /// `64, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        use crate::format::python_float;
        alloc::format!(
            "{}, eps={}, momentum={}, affine={}, bias={}, track_running_stats={}",
            self.num_features.unwrap_or(0),
            python_float(self.eps),
            python_float(self.momentum),
            super::py_bool(self.affine),
            // Whether the module has a bias: an instance norm's follows `affine`, and none
            // without affine weights (torch 2.15 prints `affine=False, bias=False`).
            super::py_bool(self.affine && (self.instance || self.bias)),
            super::py_bool(self.track_running_stats)
        )
    }
}

/// `nn.InstanceNorm1d/2d/3d`: a [`BatchNorm`] with `instance` set
/// (`InstanceNorm::instance_norm2d()` builds one).
pub type InstanceNorm = BatchNorm;

/// `torch.nn.RMSNorm(normalized_shape, eps, elementwise_affine)` on
/// `[…, *normalized_shape]`.
///
/// - output: the input shape;
/// - params: with `elementwise_affine` (default true), weight of `normalized_shape` (no
///   bias);
/// - FLOPs: **0**, mmengine's rule (`aten::rms_norm` has no handle; measured), counted as
///   the [`ZeroOp`] `rms_norm`;
/// - activations: 0.
///
/// A hand-written RMSNorm (transformers' `LlamaRMSNorm`) is a struct with a `weight`
/// parameter and its `forward` instead, as the model writes it.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct RmsNorm {
    /// The trailing dimensions normalized over, `None` for the input's last one.
    pub normalized_shape: Option<Shape>,
    /// `eps`, `None` for PyTorch's default (the dtype's machine epsilon; printed `None`).
    pub eps: Option<f64>,
    /// A learnable weight (default true).
    pub elementwise_affine: bool,
}

impl RmsNorm {
    /// An RMSNorm with PyTorch's defaults; `normalized_shape` inferred as the last dimension.
    pub const fn new() -> RmsNorm {
        RmsNorm {
            normalized_shape: None,
            eps: None,
            elementwise_affine: true,
        }
    }

    /// Declares the normalized shape (checked against the input).
    pub const fn normalized_shape(mut self, shape: Shape) -> RmsNorm {
        self.normalized_shape = Some(shape);
        self
    }

    /// Sets `eps`.
    pub const fn eps(mut self, eps: f64) -> RmsNorm {
        self.eps = Some(eps);
        self
    }

    /// Sets `elementwise_affine`.
    pub const fn elementwise_affine(mut self, affine: bool) -> RmsNorm {
        self.elementwise_affine = affine;
        self
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        let shape = tri!(normalized("rms_norm", self.normalized_shape, input));
        let mut layer = *self;
        layer.normalized_shape = Some(shape);
        let mut cost = Cost::zero(ZeroOp::RmsNorm);
        cost.params = tri!(tri!(layer.params()).count());
        Ok(Applied {
            layer: Layer::RmsNorm(layer),
            output: input,
            cost,
        })
    }

    /// With `elementwise_affine`: `weight [*normalized_shape]`.
    pub const fn params(&self) -> Result<Params, Error> {
        if !self.elementwise_affine {
            return Ok(Params::NONE);
        }
        match self.normalized_shape {
            Some(s) => Ok(Params::NONE.with("weight", s)),
            None => Err(Error::new(ErrorKind::Uncalled {
                declare: "normalized_shape",
            })),
        }
    }

    /// PyTorch's `extra_repr`: `(16,), eps=None, elementwise_affine=True`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        use crate::format::{python_float, python_tuple};
        alloc::format!(
            "{}, eps={}, elementwise_affine={}",
            python_tuple(self.normalized_shape.unwrap_or(Shape::SCALAR).dims()),
            self.eps.map_or_else(|| "None".into(), python_float),
            super::py_bool(self.elementwise_affine)
        )
    }
}

impl Default for RmsNorm {
    fn default() -> Self {
        RmsNorm::new()
    }
}

/// The normalized shape of a layer or RMS norm on `input`: as declared (checked against
/// the input's trailing dimensions) or the input's last dimension.
const fn normalized(
    layer: &'static str,
    declared: Option<Shape>,
    input: Shape,
) -> Result<Shape, Error> {
    if input.rank() == 0 {
        return Err(Error::new(ErrorKind::Rank {
            layer,
            expected: "at least 1",
            got: input,
        }));
    }
    let shape = match declared {
        Some(s) => s,
        None => Shape::new(&[input.dim(input.rank() - 1)]),
    };
    if shape.rank() > input.rank() {
        return Err(Error::new(ErrorKind::Rank {
            layer,
            expected: "at least the normalized shape's",
            got: input,
        }));
    }
    let offset = input.rank() - shape.rank();
    let mut i = 0;
    while i < shape.rank() {
        if input.dim(offset + i) != shape.dim(i) {
            return Err(Error::new(ErrorKind::SizeMismatch {
                what: "normalized features",
                expected: shape.dim(i),
                got: input.dim(offset + i),
            }));
        }
        i += 1;
    }
    Ok(shape)
}

/// `nn.LayerNorm(normalized_shape, eps, elementwise_affine, bias)` on `[…, *normalized_shape]`.
///
/// - output: the input shape;
/// - params: with `elementwise_affine`, weight and (with `bias`) bias of `normalized_shape`;
/// - FLOPs (op `layer_norm`): `numel(input) · (5 if elementwise_affine else 4)`, in
///   either mode;
/// - activations: 0.
///
/// `normalized_shape` may be omitted: it is then the input's last dimension.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct LayerNorm {
    /// The trailing dimensions normalized over, `None` for the input's last one.
    pub normalized_shape: Option<Shape>,
    /// `eps` (default `1e-5`).
    pub eps: f64,
    /// Learnable weight and bias (default true).
    pub elementwise_affine: bool,
    /// Whether there is a bias (default true).
    pub bias: bool,
}

impl LayerNorm {
    /// A layer norm over the last dimension, with PyTorch's defaults.
    pub const fn new() -> LayerNorm {
        LayerNorm {
            normalized_shape: None,
            eps: 1e-5,
            elementwise_affine: true,
            bias: true,
        }
    }

    /// `F.layer_norm(x, normalized_shape, weight, bias)`: affine when a weight is given,
    /// which must have the normalized shape, as the bias.
    pub const fn with_weights(
        mut self,
        weight: Option<Shape>,
        bias: Option<Shape>,
    ) -> Result<LayerNorm, Error> {
        let Some(shape) = self.normalized_shape else {
            return Err(Error::new(ErrorKind::Invalid {
                layer: "layer_norm",
                reason: "`normalized_shape` is needed",
            }));
        };
        let mut k = 0;
        while k < 2 {
            if let Some(t) = if k == 0 { weight } else { bias }
                && !t.same(&shape)
            {
                return Err(Error::new(ErrorKind::Incompatible {
                    op: "layer_norm",
                    what: "the weight and bias have the normalized shape",
                    left: t,
                    right: shape,
                }));
            }
            k += 1;
        }
        self.elementwise_affine = weight.is_some();
        self.bias = bias.is_some();
        Ok(self)
    }

    /// Declares the normalized shape (checked against the input).
    pub const fn normalized_shape(mut self, shape: Shape) -> LayerNorm {
        self.normalized_shape = Some(shape);
        self
    }

    /// Sets `eps`.
    pub const fn eps(mut self, eps: f64) -> LayerNorm {
        self.eps = eps;
        self
    }

    /// Sets `elementwise_affine`.
    pub const fn elementwise_affine(mut self, affine: bool) -> LayerNorm {
        self.elementwise_affine = affine;
        self
    }

    /// Sets `bias`.
    pub const fn bias(mut self, bias: bool) -> LayerNorm {
        self.bias = bias;
        self
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        let shape = tri!(normalized("layer_norm", self.normalized_shape, input));
        let flops = tri!(flops_product(&[
            tri!(numel(input)),
            training_factor(self.elementwise_affine)
        ]));
        let mut layer = *self;
        layer.normalized_shape = Some(shape);
        let mut cost = Cost::op(OpKind::LayerNorm, flops, 0);
        cost.params = tri!(tri!(layer.params()).count());
        Ok(Applied {
            layer: Layer::LayerNorm(layer),
            output: input,
            cost,
        })
    }

    /// With `elementwise_affine`: `weight [*normalized_shape]` and (with `bias`) `bias`.
    pub const fn params(&self) -> Result<Params, Error> {
        if !self.elementwise_affine {
            return Ok(Params::NONE);
        }
        let shape = match self.normalized_shape {
            Some(s) => s,
            None => {
                return Err(Error::new(ErrorKind::Uncalled {
                    declare: "normalized_shape",
                }));
            }
        };
        let p = Params::NONE.with("weight", shape);
        Ok(if self.bias { p.with("bias", shape) } else { p })
    }

    /// PyTorch's `extra_repr`: `(768,), eps=1e-06, elementwise_affine=True, bias=True`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        use crate::format::{python_float, python_tuple};
        alloc::format!(
            "{}, eps={}, elementwise_affine={}, bias={}",
            python_tuple(self.normalized_shape.unwrap_or(Shape::SCALAR).dims()),
            python_float(self.eps),
            super::py_bool(self.elementwise_affine),
            // Whether the module has a bias: `False` without affine weights (torch 2.15).
            super::py_bool(self.elementwise_affine && self.bias)
        )
    }
}

impl Default for LayerNorm {
    fn default() -> Self {
        LayerNorm::new()
    }
}

/// `nn.GroupNorm(num_groups, num_channels, eps, affine)` on `[N, C, …]`.
///
/// - output: the input shape;
/// - params: with `affine`, weight `C` and bias `C`;
/// - FLOPs (op `group_norm`): `numel(input) · (5 if affine else 4)`;
/// - activations: 0.
///
/// `num_channels` may be omitted (inferred from `C`); `num_groups` must divide it.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct GroupNorm {
    /// The number of groups.
    pub num_groups: u64,
    /// Channels, `None` to infer them.
    pub num_channels: Option<u64>,
    /// `eps` (default `1e-5`).
    pub eps: f64,
    /// Learnable weight and bias (default true).
    pub affine: bool,
    /// With `affine`, whether there is a bias (default true; PyTorch 2.15's keyword-only
    /// `bias`).
    pub bias: bool,
}

impl GroupNorm {
    /// A group norm with PyTorch's defaults; channels inferred.
    pub const fn new(num_groups: u64) -> GroupNorm {
        GroupNorm {
            num_groups,
            num_channels: None,
            eps: 1e-5,
            affine: true,
            bias: true,
        }
    }

    /// Sets `bias`.
    pub const fn bias(mut self, bias: bool) -> GroupNorm {
        self.bias = bias;
        self
    }

    /// `F.group_norm(x, num_groups, weight, bias)`: affine when a weight is given, the
    /// channels from it (`[C]`, as the bias).
    pub const fn with_weights(
        mut self,
        weight: Option<Shape>,
        bias: Option<Shape>,
    ) -> Result<GroupNorm, Error> {
        if let Some(w) = weight {
            let w = tri!(super::weight_of(
                "group_norm",
                Some(w),
                1,
                "1 ([C]) as its weight"
            ));
            tri!(super::check_bias(
                "group_norm",
                bias,
                w.dim(0),
                "the bias and the weight differ in length"
            ));
            self.num_channels = Some(w.dim(0));
        }
        self.affine = weight.is_some();
        self.bias = bias.is_some();
        Ok(self)
    }

    /// Declares the channels.
    pub const fn num_channels(mut self, c: u64) -> GroupNorm {
        self.num_channels = Some(c);
        self
    }

    /// Sets `eps`.
    pub const fn eps(mut self, eps: f64) -> GroupNorm {
        self.eps = eps;
        self
    }

    /// Sets `affine`.
    pub const fn affine(mut self, affine: bool) -> GroupNorm {
        self.affine = affine;
        self
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        const NAME: &str = "group_norm";
        if input.rank() < 2 {
            return Err(Error::new(ErrorKind::Rank {
                layer: NAME,
                expected: "at least 2 ([N, C, …])",
                got: input,
            }));
        }
        let c = tri!(check_declared("channels", self.num_channels, input.dim(1)));
        tri!(nonzero(NAME, "num_groups", self.num_groups));
        if !c.is_multiple_of(self.num_groups) {
            return Err(Error::new(ErrorKind::Groups {
                channels: "input",
                value: c,
                groups: self.num_groups,
            }));
        }
        let flops = tri!(flops_product(&[
            tri!(numel(input)),
            training_factor(self.affine)
        ]));
        let mut layer = *self;
        layer.num_channels = Some(c);
        let mut cost = Cost::op(OpKind::GroupNorm, flops, 0);
        cost.params = tri!(tri!(layer.params()).count());
        Ok(Applied {
            layer: Layer::GroupNorm(layer),
            output: input,
            cost,
        })
    }

    /// With `affine`: `weight [C]`, and with `bias` `bias [C]`.
    pub const fn params(&self) -> Result<Params, Error> {
        if !self.affine {
            return Ok(Params::NONE);
        }
        let c = tri!(known(self.num_channels, "num_channels"));
        let p = Params::NONE.with("weight", Shape::new(&[c]));
        Ok(if self.bias {
            p.with("bias", Shape::new(&[c]))
        } else {
            p
        })
    }

    /// PyTorch 2.15's `extra_repr`: `2, 8, eps=1e-05, affine=True, bias=True` (`bias` is
    /// whether the module has one: `False` without `affine`).
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        alloc::format!(
            "{}, {}, eps={}, affine={}, bias={}",
            self.num_groups,
            self.num_channels.unwrap_or(0),
            crate::format::python_float(self.eps),
            super::py_bool(self.affine),
            super::py_bool(self.affine && self.bias)
        )
    }
}

impl BatchNorm {
    /// What autograd keeps: the input; in training (or without running statistics)
    /// `save_mean` and `save_invstd`, `C` each; the running mean and variance, `C` each,
    /// when tracked. An instance norm runs a batch norm over `[1, N·C, …]` without
    /// running statistics: `2·N·C`, plus `N·C` for the weight it repeats when affine.
    pub(crate) const fn keeps(&self, input: Shape, mode: Mode) -> Keep {
        let c = if input.rank() > 1 {
            input.dim(1) as u128
        } else {
            0
        };
        if self.instance {
            let nc = c * input.dim(0) as u128;
            let affine = if self.affine { nc } else { 0 };
            return Keep::INPUT.with(Saved::stats(nc.saturating_mul(2).saturating_add(affine)));
        }
        let batch = if matches!(mode, Mode::Train) || !self.track_running_stats {
            2 * c
        } else {
            0
        };
        let running = if self.track_running_stats { 2 * c } else { 0 };
        Keep::INPUT.with(Saved::stats(batch + running))
    }
}

/// The rows a norm over the trailing `normalized` dimensions computes statistics of:
/// `numel(input) / numel(normalized)`.
const fn rows(input: Shape, normalized: Option<Shape>) -> u128 {
    let per = match normalized {
        Some(n) => elems(n),
        None => 1,
    };
    match elems(input).checked_div(per) {
        Some(n) => n,
        None => 0,
    }
}

impl LayerNorm {
    /// What autograd keeps: the input, and `mean` and `rstd`, one per row each.
    pub(crate) const fn keeps(&self, input: Shape) -> Keep {
        Keep::INPUT.with(Saved::stats(
            rows(input, self.normalized_shape).saturating_mul(2),
        ))
    }
}

impl RmsNorm {
    /// What autograd keeps (`nn.RMSNorm` is decomposed): the input, `rstd` (one per
    /// row, in the activations' dtype) and, with a weight, the normalized input.
    pub(crate) const fn keeps(&self, input: Shape) -> Keep {
        let normalized = if self.elementwise_affine {
            elems(input)
        } else {
            0
        };
        Keep::INPUT.with(Saved::activations(
            rows(input, self.normalized_shape).saturating_add(normalized),
        ))
    }
}

impl GroupNorm {
    /// What autograd keeps: the input, and `mean` and `rstd`, `N · groups` each.
    pub(crate) const fn keeps(&self, input: Shape) -> Keep {
        let n = if input.rank() > 0 {
            input.dim(0) as u128
        } else {
            0
        };
        Keep::INPUT.with(Saved::stats(
            (n * self.num_groups as u128).saturating_mul(2),
        ))
    }
}

/// `numel(input) · factor`, for the tools' norm rules.
const fn times(input: Shape, factor: u128) -> Result<u128, Error> {
    flops_product(&[tri!(numel(input)), factor])
}

impl BatchNorm {
    /// ptflops' and calflops' rules on `input` in `mode`: ptflops hooks
    /// `nn.BatchNorm{1,2,3}d` and `nn.InstanceNorm{1,2,3}d` by exact class,
    /// `numel(input) · (2 if affine else 1)`; calflops wraps `F.batch_norm`,
    /// `numel(input) · (5 if affine else 4)` when it normalizes by the batch (training,
    /// or without running statistics) and `· (2 if affine else 1)` otherwise, and
    /// `F.instance_norm`, `· (5 if affine else 4)`. O(rank).
    pub(crate) const fn tools(
        &self,
        input: Shape,
        mode: Mode,
        how: crate::convention::Use,
    ) -> Result<crate::cost::ToolFlops, Error> {
        let by_batch = self.instance || matches!(mode, Mode::Train) || !self.track_running_stats;
        let factor = match (by_batch, self.affine) {
            (true, true) => 5,
            (true, false) => 4,
            (false, true) => 2,
            (false, false) => 1,
        };
        Ok(how.split(
            tri!(times(input, if self.affine { 2 } else { 1 })),
            tri!(times(input, factor)),
            0,
        ))
    }
}

impl LayerNorm {
    /// ptflops' and calflops' rules on `input`: ptflops hooks `nn.LayerNorm` with its
    /// batch-norm rule, which looks for an `affine` attribute `nn.LayerNorm` does not
    /// have: `numel(input)`; calflops wraps `F.layer_norm`, `numel(input) · (5 if
    /// elementwise_affine else 4)`. O(rank).
    pub(crate) const fn tools(
        &self,
        input: Shape,
        how: crate::convention::Use,
    ) -> Result<crate::cost::ToolFlops, Error> {
        Ok(how.split(
            tri!(numel(input)),
            tri!(times(input, if self.elementwise_affine { 5 } else { 4 })),
            0,
        ))
    }
}

impl GroupNorm {
    /// ptflops' and calflops' rules on `input`: ptflops hooks `nn.GroupNorm`,
    /// `numel(input) · (2 if affine else 1)`; calflops wraps `F.group_norm`,
    /// `numel(input) · (5 if affine else 4)`. O(rank).
    pub(crate) const fn tools(
        &self,
        input: Shape,
        how: crate::convention::Use,
    ) -> Result<crate::cost::ToolFlops, Error> {
        Ok(how.split(
            tri!(times(input, if self.affine { 2 } else { 1 })),
            tri!(times(input, if self.affine { 5 } else { 4 })),
            0,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flops(bn: BatchNorm, mode: Mode) -> u128 {
        bn.apply(Shape::new(&[2, 8, 4, 4]), mode)
            .unwrap()
            .cost
            .flops
    }

    // Per-op values measured with mmengine, from tests/fixtures/CONVENTIONS.md, x[2,8,4,4] (256 elements).
    #[test]
    fn batch_norm_train_and_eval() {
        let bn = BatchNorm::batch_norm2d();
        assert_eq!(flops(bn, Mode::Train), 1280);
        assert_eq!(flops(bn, Mode::Eval), 512);
        assert_eq!(flops(bn.affine(false), Mode::Eval), 256);
        assert_eq!(flops(bn.affine(false), Mode::Train), 1024);
        assert_eq!(flops(bn.track_running_stats(false), Mode::Eval), 1280);
        // BatchNorm1d(8) eval x[4,8]: 64.
        let a = BatchNorm::batch_norm1d()
            .apply(Shape::new(&[4, 8]), Mode::Eval)
            .unwrap();
        assert_eq!(a.cost.flops, 64);
    }

    #[test]
    fn batch_norm_params_are_the_affine_weights() {
        let a = BatchNorm::batch_norm2d()
            .apply(Shape::new(&[1, 64, 4, 4]), Mode::Train)
            .unwrap();
        assert_eq!((a.cost.params, a.cost.activations), (128, 0));
        let a = BatchNorm::batch_norm2d()
            .affine(false)
            .apply(Shape::new(&[1, 64, 4, 4]), Mode::Train)
            .unwrap();
        assert_eq!(a.cost.params, 0);
    }

    #[test]
    fn group_and_layer_norm() {
        // GroupNorm(2,8) x[2,8,4,4]: 1280 (affine=False: 1024).
        let x = Shape::new(&[2, 8, 4, 4]);
        assert_eq!(GroupNorm::new(2).apply(x).unwrap().cost.flops, 1280);
        assert_eq!(
            GroupNorm::new(2).affine(false).apply(x).unwrap().cost.flops,
            1024
        );
        assert_eq!(GroupNorm::new(2).apply(x).unwrap().cost.params, 16);
        // LayerNorm(16) x[2,5,16]: 800 (elementwise_affine=False: 640); params 2·16.
        let x = Shape::new(&[2, 5, 16]);
        let a = LayerNorm::new().apply(x).unwrap();
        assert_eq!((a.cost.flops, a.cost.params), (800, 32));
        assert_eq!(a.cost.flops_of(OpKind::LayerNorm), 800);
        assert_eq!(
            LayerNorm::new()
                .elementwise_affine(false)
                .apply(x)
                .unwrap()
                .cost
                .flops,
            640
        );
        let e = LayerNorm::new()
            .normalized_shape(Shape::new(&[8]))
            .apply(x)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "model: expects 8 normalized features, got 16"
        );
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn extra_reprs_are_pytorchs() {
        let a = BatchNorm::batch_norm2d()
            .apply(Shape::new(&[1, 64, 4, 4]), Mode::Train)
            .unwrap();
        assert_eq!(
            a.layer.extra_repr(),
            "64, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True"
        );
        let a = LayerNorm::new()
            .eps(1e-6)
            .apply(Shape::new(&[1, 197, 768]))
            .unwrap();
        assert_eq!(
            a.layer.extra_repr(),
            "(768,), eps=1e-06, elementwise_affine=True, bias=True"
        );
        let a = GroupNorm::new(2).apply(Shape::new(&[1, 8, 2, 2])).unwrap();
        // PyTorch 2.15: `GroupNorm(2, 8, eps=1e-05, affine=True, bias=True)`, and
        // `affine=False, bias=False` without affine weights (printed by torch 2.15.0).
        assert_eq!(
            a.layer.extra_repr(),
            "2, 8, eps=1e-05, affine=True, bias=True"
        );
        let plain = GroupNorm::new(2)
            .affine(false)
            .apply(Shape::new(&[2, 8, 4, 4]))
            .unwrap();
        assert_eq!(
            plain.layer.extra_repr(),
            "2, 8, eps=1e-05, affine=False, bias=False"
        );
        let no_bias = GroupNorm::new(2)
            .bias(false)
            .apply(Shape::new(&[2, 8, 4, 4]))
            .unwrap();
        assert_eq!(
            no_bias.layer.extra_repr(),
            "2, 8, eps=1e-05, affine=True, bias=False"
        );
        assert_eq!(no_bias.cost.params, 8);
        // torch 2.15: `BatchNorm2d(8, affine=False)` and `LayerNorm(8,
        // elementwise_affine=False)` print `bias=False`.
        let bn = BatchNorm::batch_norm2d()
            .affine(false)
            .apply(Shape::new(&[1, 8, 2, 2]), crate::mode::Mode::Eval)
            .unwrap();
        assert_eq!(
            bn.layer.extra_repr(),
            "8, eps=1e-05, momentum=0.1, affine=False, bias=False, track_running_stats=True"
        );
        let ln = LayerNorm::new()
            .elementwise_affine(false)
            .apply(Shape::new(&[1, 8]))
            .unwrap();
        assert_eq!(
            ln.layer.extra_repr(),
            "(8,), eps=1e-05, elementwise_affine=False, bias=False"
        );
    }
}
