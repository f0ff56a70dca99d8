//! Pooling: `max_pool1d/2d/3d`, `avg_pool1d/2d/3d`, `adaptive_avg_pool1d/2d/3d`,
//! `adaptive_max_pool1d/2d/3d`.
//!
//! mmengine's rules, each measured with mmengine 0.10.7 (the repository's
//! `tests/fixtures/mmengine_layers.json`): every pool costs **0** FLOPs (no handle for
//! `aten::max_pool*`, `aten::avg_pool*`, `aten::adaptive_max_pool*`,
//! `aten::adaptive_avg_pool1d/3d`) except `adaptive_avg_pool2d`, which costs
//! `numel(input)`.

use super::window::output_size;
use super::{Applied, Layer, Size, nonzero, numel, tri};
use crate::cost::{Cost, OpKind, ZeroOp};
use crate::error::{Error, ErrorKind};
use crate::memory::saved::{Keep, Saved, elems};
use crate::shape::Shape;

/// Checks for `[C, *spatial]` or `[N, C, *spatial]` with `rank` spatial dimensions.
const fn spatial_input(layer: &'static str, rank: usize, input: Shape) -> Result<(), Error> {
    if input.rank() == rank + 1 || input.rank() == rank + 2 {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::Rank {
            layer,
            expected: match rank {
                1 => "2 or 3 ([C, L] or [N, C, L])",
                2 => "3 or 4 ([C, H, W] or [N, C, H, W])",
                _ => "4 or 5 ([C, D, H, W] or [N, C, D, H, W])",
            },
            got: input,
        }))
    }
}

/// Max or average.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum PoolKind {
    /// `nn.MaxPool*d`
    Max,
    /// `nn.AvgPool*d`
    Avg,
}

/// `nn.MaxPool1d/2d/3d(kernel, stride, padding, dilation, ceil_mode)` and
/// `nn.AvgPool1d/2d/3d(kernel, stride, padding, ceil_mode)` on `[N, C, *spatial]` or
/// `[C, *spatial]`.
///
/// - output: the spatial sizes by [`output_size`] (with `ceil_mode`), channels unchanged;
/// - params: 0;
/// - FLOPs: **0**, mmengine's rule (no handle for `aten::max_pool*d` or
///   `aten::avg_pool*d`), counted as the [`ZeroOp`] `max_pool` or `avg_pool`;
/// - activations: 0.
///
/// `stride` defaults to the kernel size; padding must be at most half the kernel, as in
/// PyTorch; an average pool has no dilation.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Pool {
    /// Max or average.
    pub kind: PoolKind,
    /// Spatial dimensions: 1, 2 or 3.
    pub rank: usize,
    /// Window size.
    pub kernel: Size,
    /// Stride, `None` for the kernel size.
    pub stride: Option<Size>,
    /// Implicit padding on each side (default 0).
    pub padding: Size,
    /// Dilation (default 1; max pools only).
    pub dilation: Size,
    /// Round the output size up instead of down (default false).
    pub ceil_mode: bool,
}

/// `nn.MaxPool2d`: a [`Pool`]. (`MaxPool2d::new(kernel)` builds one.)
pub type MaxPool2d = Pool;

impl Pool {
    /// A pool of `kind` over `rank` spatial dimensions, with PyTorch's defaults.
    pub const fn with_kind(kind: PoolKind, rank: usize, kernel: Size) -> Pool {
        Pool {
            kind,
            rank,
            kernel,
            stride: None,
            padding: Size::square(0),
            dilation: Size::square(1),
            ceil_mode: false,
        }
    }

    /// `nn.MaxPool2d(kernel)`.
    pub const fn new(kernel: Size) -> Pool {
        Pool::with_kind(PoolKind::Max, 2, kernel)
    }

    /// `nn.MaxPool1d(kernel)`.
    pub const fn max_pool1d(kernel: Size) -> Pool {
        Pool::with_kind(PoolKind::Max, 1, kernel)
    }

    /// `nn.MaxPool2d(kernel)`.
    pub const fn max_pool2d(kernel: Size) -> Pool {
        Pool::with_kind(PoolKind::Max, 2, kernel)
    }

    /// `nn.MaxPool3d(kernel)`.
    pub const fn max_pool3d(kernel: Size) -> Pool {
        Pool::with_kind(PoolKind::Max, 3, kernel)
    }

    /// `nn.AvgPool1d(kernel)`.
    pub const fn avg_pool1d(kernel: Size) -> Pool {
        Pool::with_kind(PoolKind::Avg, 1, kernel)
    }

    /// `nn.AvgPool2d(kernel)`.
    pub const fn avg_pool2d(kernel: Size) -> Pool {
        Pool::with_kind(PoolKind::Avg, 2, kernel)
    }

    /// `nn.AvgPool3d(kernel)`.
    pub const fn avg_pool3d(kernel: Size) -> Pool {
        Pool::with_kind(PoolKind::Avg, 3, kernel)
    }

    /// Sets the stride.
    pub const fn stride(mut self, s: Size) -> Pool {
        self.stride = Some(s);
        self
    }

    /// Sets the padding.
    pub const fn padding(mut self, p: Size) -> Pool {
        self.padding = p;
        self
    }

    /// Sets the dilation.
    pub const fn dilation(mut self, d: Size) -> Pool {
        self.dilation = d;
        self
    }

    /// Sets `ceil_mode`.
    pub const fn ceil_mode(mut self, c: bool) -> Pool {
        self.ceil_mode = c;
        self
    }

    /// Average pools' `count_include_pad`: it changes no count or shape, so it is
    /// accepted and ignored.
    pub const fn count_include_pad(self, _: bool) -> Pool {
        self
    }

    /// The stride in effect: as given, or the kernel size.
    pub const fn effective_stride(&self) -> Size {
        match self.stride {
            Some(s) => s,
            None => self.kernel,
        }
    }

    /// The PyTorch class name (`MaxPool2d`).
    pub const fn class(&self) -> &'static str {
        match (self.kind, self.rank) {
            (PoolKind::Max, 1) => "MaxPool1d",
            (PoolKind::Max, 2) => "MaxPool2d",
            (PoolKind::Max, _) => "MaxPool3d",
            (PoolKind::Avg, 1) => "AvgPool1d",
            (PoolKind::Avg, 2) => "AvgPool2d",
            (PoolKind::Avg, _) => "AvgPool3d",
        }
    }

    const fn name(&self) -> &'static str {
        match (self.kind, self.rank) {
            (PoolKind::Max, 1) => "max_pool1d",
            (PoolKind::Max, 2) => "max_pool2d",
            (PoolKind::Max, _) => "max_pool3d",
            (PoolKind::Avg, 1) => "avg_pool1d",
            (PoolKind::Avg, 2) => "avg_pool2d",
            (PoolKind::Avg, _) => "avg_pool3d",
        }
    }

    /// The FLOPs of a pool: 0 by mmengine's rule.
    pub const fn flops(&self, _input: Shape) -> u128 {
        0
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        let name = self.name();
        let r = self.rank;
        if r == 0 || r > 3 {
            return Err(Error::new(ErrorKind::Invalid {
                layer: "pool",
                reason: "a pool has 1, 2 or 3 spatial dimensions",
            }));
        }
        tri!(spatial_input(name, r, input));
        let stride = self.effective_stride();
        tri!(self.kernel.check(name, "kernel", r));
        tri!(stride.check(name, "stride", r));
        tri!(self.padding.check(name, "padding", r));
        tri!(self.dilation.check(name, "dilation", r));
        if self.kernel.has_zero(r) {
            return Err(Error::new(ErrorKind::Zero {
                layer: name,
                arg: "kernel",
            }));
        }
        if stride.has_zero(r) {
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
        let first = input.rank() - r;
        let mut output = input;
        let mut i = 0;
        while i < r {
            if self.padding.get(i) > self.kernel.get(i) / 2 {
                return Err(Error::new(ErrorKind::Padding {
                    layer: name,
                    padding: self.padding.get(i),
                    kernel: self.kernel.get(i),
                }));
            }
            let size = tri!(output_size(
                name,
                input.dim(first + i),
                self.kernel.get(i),
                stride.get(i),
                self.padding.get(i),
                self.dilation.get(i),
                self.ceil_mode
            ));
            output = output.with_dim(first + i, size);
            i += 1;
        }
        let mut cost = Cost::zero(match self.kind {
            PoolKind::Max => ZeroOp::MaxPool,
            PoolKind::Avg => ZeroOp::AvgPool,
        });
        cost.flops = self.flops(input);
        Ok(Applied {
            layer: Layer::Pool(*self),
            output,
            cost,
        })
    }

    /// PyTorch's `extra_repr`: `kernel_size=3, stride=2, padding=1, dilation=1,
    /// ceil_mode=False` for a max pool, `kernel_size=3, stride=2, padding=1` for an average
    /// pool (`AvgPool1d` stores tuples: `kernel_size=(3,), stride=(3,), padding=(0,)`).
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        let size = |s: Size| {
            if matches!(self.kind, PoolKind::Avg) && self.rank == 1 {
                s.to_python_tuple(1)
            } else {
                s.to_python()
            }
        };
        match self.kind {
            PoolKind::Max => alloc::format!(
                "kernel_size={}, stride={}, padding={}, dilation={}, ceil_mode={}",
                size(self.kernel),
                size(self.effective_stride()),
                size(self.padding),
                size(self.dilation),
                super::py_bool(self.ceil_mode)
            ),
            PoolKind::Avg => alloc::format!(
                "kernel_size={}, stride={}, padding={}",
                size(self.kernel),
                size(self.effective_stride()),
                size(self.padding)
            ),
        }
    }
}

/// `nn.AdaptiveAvgPool1d/2d/3d(output_size)` and `nn.AdaptiveMaxPool1d/2d/3d(output_size)`
/// on `[N, C, *spatial]` or `[C, *spatial]`.
///
/// - output: the spatial sizes replaced by `output_size`;
/// - params: 0;
/// - FLOPs: `adaptive_avg_pool2d` (op `adaptive_avg_pool2d`) `numel(input)`, mmengine's
///   rule, whatever the output size; every other adaptive pool **0** (no handle), counted
///   as the [`ZeroOp`] `adaptive_avg_pool` or `adaptive_max_pool`;
/// - activations: 0.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct AdaptivePool {
    /// Max or average.
    pub kind: PoolKind,
    /// Spatial dimensions: 1, 2 or 3.
    pub rank: usize,
    /// The output's spatial size.
    pub output: Size,
}

/// `nn.AdaptiveAvgPool2d`: an [`AdaptivePool`]. (`AdaptiveAvgPool2d::new(size)` builds one.)
pub type AdaptiveAvgPool2d = AdaptivePool;

impl AdaptivePool {
    /// An adaptive pool of `kind` over `rank` spatial dimensions to `output`.
    pub const fn with_kind(kind: PoolKind, rank: usize, output: Size) -> AdaptivePool {
        AdaptivePool { kind, rank, output }
    }

    /// `nn.AdaptiveAvgPool2d(output)`.
    pub const fn new(output: Size) -> AdaptivePool {
        AdaptivePool::with_kind(PoolKind::Avg, 2, output)
    }

    /// `nn.AdaptiveAvgPool1d(output)`.
    pub const fn adaptive_avg_pool1d(output: Size) -> AdaptivePool {
        AdaptivePool::with_kind(PoolKind::Avg, 1, output)
    }

    /// `nn.AdaptiveAvgPool2d(output)`.
    pub const fn adaptive_avg_pool2d(output: Size) -> AdaptivePool {
        AdaptivePool::with_kind(PoolKind::Avg, 2, output)
    }

    /// `nn.AdaptiveAvgPool3d(output)`.
    pub const fn adaptive_avg_pool3d(output: Size) -> AdaptivePool {
        AdaptivePool::with_kind(PoolKind::Avg, 3, output)
    }

    /// `nn.AdaptiveMaxPool1d(output)`.
    pub const fn adaptive_max_pool1d(output: Size) -> AdaptivePool {
        AdaptivePool::with_kind(PoolKind::Max, 1, output)
    }

    /// `nn.AdaptiveMaxPool2d(output)`.
    pub const fn adaptive_max_pool2d(output: Size) -> AdaptivePool {
        AdaptivePool::with_kind(PoolKind::Max, 2, output)
    }

    /// `nn.AdaptiveMaxPool3d(output)`.
    pub const fn adaptive_max_pool3d(output: Size) -> AdaptivePool {
        AdaptivePool::with_kind(PoolKind::Max, 3, output)
    }

    /// The PyTorch class name (`AdaptiveAvgPool2d`).
    pub const fn class(&self) -> &'static str {
        match (self.kind, self.rank) {
            (PoolKind::Avg, 1) => "AdaptiveAvgPool1d",
            (PoolKind::Avg, 2) => "AdaptiveAvgPool2d",
            (PoolKind::Avg, _) => "AdaptiveAvgPool3d",
            (PoolKind::Max, 1) => "AdaptiveMaxPool1d",
            (PoolKind::Max, 2) => "AdaptiveMaxPool2d",
            (PoolKind::Max, _) => "AdaptiveMaxPool3d",
        }
    }

    const fn name(&self) -> &'static str {
        match (self.kind, self.rank) {
            (PoolKind::Avg, 1) => "adaptive_avg_pool1d",
            (PoolKind::Avg, 2) => "adaptive_avg_pool2d",
            (PoolKind::Avg, _) => "adaptive_avg_pool3d",
            (PoolKind::Max, 1) => "adaptive_max_pool1d",
            (PoolKind::Max, 2) => "adaptive_max_pool2d",
            (PoolKind::Max, _) => "adaptive_max_pool3d",
        }
    }

    /// The FLOPs: `numel(input)` for `adaptive_avg_pool2d`, else 0.
    pub const fn flops(&self, input: Shape) -> Result<u128, Error> {
        match (self.kind, self.rank) {
            (PoolKind::Avg, 2) => numel(input),
            _ => Ok(0),
        }
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        let name = self.name();
        let r = self.rank;
        if r == 0 || r > 3 {
            return Err(Error::new(ErrorKind::Invalid {
                layer: "adaptive pool",
                reason: "a pool has 1, 2 or 3 spatial dimensions",
            }));
        }
        tri!(spatial_input(name, r, input));
        tri!(self.output.check(name, "output_size", r));
        let first = input.rank() - r;
        let mut output = input;
        let mut i = 0;
        while i < r {
            tri!(nonzero(name, "output_size", self.output.get(i)));
            output = output.with_dim(first + i, self.output.get(i));
            i += 1;
        }
        let cost = match (self.kind, self.rank) {
            (PoolKind::Avg, 2) => Cost::op(OpKind::AdaptiveAvgPool2d, tri!(self.flops(input)), 0),
            (PoolKind::Avg, _) => Cost::zero(ZeroOp::AdaptiveAvgPool),
            (PoolKind::Max, _) => Cost::zero(ZeroOp::AdaptiveMaxPool),
        };
        Ok(Applied {
            layer: Layer::AdaptivePool(*self),
            output,
            cost,
        })
    }

    /// PyTorch's `extra_repr`: `output_size=(1, 1)`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        alloc::format!("output_size={}", self.output.to_python())
    }
}

impl Pool {
    /// What autograd keeps: the input; a max pool also its int64 indices, one per output
    /// element.
    pub(crate) const fn keeps(&self, output: Shape) -> Keep {
        match self.kind {
            PoolKind::Max => Keep::INPUT.with(Saved::indices(elems(output))),
            PoolKind::Avg => Keep::INPUT,
        }
    }
}

impl AdaptivePool {
    /// What autograd keeps: the input (an average to one element per channel is a
    /// `mean`, which keeps nothing); a max pool also its int64 indices.
    pub(crate) const fn keeps(&self, input: Shape, output: Shape) -> Keep {
        match self.kind {
            PoolKind::Max => Keep::INPUT.with(Saved::indices(elems(output))),
            PoolKind::Avg
                if input.rank() >= 2
                    && elems(output) == input.dim(0) as u128 * input.dim(1) as u128 =>
            {
                Keep::NOTHING
            }
            PoolKind::Avg => Keep::INPUT,
        }
    }
}

/// ptflops' and calflops' rule of every pool: ptflops hooks `nn.{Max,Avg}Pool{1,2,3}d`
/// and `nn.Adaptive{Max,Avg}Pool{1,2,3}d` by exact class, `numel(input)`, and both wrap
/// the `F.` function the module calls (or a `forward` calls), `numel(input)` again: a
/// pool module counts twice in ptflops. O(rank).
pub(crate) const fn tools(
    input: Shape,
    how: crate::convention::Use,
) -> Result<crate::cost::ToolFlops, Error> {
    let n = tri!(numel(input));
    let mut t = crate::cost::ToolFlops::ZERO;
    if how.calls_function() {
        t.ptflops = n;
        t.calflops = n;
    }
    if how.hooked() {
        t.ptflops = match t.ptflops.checked_add(n) {
            Some(v) => v,
            None => return Err(crate::cost::overflow("FLOPs")),
        };
    }
    Ok(t)
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
