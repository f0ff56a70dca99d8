//! Convolutions: `conv1d`, `conv2d`, `conv3d` and their transposed forms.

use super::window::output_size;
use super::{Applied, Layer, Params, Size, check_declared, known, nonzero, tri};
use crate::cost::{Cost, OpKind, activations, flops_product};
use crate::error::{Error, ErrorKind};
use crate::memory::saved::Keep;
use crate::shape::{MAX_RANK, Shape};

/// `nn.Conv{1,2,3}d(in, out, kernel, stride, padding, dilation, groups, bias)` on
/// `[N, C, *spatial]`, and `nn.ConvTranspose{1,2,3}d(…, output_padding, …)`.
///
/// With `k`, `s`, `p`, `d`, `op` the kernel, stride, padding, dilation and output padding
/// along a spatial dimension:
///
/// - output: `[N, out, *spatial_out]`, where `spatial_out` is [`output_size`] for a
///   convolution and `(in − 1)·s − 2·p + d·(k − 1) + op + 1` for a transposed one;
/// - params: weight `out · (in / groups) · Πk` (transposed: `in · (out / groups) · Πk`),
///   plus bias `out`;
/// - FLOPs (op `conv`), bias not counted:
///   - convolution: `N · out · (in / groups) · Πk · Π(spatial_out)`;
///   - transposed: `N · in · (out / groups) · Πk · Π(spatial_in)`;
/// - activations: `numel(output)`.
///
/// `in` may be omitted (inferred from the input) or given (then checked). `groups` must
/// divide both `in` and `out`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Conv {
    /// The number of spatial dimensions: 1, 2 or 3.
    pub rank: usize,
    /// Whether it is a transposed convolution.
    pub transposed: bool,
    /// Input channels, `None` to infer them from the input.
    pub in_channels: Option<u64>,
    /// Output channels.
    pub out_channels: u64,
    /// Kernel size.
    pub kernel: Size,
    /// Stride (default 1).
    pub stride: Size,
    /// Zero padding on each side (default 0).
    pub padding: Size,
    /// Dilation (default 1).
    pub dilation: Size,
    /// Extra size added to one side of a transposed convolution's output (default 0).
    pub output_padding: Size,
    /// Groups (default 1).
    pub groups: u64,
    /// Whether there is a bias (default true).
    pub bias: bool,
}

impl Conv {
    /// A convolution with `rank` spatial dimensions and PyTorch's defaults: stride 1,
    /// padding 0, dilation 1, groups 1, with bias; input channels inferred.
    pub const fn new(rank: usize, transposed: bool, out_channels: u64, kernel: Size) -> Conv {
        Conv {
            rank,
            transposed,
            in_channels: None,
            out_channels,
            kernel,
            stride: Size::square(1),
            padding: Size::square(0),
            dilation: Size::square(1),
            output_padding: Size::square(0),
            groups: 1,
            bias: true,
        }
    }

    /// `nn.Conv1d`.
    pub const fn conv1d(out_channels: u64, kernel: Size) -> Conv {
        Conv::new(1, false, out_channels, kernel)
    }

    /// `nn.Conv2d`.
    pub const fn conv2d(out_channels: u64, kernel: Size) -> Conv {
        Conv::new(2, false, out_channels, kernel)
    }

    /// `nn.Conv3d`.
    pub const fn conv3d(out_channels: u64, kernel: Size) -> Conv {
        Conv::new(3, false, out_channels, kernel)
    }

    /// `nn.ConvTranspose1d`.
    pub const fn conv_transpose1d(out_channels: u64, kernel: Size) -> Conv {
        Conv::new(1, true, out_channels, kernel)
    }

    /// `nn.ConvTranspose2d`.
    pub const fn conv_transpose2d(out_channels: u64, kernel: Size) -> Conv {
        Conv::new(2, true, out_channels, kernel)
    }

    /// `nn.ConvTranspose3d`.
    pub const fn conv_transpose3d(out_channels: u64, kernel: Size) -> Conv {
        Conv::new(3, true, out_channels, kernel)
    }

    /// `F.conv2d(x, weight, bias, stride, padding, dilation, groups)`: the channels and
    /// kernel from `weight`, `[out, in / groups, k…]` (transposed: `[in, out / groups,
    /// k…]`), a bias (`[out]`) if given.
    pub const fn with_weights(
        mut self,
        weight: Option<Shape>,
        bias: Option<Shape>,
    ) -> Result<Conv, Error> {
        let layout = match (self.rank, self.transposed) {
            (1, false) => "3 ([out, in / groups, k]) as its weight",
            (2, false) => "4 ([out, in / groups, kh, kw]) as its weight",
            (_, false) => "5 ([out, in / groups, kd, kh, kw]) as its weight",
            (1, true) => "3 ([in, out / groups, k]) as its weight",
            (2, true) => "4 ([in, out / groups, kh, kw]) as its weight",
            (_, true) => "5 ([in, out / groups, kd, kh, kw]) as its weight",
        };
        let w = tri!(super::weight_of(self.kind(), weight, self.rank + 2, layout));
        let per_group = match w.dim(1).checked_mul(self.groups) {
            Some(n) => n,
            None => return Err(crate::cost::overflow("channels")),
        };
        let (in_channels, out_channels) = if self.transposed {
            (w.dim(0), per_group)
        } else {
            (per_group, w.dim(0))
        };
        tri!(super::check_bias(
            self.kind(),
            bias,
            out_channels,
            "the bias is not one value per output channel"
        ));
        let mut kernel = [0u64; 3];
        let mut k = 0;
        while k < self.rank {
            kernel[k] = w.dim(2 + k);
            k += 1;
        }
        self.in_channels = Some(in_channels);
        self.out_channels = out_channels;
        self.kernel = Size::of(kernel.split_at(self.rank).0);
        self.bias = bias.is_some();
        Ok(self)
    }

    /// Declares the input channels (checked against the input).
    pub const fn in_channels(mut self, c: u64) -> Conv {
        self.in_channels = Some(c);
        self
    }

    /// Sets the stride.
    pub const fn stride(mut self, s: Size) -> Conv {
        self.stride = s;
        self
    }

    /// Sets the padding.
    pub const fn padding(mut self, p: Size) -> Conv {
        self.padding = p;
        self
    }

    /// Sets the dilation.
    pub const fn dilation(mut self, d: Size) -> Conv {
        self.dilation = d;
        self
    }

    /// Sets the output padding of a transposed convolution.
    pub const fn output_padding(mut self, p: Size) -> Conv {
        self.output_padding = p;
        self
    }

    /// Sets the groups.
    pub const fn groups(mut self, g: u64) -> Conv {
        self.groups = g;
        self
    }

    /// Sets whether there is a bias.
    pub const fn bias(mut self, b: bool) -> Conv {
        self.bias = b;
        self
    }

    /// The PyTorch class name: `Conv2d`, `ConvTranspose1d`, …
    pub const fn class(&self) -> &'static str {
        match (self.transposed, self.rank) {
            (false, 1) => "Conv1d",
            (false, 2) => "Conv2d",
            (false, _) => "Conv3d",
            (true, 1) => "ConvTranspose1d",
            (true, 2) => "ConvTranspose2d",
            (true, _) => "ConvTranspose3d",
        }
    }

    /// The attribute's name of the kind: `conv2d`, `conv_transpose1d`, …
    pub const fn kind(&self) -> &'static str {
        match (self.transposed, self.rank) {
            (false, 1) => "conv1d",
            (false, 2) => "conv2d",
            (false, _) => "conv3d",
            (true, 1) => "conv_transpose1d",
            (true, 2) => "conv_transpose2d",
            (true, _) => "conv_transpose3d",
        }
    }

    const fn check_args(&self) -> Result<(), Error> {
        let r = self.rank;
        if r == 0 || r > 3 {
            return Err(invalid(
                "conv",
                "a convolution has 1, 2 or 3 spatial dimensions",
            ));
        }
        let name = self.kind();
        tri!(self.kernel.check(name, "kernel", r));
        tri!(self.stride.check(name, "stride", r));
        tri!(self.padding.check(name, "padding", r));
        tri!(self.dilation.check(name, "dilation", r));
        tri!(self.output_padding.check(name, "output_padding", r));
        tri!(nonzero(name, "out", self.out_channels));
        tri!(nonzero(name, "groups", self.groups));
        if self.kernel.has_zero(r) {
            return Err(Error::new(ErrorKind::Zero {
                layer: name,
                arg: "kernel",
            }));
        }
        if self.stride.has_zero(r) {
            return Err(Error::new(ErrorKind::Zero {
                layer: name,
                arg: "stride",
            }));
        }
        if self.dilation.has_zero(r) {
            return Err(Error::new(ErrorKind::Zero {
                layer: name,
                arg: "dilation",
            }));
        }
        let mut i = 0;
        while i < r {
            let op = self.output_padding.get(i);
            if op != 0 && !self.transposed {
                return Err(invalid(
                    name,
                    "only a transposed convolution has an output padding",
                ));
            }
            if op >= self.stride.get(i) && op >= self.dilation.get(i) {
                return Err(invalid(
                    name,
                    "output padding must be smaller than either stride or dilation",
                ));
            }
            i += 1;
        }
        Ok(())
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        tri!(self.check_args());
        let name = self.kind();
        let r = self.rank;
        if input.rank() != r + 2 {
            let expected = match r {
                1 => "3 ([N, C, L])",
                2 => "4 ([N, C, H, W])",
                _ => "5 ([N, C, D, H, W])",
            };
            return Err(Error::new(ErrorKind::Rank {
                layer: name,
                expected,
                got: input,
            }));
        }
        let mut k = 2;
        while k < input.rank() {
            if input.dim(k) == 0 {
                return Err(invalid(name, "the input has a spatial size of 0"));
            }
            k += 1;
        }
        let c = tri!(check_declared(
            "input channels",
            self.in_channels,
            input.dim(1)
        ));
        tri!(nonzero(name, "in", c));
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
        let mut dims = [0u64; MAX_RANK];
        dims[0] = input.dim(0);
        dims[1] = self.out_channels;
        let mut kernel_volume: u128 = 1;
        let mut i = 0;
        while i < r {
            let size = input.dim(2 + i);
            let (k, s, p, d) = (
                self.kernel.get(i),
                self.stride.get(i),
                self.padding.get(i),
                self.dilation.get(i),
            );
            dims[2 + i] = if self.transposed {
                tri!(transposed_output_size(
                    name,
                    size,
                    k,
                    s,
                    p,
                    d,
                    self.output_padding.get(i)
                ))
            } else {
                tri!(output_size(name, size, k, s, p, d, false))
            };
            kernel_volume *= k as u128;
            i += 1;
        }
        let output = Shape::new(dims.split_at(r + 2).0);
        let mut layer = *self;
        layer.in_channels = Some(c);
        // The spatial extent the kernel visits: the output's for a convolution, the
        // input's for a transposed one.
        let (visited, per_group, channels) = if self.transposed {
            (input, self.out_channels / self.groups, c)
        } else {
            (output, c / self.groups, self.out_channels)
        };
        let mut spatial: u128 = 1;
        let mut j = 0;
        while j < r {
            spatial *= visited.dim(2 + j) as u128;
            j += 1;
        }
        let flops = tri!(flops_product(&[
            input.dim(0) as u128,
            channels as u128,
            per_group as u128,
            kernel_volume,
            spatial
        ]));
        let acts = match output.checked_numel() {
            Some(n) => tri!(activations(n)),
            None => return Err(crate::cost::overflow("activations")),
        };
        let mut cost = Cost::op(OpKind::Conv, flops, acts);
        cost.params = tri!(tri!(layer.params()).count());
        Ok(Applied {
            layer: Layer::Conv(layer),
            output,
            cost,
        })
    }

    /// `weight [out, in / groups, *kernel]` (transposed: `[in, out / groups, *kernel]`)
    /// and, with bias, `bias [out]`. Input channels must be known (declared, or inferred
    /// by [`Conv::apply`]).
    pub const fn params(&self) -> Result<Params, Error> {
        let c = tri!(known(self.in_channels, "in"));
        let g = if self.groups == 0 { 1 } else { self.groups };
        let mut dims = [0u64; MAX_RANK];
        if self.transposed {
            dims[0] = c;
            dims[1] = self.out_channels / g;
        } else {
            dims[0] = self.out_channels;
            dims[1] = c / g;
        }
        let mut i = 0;
        while i < self.rank {
            dims[2 + i] = self.kernel.get(i);
            i += 1;
        }
        let p = Params::NONE.with("weight", Shape::new(dims.split_at(self.rank + 2).0));
        Ok(if self.bias {
            p.with("bias", Shape::new(&[self.out_channels]))
        } else {
            p
        })
    }

    /// PyTorch's `extra_repr`: `3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        let r = self.rank;
        let mut s = alloc::format!(
            "{}, {}, kernel_size={}, stride={}",
            self.in_channels.unwrap_or(0),
            self.out_channels,
            self.kernel.to_python_tuple(r),
            self.stride.to_python_tuple(r)
        );
        if !self.padding.all(r, 0) {
            s += &alloc::format!(", padding={}", self.padding.to_python_tuple(r));
        }
        if !self.dilation.all(r, 1) {
            s += &alloc::format!(", dilation={}", self.dilation.to_python_tuple(r));
        }
        if !self.output_padding.all(r, 0) {
            s += &alloc::format!(
                ", output_padding={}",
                self.output_padding.to_python_tuple(r)
            );
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

const fn invalid(layer: &'static str, reason: &'static str) -> Error {
    Error::new(ErrorKind::Invalid { layer, reason })
}

/// The output size of a transposed convolution along one dimension:
/// `(in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1`, which must be
/// positive.
pub const fn transposed_output_size(
    layer: &'static str,
    input: u64,
    kernel: u64,
    stride: u64,
    padding: u64,
    dilation: u64,
    output_padding: u64,
) -> Result<u64, Error> {
    if input == 0 || kernel == 0 {
        return Err(invalid(
            layer,
            "the input and the kernel have sizes of at least 1",
        ));
    }
    // Each term is below 2^128: (2^64 − 1)² and sums of a few of them fit in u128 only
    // when checked.
    let grown = match ((input as u128 - 1) * stride as u128)
        .checked_add(dilation as u128 * (kernel as u128 - 1))
    {
        Some(n) => match n.checked_add(output_padding as u128 + 1) {
            Some(n) => n,
            None => return Err(crate::cost::overflow("shape")),
        },
        None => return Err(crate::cost::overflow("shape")),
    };
    let cut = 2 * padding as u128;
    if grown <= cut {
        let size = grown as i128 - cut as i128;
        let size = if size < i64::MIN as i128 {
            i64::MIN
        } else {
            size as i64
        };
        return Err(Error::new(ErrorKind::NonPositiveOutput { layer, size }));
    }
    super::window::fits(grown - cut)
}

impl Conv {
    /// What autograd keeps: the input (for the weight's gradient), transposed or not.
    pub(crate) const fn keeps(&self) -> Keep {
        Keep::INPUT
    }
}

impl Conv {
    /// ptflops' and calflops' rules, the sizes filled in, on `input` giving `output`
    /// with `macs` multiply-adds (mmengine's figure, which both tools' multiply-adds
    /// equal):
    ///
    /// - ptflops hooks `nn.Conv{1,2,3}d` and `nn.ConvTranspose{1,2,3}d` by exact class:
    ///   `macs + numel(output)` with a bias, `macs` without; it does not wrap `F.conv2d`.
    /// - calflops wraps `F.conv{1,2,3}d`: `2 · macs + numel(output)` with a bias, MACs
    ///   `macs`; and `F.conv_transpose{1,2,3}d` with its own arithmetic: MACs
    ///   `prod(kernel) · C_in · ((C_out/groups)/groups) · N · prod(in_spatial)` (it reads
    ///   the output channels from a weight `[C_in, C_out/groups, …]` and divides by the
    ///   groups again), FLOPs twice that plus, with a bias, `C_out/groups · N ·` the output
    ///   size an ordinary convolution would give, `⌊(in + 2·padding − dilation·(k − 1) −
    ///   1) / stride⌋ + 1` per dimension (taken as 0 where negative).
    ///
    /// O(rank).
    pub(crate) const fn tools(
        &self,
        input: Shape,
        output: Shape,
        macs: u128,
        how: crate::convention::Use,
    ) -> Result<crate::cost::ToolFlops, Error> {
        let out = tri!(super::numel(output));
        let bias = if self.bias { out } else { 0 };
        let mut t = crate::cost::ToolFlops::ZERO;
        if how.hooked() {
            t.ptflops = match macs.checked_add(bias) {
                Some(v) => v,
                None => return Err(crate::cost::overflow("FLOPs")),
            };
        }
        if !how.calls_function() {
            return Ok(t);
        }
        let (cal_macs, cal_bias) = if self.transposed {
            let c_in = input.dim(1) as u128;
            let per_group = self.out_channels / self.groups;
            let filters = (per_group / self.groups) as u128;
            let mut k: u128 = 1;
            let mut spatial: u128 = 1;
            let mut forward: u128 = 1;
            let mut i = 0;
            while i < self.rank {
                let kernel = self.kernel.get(i) as i128;
                let size = input.dim(2 + i) as i128;
                k = tri!(flops_product(&[k, kernel as u128]));
                spatial = tri!(flops_product(&[spatial, size as u128]));
                let span = self.dilation.get(i) as i128 * (kernel - 1) + 1;
                let d = (size + 2 * self.padding.get(i) as i128 - span)
                    .div_euclid(self.stride.get(i) as i128)
                    + 1;
                forward = tri!(flops_product(&[forward, if d > 0 { d as u128 } else { 0 }]));
                i += 1;
            }
            let n = input.dim(0) as u128;
            let m = tri!(flops_product(&[k, c_in, filters, n, spatial]));
            let b = if self.bias {
                tri!(flops_product(&[per_group as u128, n, forward]))
            } else {
                0
            };
            (m, b)
        } else {
            (macs, bias)
        };
        t.calflops_macs = cal_macs;
        t.calflops = match cal_macs.checked_mul(2) {
            Some(v) => match v.checked_add(cal_bias) {
                Some(v) => v,
                None => return Err(crate::cost::overflow("FLOPs")),
            },
            None => return Err(crate::cost::overflow("FLOPs")),
        };
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(c: Conv, input: &[u64]) -> Applied {
        c.apply(Shape::new(input)).unwrap()
    }

    fn counts(a: &Applied) -> (u128, u64) {
        (a.cost.flops, a.cost.activations)
    }

    // Per-op values measured with mmengine, from tests/fixtures/CONVENTIONS.md.
    #[test]
    fn conv2d_with_bias_and_padding() {
        // Conv2d(3,8,3,padding=1,bias) x[2,3,16,16]: flops 110592 acts 4096.
        let a = run(
            Conv::conv2d(8, Size::square(3)).padding(Size::square(1)),
            &[2, 3, 16, 16],
        );
        assert_eq!(counts(&a), (110_592, 4_096));
        assert_eq!(a.cost.flops_of(OpKind::Conv), 110_592);
        // params: 8·3·3·3 + 8 = 224.
        assert_eq!(a.cost.params, 224);
        assert_eq!(a.output.dims(), &[2, 8, 16, 16]);
    }

    #[test]
    fn conv2d_grouped_strided() {
        // Conv2d(8,8,3,groups=4,stride=2) x[1,8,16,16]: flops 7056 acts 392.
        let a = run(
            Conv::conv2d(8, Size::square(3))
                .groups(4)
                .stride(Size::square(2)),
            &[1, 8, 16, 16],
        );
        assert_eq!(counts(&a), (7_056, 392));
        // params: 8·(8/4)·3·3 + 8 = 152.
        assert_eq!(a.cost.params, 152);
    }

    #[test]
    fn conv1d_and_conv3d() {
        // Conv1d(4,6,5) x[1,4,20]: flops 1920 acts 96.
        assert_eq!(
            counts(&run(Conv::conv1d(6, Size::square(5)), &[1, 4, 20])),
            (1_920, 96)
        );
        // Conv3d(2,4,3) x[1,2,6,6,6]: flops 13824 acts 256.
        let a = run(Conv::conv3d(4, Size::square(3)), &[1, 2, 6, 6, 6]);
        assert_eq!(counts(&a), (13_824, 256));
        // params: 4·2·27 + 4.
        assert_eq!(a.cost.params, 220);
    }

    #[test]
    fn transposed_convolutions() {
        // ConvTranspose2d(8,4,4,stride=2,padding=1) x[1,8,5,5]: flops 12800 acts 400.
        let a = run(
            Conv::conv_transpose2d(4, Size::square(4))
                .stride(Size::square(2))
                .padding(Size::square(1)),
            &[1, 8, 5, 5],
        );
        assert_eq!(counts(&a), (12_800, 400));
        assert_eq!(a.output.dims(), &[1, 4, 10, 10]);
        // params: weight [8, 4, 4, 4] + bias 4.
        assert_eq!(a.cost.params, 8 * 4 * 16 + 4);
        // ConvTranspose2d(8,4,3,stride=2,groups=2) x[1,8,5,5]: flops 3600 acts 484.
        let a = run(
            Conv::conv_transpose2d(4, Size::square(3))
                .stride(Size::square(2))
                .groups(2),
            &[1, 8, 5, 5],
        );
        assert_eq!(counts(&a), (3_600, 484));
        assert_eq!(a.cost.params, 8 * 2 * 9 + 4);
    }

    #[test]
    fn resnet18_conv1_by_hand() {
        // 7·7·3·64 = 9,408 params; 7·7·3·64·112·112 = 118,013,952 FLOPs; 64·112·112 acts.
        let a = run(
            Conv::conv2d(64, Size::square(7))
                .stride(Size::square(2))
                .padding(Size::square(3))
                .bias(false),
            &[1, 3, 224, 224],
        );
        assert_eq!(a.cost.params, 9_408);
        assert_eq!(counts(&a), (118_013_952, 802_816));
    }

    #[test]
    fn declared_channels_and_sizes_are_checked() {
        let e = Conv::conv2d(8, Size::square(3))
            .in_channels(32)
            .apply(Shape::new(&[1, 64, 8, 8]))
            .unwrap_err();
        assert_eq!(e.to_string(), "model: expects 32 input channels, got 64");
        let e = Conv::conv2d(6, Size::square(3))
            .groups(4)
            .apply(Shape::new(&[1, 8, 8, 8]))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "model: groups = 4 does not divide the 6 output channels"
        );
        let e = Conv::conv3d(6, Size::pair(3, 3))
            .apply(Shape::new(&[1, 8, 8, 8, 8]))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "model: conv3d: `kernel` takes one number or 3, got 2"
        );
    }

    #[cfg(feature = "alloc")]
    #[test]
    fn extra_repr_is_pytorchs() {
        let a = run(
            Conv::conv2d(128, Size::square(1))
                .stride(Size::square(2))
                .bias(false),
            &[1, 64, 56, 56],
        );
        let Layer::Conv(c) = a.layer else {
            unreachable!()
        };
        assert_eq!(
            c.extra_repr(),
            "64, 128, kernel_size=(1, 1), stride=(2, 2), bias=False"
        );
        let a = run(Conv::conv1d(6, Size::square(5)).groups(2), &[1, 4, 20]);
        let Layer::Conv(c) = a.layer else {
            unreachable!()
        };
        assert_eq!(
            c.extra_repr(),
            "4, 6, kernel_size=(5,), stride=(1,), groups=2"
        );
    }
}
