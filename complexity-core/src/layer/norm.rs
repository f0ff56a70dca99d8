//! Normalization: `batch_norm2d`.

use super::{Applied, Layer, Params, check_declared, expect_rank, nonzero, tri};
use crate::analysis::Mode;
use crate::cost::{Cost, OpKind, flops_product};
use crate::error::Error;
use crate::shape::Shape;

/// `nn.BatchNorm2d(num_features, eps, momentum, affine, track_running_stats)` on `[N, C, H, W]`.
///
/// - output: the input shape;
/// - params: with `affine`, weight `C` and bias `C` (running mean and variance are buffers,
///   not parameters);
/// - FLOPs (op `batch_norm`), mmengine's rule:
///   - [`Mode::Train`], or any mode without `track_running_stats`: `numel(input) · (5 if affine else 4)`;
///   - [`Mode::Eval`] with running stats: `numel(input) · (2 if affine else 1)`;
/// - activations: 0 (mmengine counts activations of convolutions and linear layers only).
///
/// `num_features` may be omitted (inferred from the input's `C`) or given (then checked).
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct BatchNorm2d {
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

impl BatchNorm2d {
    /// A batch norm with PyTorch's defaults; channels inferred.
    pub const fn new() -> BatchNorm2d {
        BatchNorm2d {
            num_features: None,
            eps: 1e-5,
            momentum: 0.1,
            affine: true,
            bias: true,
            track_running_stats: true,
        }
    }

    /// Declares the channels (checked against the input).
    pub const fn num_features(mut self, c: u64) -> BatchNorm2d {
        self.num_features = Some(c);
        self
    }

    /// Sets `eps`.
    pub const fn eps(mut self, eps: f64) -> BatchNorm2d {
        self.eps = eps;
        self
    }

    /// Sets `momentum`.
    pub const fn momentum(mut self, momentum: f64) -> BatchNorm2d {
        self.momentum = momentum;
        self
    }

    /// Sets `affine`.
    pub const fn affine(mut self, affine: bool) -> BatchNorm2d {
        self.affine = affine;
        self
    }

    /// Sets `bias`.
    pub const fn bias(mut self, bias: bool) -> BatchNorm2d {
        self.bias = bias;
        self
    }

    /// Sets `track_running_stats`.
    pub const fn track_running_stats(mut self, track: bool) -> BatchNorm2d {
        self.track_running_stats = track;
        self
    }

    /// The FLOPs per input element: 5 / 4 (train, or no running stats), 2 / 1 (eval),
    /// with / without `affine`.
    pub const fn flops_per_element(&self, mode: Mode) -> u128 {
        let training_rule = matches!(mode, Mode::Train) || !self.track_running_stats;
        match (training_rule, self.affine) {
            (true, true) => 5,
            (true, false) => 4,
            (false, true) => 2,
            (false, false) => 1,
        }
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape, mode: Mode) -> Result<Applied, Error> {
        tri!(expect_rank("batch_norm2d", input, 4, "4 ([N, C, H, W])"));
        let c = tri!(check_declared("channels", self.num_features, input.dim(1)));
        tri!(nonzero("batch_norm2d", "num_features", c));
        let numel = match input.checked_numel() {
            Some(n) => n,
            None => return Err(crate::cost::overflow("FLOPs")),
        };
        let flops = tri!(flops_product(&[numel, self.flops_per_element(mode)]));
        let mut layer = *self;
        layer.num_features = Some(c);
        let mut cost = Cost::op(OpKind::BatchNorm, flops, 0);
        cost.params = tri!(layer.params().count());
        Ok(Applied {
            layer: Layer::BatchNorm2d(layer),
            output: input,
            cost,
        })
    }

    /// With `affine`: `weight [C]` and (with `bias`) `bias [C]`.
    pub const fn params(&self) -> Params {
        let c = match self.num_features {
            Some(c) => c,
            None => 0,
        };
        if !self.affine {
            return Params::NONE;
        }
        let p = Params::NONE.with("weight", Shape::new(&[c]));
        if self.bias {
            p.with("bias", Shape::new(&[c]))
        } else {
            p
        }
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
            super::py_bool(self.bias),
            super::py_bool(self.track_running_stats)
        )
    }
}

impl Default for BatchNorm2d {
    fn default() -> Self {
        BatchNorm2d::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flops(bn: BatchNorm2d, mode: Mode) -> u128 {
        bn.apply(Shape::new(&[2, 8, 4, 4]), mode)
            .unwrap()
            .cost
            .flops
    }

    // Per-op values measured with mmengine, from CONVENTIONS.md, x[2,8,4,4] (256 elements).
    #[test]
    fn batch_norm_train_and_eval() {
        assert_eq!(flops(BatchNorm2d::new(), Mode::Train), 1280);
        assert_eq!(flops(BatchNorm2d::new(), Mode::Eval), 512);
        assert_eq!(flops(BatchNorm2d::new().affine(false), Mode::Eval), 256);
        assert_eq!(flops(BatchNorm2d::new().affine(false), Mode::Train), 1024);
        assert_eq!(
            flops(BatchNorm2d::new().track_running_stats(false), Mode::Eval),
            1280
        );
    }

    #[test]
    fn params_are_the_affine_weights() {
        let a = BatchNorm2d::new()
            .apply(Shape::new(&[1, 64, 4, 4]), Mode::Train)
            .unwrap();
        assert_eq!((a.cost.params, a.cost.activations), (128, 0));
        let a = BatchNorm2d::new()
            .affine(false)
            .apply(Shape::new(&[1, 64, 4, 4]), Mode::Train)
            .unwrap();
        assert_eq!(a.cost.params, 0);
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn extra_repr_is_pytorchs() {
        let a = BatchNorm2d::new()
            .apply(Shape::new(&[1, 64, 4, 4]), Mode::Train)
            .unwrap();
        let Layer::BatchNorm2d(bn) = a.layer else {
            unreachable!()
        };
        assert_eq!(
            bn.extra_repr(),
            "64, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True"
        );
    }
}
