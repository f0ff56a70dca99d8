//! Convolutions: `conv2d`.

use super::window::output_size;
use super::{Applied, Layer, Params, Size2, check_declared, expect_rank, nonzero, tri};
use crate::cost::{Cost, OpKind, activations, flops_product};
use crate::error::{Error, ErrorKind};
use crate::shape::Shape;

/// `nn.Conv2d(in, out, kernel, stride, padding, dilation, groups, bias)` on `[N, C, H, W]`.
///
/// - output: `[N, out, H_out, W_out]`, each spatial size by [`output_size`];
/// - params: weight `out · (in / groups) · kh · kw`, plus bias `out`;
/// - FLOPs (op `conv`): `N · out · (in / groups) · kh · kw · H_out · W_out` (bias not counted);
/// - activations: `numel(output) = N · out · H_out · W_out`.
///
/// `in` may be omitted (inferred from the input) or given (then checked). `groups` must
/// divide both `in` and `out`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Conv2d {
    /// Input channels, `None` to infer them from the input.
    pub in_channels: Option<u64>,
    /// Output channels.
    pub out_channels: u64,
    /// Kernel size.
    pub kernel: Size2,
    /// Stride (default 1).
    pub stride: Size2,
    /// Zero padding on each side (default 0).
    pub padding: Size2,
    /// Dilation (default 1).
    pub dilation: Size2,
    /// Groups (default 1).
    pub groups: u64,
    /// Whether there is a bias (default true).
    pub bias: bool,
}

impl Conv2d {
    /// A convolution with PyTorch's defaults: stride 1, padding 0, dilation 1, groups 1,
    /// with bias; input channels inferred.
    pub const fn new(out_channels: u64, kernel: Size2) -> Conv2d {
        Conv2d {
            in_channels: None,
            out_channels,
            kernel,
            stride: Size2::square(1),
            padding: Size2::square(0),
            dilation: Size2::square(1),
            groups: 1,
            bias: true,
        }
    }

    /// Declares the input channels (checked against the input).
    pub const fn in_channels(mut self, c: u64) -> Conv2d {
        self.in_channels = Some(c);
        self
    }

    /// Sets the stride.
    pub const fn stride(mut self, s: Size2) -> Conv2d {
        self.stride = s;
        self
    }

    /// Sets the padding.
    pub const fn padding(mut self, p: Size2) -> Conv2d {
        self.padding = p;
        self
    }

    /// Sets the dilation.
    pub const fn dilation(mut self, d: Size2) -> Conv2d {
        self.dilation = d;
        self
    }

    /// Sets the groups.
    pub const fn groups(mut self, g: u64) -> Conv2d {
        self.groups = g;
        self
    }

    /// Sets whether there is a bias.
    pub const fn bias(mut self, b: bool) -> Conv2d {
        self.bias = b;
        self
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        const NAME: &str = "conv2d";
        tri!(expect_rank(NAME, input, 4, "4 ([N, C, H, W])"));
        let c = tri!(check_declared(
            "input channels",
            self.in_channels,
            input.dim(1)
        ));
        tri!(nonzero(NAME, "in", c));
        tri!(nonzero(NAME, "out", self.out_channels));
        tri!(nonzero(NAME, "groups", self.groups));
        if self.kernel.has_zero() {
            return Err(Error::new(ErrorKind::Zero {
                layer: NAME,
                arg: "kernel",
            }));
        }
        if self.stride.has_zero() {
            return Err(Error::new(ErrorKind::Zero {
                layer: NAME,
                arg: "stride",
            }));
        }
        if self.dilation.has_zero() {
            return Err(Error::new(ErrorKind::Zero {
                layer: NAME,
                arg: "dilation",
            }));
        }
        if !c.is_multiple_of(self.groups) {
            return Err(Error::new(ErrorKind::Groups {
                channels: "input",
                value: c,
                groups: self.groups,
            }));
        }
        if !self.out_channels.is_multiple_of(self.groups) {
            return Err(Error::new(ErrorKind::Groups {
                channels: "output",
                value: self.out_channels,
                groups: self.groups,
            }));
        }
        let h = tri!(output_size(
            NAME,
            input.dim(2),
            self.kernel.h,
            self.stride.h,
            self.padding.h,
            self.dilation.h,
            false
        ));
        let w = tri!(output_size(
            NAME,
            input.dim(3),
            self.kernel.w,
            self.stride.w,
            self.padding.w,
            self.dilation.w,
            false
        ));
        let output = Shape::new(&[input.dim(0), self.out_channels, h, w]);
        let mut layer = *self;
        layer.in_channels = Some(c);
        let flops = tri!(flops_product(&[
            input.dim(0) as u128,
            self.out_channels as u128,
            (c / self.groups) as u128,
            self.kernel.h as u128,
            self.kernel.w as u128,
            h as u128,
            w as u128,
        ]));
        let acts = tri!(activations(tri!(flops_product(&[
            input.dim(0) as u128,
            self.out_channels as u128,
            h as u128,
            w as u128
        ]))));
        let mut cost = Cost::op(OpKind::Conv, flops, acts);
        cost.params = tri!(layer.params().count());
        Ok(Applied {
            layer: Layer::Conv2d(layer),
            output,
            cost,
        })
    }

    /// `weight [out, in / groups, kh, kw]` and, with bias, `bias [out]`. Input channels
    /// must be known (declared, or inferred by [`Conv2d::apply`]); 0 if not.
    pub const fn params(&self) -> Params {
        let c = match self.in_channels {
            Some(c) => c,
            None => 0,
        };
        let per_group = match c.checked_div(self.groups) {
            Some(n) => n,
            None => 0,
        };
        let p = Params::NONE.with(
            "weight",
            Shape::new(&[self.out_channels, per_group, self.kernel.h, self.kernel.w]),
        );
        if self.bias {
            p.with("bias", Shape::new(&[self.out_channels]))
        } else {
            p
        }
    }

    /// PyTorch's `extra_repr`: `3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        let mut s = alloc::format!(
            "{}, {}, kernel_size={}, stride={}",
            self.in_channels.unwrap_or(0),
            self.out_channels,
            self.kernel.to_python_tuple(),
            self.stride.to_python_tuple()
        );
        if self.padding.h != 0 || self.padding.w != 0 {
            s += &alloc::format!(", padding={}", self.padding.to_python_tuple());
        }
        if self.dilation.h != 1 || self.dilation.w != 1 {
            s += &alloc::format!(", dilation={}", self.dilation.to_python_tuple());
        }
        if self.groups != 1 {
            s += &alloc::format!(", groups={}", self.groups);
        }
        if !self.bias {
            s += ", bias=False";
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(c: Conv2d, input: &[u64]) -> Applied {
        c.apply(Shape::new(input)).unwrap()
    }

    // Per-op values measured with mmengine, from CONVENTIONS.md.
    #[test]
    fn conv2d_with_bias_and_padding() {
        // Conv2d(3,8,3,padding=1,bias) x[2,3,16,16]: flops 110592 acts 4096.
        let a = run(
            Conv2d::new(8, Size2::square(3)).padding(Size2::square(1)),
            &[2, 3, 16, 16],
        );
        assert_eq!((a.cost.flops, a.cost.activations), (110_592, 4_096));
        assert_eq!(a.cost.flops_of(OpKind::Conv), 110_592);
        // params: 8·3·3·3 + 8 = 224.
        assert_eq!(a.cost.params, 224);
        assert_eq!(a.output.dims(), &[2, 8, 16, 16]);
    }

    #[test]
    fn conv2d_grouped_strided() {
        // Conv2d(8,8,3,groups=4,stride=2) x[1,8,16,16]: flops 7056 acts 392.
        let a = run(
            Conv2d::new(8, Size2::square(3))
                .groups(4)
                .stride(Size2::square(2)),
            &[1, 8, 16, 16],
        );
        assert_eq!((a.cost.flops, a.cost.activations), (7_056, 392));
        // params: 8·(8/4)·3·3 + 8 = 152.
        assert_eq!(a.cost.params, 152);
    }

    #[test]
    fn resnet18_conv1_by_hand() {
        // 7·7·3·64 = 9,408 params; 7·7·3·64·112·112 = 118,013,952 FLOPs; 64·112·112 acts.
        let a = run(
            Conv2d::new(64, Size2::square(7))
                .stride(Size2::square(2))
                .padding(Size2::square(3))
                .bias(false),
            &[1, 3, 224, 224],
        );
        assert_eq!(a.cost.params, 9_408);
        assert_eq!(a.cost.flops, 118_013_952);
        assert_eq!(a.cost.activations, 802_816);
    }

    #[test]
    fn declared_channels_are_checked() {
        let e = Conv2d::new(8, Size2::square(3))
            .in_channels(32)
            .apply(Shape::new(&[1, 64, 8, 8]))
            .unwrap_err();
        assert_eq!(e.to_string(), "model: expects 32 input channels, got 64");
        let e = Conv2d::new(6, Size2::square(3))
            .groups(4)
            .apply(Shape::new(&[1, 8, 8, 8]))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "model: groups = 4 does not divide the 6 output channels"
        );
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn extra_repr_is_pytorchs() {
        let a = run(
            Conv2d::new(128, Size2::square(1))
                .stride(Size2::square(2))
                .bias(false),
            &[1, 64, 56, 56],
        );
        let Layer::Conv2d(c) = a.layer else {
            unreachable!()
        };
        assert_eq!(
            c.extra_repr(),
            "64, 128, kernel_size=(1, 1), stride=(2, 2), bias=False"
        );
    }
}
