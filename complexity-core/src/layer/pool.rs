//! Pooling: `max_pool2d`, `adaptive_avg_pool2d`.

use super::window::output_size;
use super::{Applied, Layer, Size, nonzero, numel, tri};
use crate::cost::{Cost, OpKind, ZeroOp};
use crate::error::{Error, ErrorKind};
use crate::shape::Shape;

/// Checks for `[C, H, W]` or `[N, C, H, W]`.
const fn spatial_input(layer: &'static str, input: Shape) -> Result<(), Error> {
    if input.rank() == 3 || input.rank() == 4 {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::Rank {
            layer,
            expected: "3 or 4 ([C, H, W] or [N, C, H, W])",
            got: input,
        }))
    }
}

/// `nn.MaxPool2d(kernel, stride, padding, dilation, ceil_mode)` on `[N, C, H, W]` or `[C, H, W]`.
///
/// - output: the spatial sizes by [`output_size`] (with `ceil_mode`), channels unchanged;
/// - params: 0;
/// - FLOPs: **0**, mmengine's rule (`aten::max_pool2d` has no handle; mmengine lists it
///   among the unsupported ops), counted as the [`ZeroOp`] `max_pool`;
/// - activations: 0.
///
/// `stride` defaults to the kernel size; padding must be at most half the kernel, as in
/// PyTorch.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct MaxPool2d {
    /// Window size.
    pub kernel: Size,
    /// Stride, `None` for the kernel size.
    pub stride: Option<Size>,
    /// Implicit padding on each side (default 0).
    pub padding: Size,
    /// Dilation (default 1).
    pub dilation: Size,
    /// Round the output size up instead of down (default false).
    pub ceil_mode: bool,
}

impl MaxPool2d {
    /// A max pool with PyTorch's defaults.
    pub const fn new(kernel: Size) -> MaxPool2d {
        MaxPool2d {
            kernel,
            stride: None,
            padding: Size::square(0),
            dilation: Size::square(1),
            ceil_mode: false,
        }
    }

    /// Sets the stride.
    pub const fn stride(mut self, s: Size) -> MaxPool2d {
        self.stride = Some(s);
        self
    }

    /// Sets the padding.
    pub const fn padding(mut self, p: Size) -> MaxPool2d {
        self.padding = p;
        self
    }

    /// Sets the dilation.
    pub const fn dilation(mut self, d: Size) -> MaxPool2d {
        self.dilation = d;
        self
    }

    /// Sets `ceil_mode`.
    pub const fn ceil_mode(mut self, c: bool) -> MaxPool2d {
        self.ceil_mode = c;
        self
    }

    /// The stride in effect: as given, or the kernel size.
    pub const fn effective_stride(&self) -> Size {
        match self.stride {
            Some(s) => s,
            None => self.kernel,
        }
    }

    /// The FLOPs of a max pool: 0 by mmengine's rule.
    pub const fn flops(&self, _input: Shape) -> u128 {
        0
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        const NAME: &str = "max_pool2d";
        tri!(spatial_input(NAME, input));
        let stride = self.effective_stride();
        tri!(self.kernel.check(NAME, "kernel", 2));
        tri!(stride.check(NAME, "stride", 2));
        tri!(self.padding.check(NAME, "padding", 2));
        tri!(self.dilation.check(NAME, "dilation", 2));
        if self.kernel.has_zero(2) {
            return Err(Error::new(ErrorKind::Zero {
                layer: NAME,
                arg: "kernel",
            }));
        }
        if stride.has_zero(2) {
            return Err(Error::new(ErrorKind::Zero {
                layer: NAME,
                arg: "stride",
            }));
        }
        if self.dilation.has_zero(2) {
            return Err(Error::new(ErrorKind::Zero {
                layer: NAME,
                arg: "dilation",
            }));
        }
        let mut i = 0;
        while i < 2 {
            if self.padding.get(i) > self.kernel.get(i) / 2 {
                return Err(Error::new(ErrorKind::Padding {
                    layer: NAME,
                    padding: self.padding.get(i),
                    kernel: self.kernel.get(i),
                }));
            }
            i += 1;
        }
        let r = input.rank();
        let h = tri!(output_size(
            NAME,
            input.dim(r - 2),
            self.kernel.get(0),
            stride.get(0),
            self.padding.get(0),
            self.dilation.get(0),
            self.ceil_mode
        ));
        let w = tri!(output_size(
            NAME,
            input.dim(r - 1),
            self.kernel.get(1),
            stride.get(1),
            self.padding.get(1),
            self.dilation.get(1),
            self.ceil_mode
        ));
        let mut cost = Cost::zero(ZeroOp::MaxPool);
        cost.flops = self.flops(input);
        Ok(Applied {
            layer: Layer::MaxPool2d(*self),
            output: input.with_dim(r - 2, h).with_dim(r - 1, w),
            cost,
        })
    }

    /// PyTorch's `extra_repr`:
    /// `kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        alloc::format!(
            "kernel_size={}, stride={}, padding={}, dilation={}, ceil_mode={}",
            self.kernel.to_python(),
            self.effective_stride().to_python(),
            self.padding.to_python(),
            self.dilation.to_python(),
            super::py_bool(self.ceil_mode)
        )
    }
}

/// `nn.AdaptiveAvgPool2d(output_size)` on `[N, C, H, W]` or `[C, H, W]`.
///
/// - output: the spatial sizes replaced by `output_size`;
/// - params: 0;
/// - FLOPs (op `adaptive_avg_pool2d`): `numel(input)`, mmengine's rule, whatever the output
///   size;
/// - activations: 0.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct AdaptiveAvgPool2d {
    /// The output's spatial size.
    pub output: Size,
}

impl AdaptiveAvgPool2d {
    /// An adaptive average pool to `output`.
    pub const fn new(output: Size) -> AdaptiveAvgPool2d {
        AdaptiveAvgPool2d { output }
    }

    /// The FLOPs: `numel(input)`.
    pub const fn flops(&self, input: Shape) -> Result<u128, Error> {
        numel(input)
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        const NAME: &str = "adaptive_avg_pool2d";
        tri!(spatial_input(NAME, input));
        tri!(self.output.check(NAME, "output_size", 2));
        tri!(nonzero(NAME, "output_size", self.output.get(0)));
        tri!(nonzero(NAME, "output_size", self.output.get(1)));
        let r = input.rank();
        Ok(Applied {
            layer: Layer::AdaptiveAvgPool2d(*self),
            output: input
                .with_dim(r - 2, self.output.get(0))
                .with_dim(r - 1, self.output.get(1)),
            cost: Cost::op(OpKind::AdaptiveAvgPool2d, tri!(self.flops(input)), 0),
        })
    }

    /// PyTorch's `extra_repr`: `output_size=(1, 1)`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        alloc::format!("output_size={}", self.output.to_python())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adaptive_avg_pool_counts_its_input() {
        // AdaptiveAvgPool2d(1) or (2) x[1,8,7,7]: flops 392 (tests/fixtures/CONVENTIONS.md).
        for n in [1, 2] {
            let a = AdaptiveAvgPool2d::new(Size::square(n))
                .apply(Shape::new(&[1, 8, 7, 7]))
                .unwrap();
            assert_eq!((a.cost.flops, a.cost.activations), (392, 0));
            assert_eq!(a.output.dims(), &[1, 8, n, n]);
        }
    }

    #[test]
    fn max_pool_shapes_and_zero_cost() {
        let a = MaxPool2d::new(Size::square(3))
            .stride(Size::square(2))
            .padding(Size::square(1))
            .apply(Shape::new(&[1, 64, 112, 112]))
            .unwrap();
        assert_eq!(a.output.dims(), &[1, 64, 56, 56]);
        assert_eq!((a.cost.flops, a.cost.params, a.cost.activations), (0, 0, 0));
        assert_eq!(a.cost.zero_count(ZeroOp::MaxPool), 1);
        let e = MaxPool2d::new(Size::square(2))
            .padding(Size::square(2))
            .apply(Shape::new(&[1, 1, 8, 8]));
        assert_eq!(
            e.unwrap_err().to_string(),
            "model: max_pool2d: padding 2 is more than half the kernel size 2"
        );
    }
}
