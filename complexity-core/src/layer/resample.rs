//! Resampling: `upsample` (`nn.Upsample`), `pixel_shuffle`, `pixel_unshuffle`.
//!
//! mmengine's rules, measured with mmengine 0.10.7 (the repository's
//! `tests/fixtures/mmengine_layers.json`): `upsample_nearest2d` costs `1 · numel(output)`,
//! `upsample_bilinear2d` `4 · numel(output)`; every other mode (1-d, 3-d, bicubic) and the
//! pixel shuffles cost **0**.

use super::{Applied, Layer, Size, nonzero, numel, tri};
use crate::cost::{Cost, OpKind, ZeroOp, flops_product};
use crate::error::{Error, ErrorKind};
use crate::shape::Shape;

/// `nn.Upsample`'s `mode`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum UpsampleMode {
    /// `'nearest'` (1, 2 or 3 spatial dimensions).
    Nearest,
    /// `'nearest-exact'` (1, 2 or 3).
    NearestExact,
    /// `'linear'` (1).
    Linear,
    /// `'bilinear'` (2).
    Bilinear,
    /// `'bicubic'` (2).
    Bicubic,
    /// `'trilinear'` (3).
    Trilinear,
}

impl UpsampleMode {
    /// PyTorch's spelling.
    pub const fn name(self) -> &'static str {
        match self {
            UpsampleMode::Nearest => "nearest",
            UpsampleMode::NearestExact => "nearest-exact",
            UpsampleMode::Linear => "linear",
            UpsampleMode::Bilinear => "bilinear",
            UpsampleMode::Bicubic => "bicubic",
            UpsampleMode::Trilinear => "trilinear",
        }
    }

    /// The mode spelled `name`, if any.
    pub const fn from_name(name: &str) -> Option<UpsampleMode> {
        match name.as_bytes() {
            b"nearest" => Some(UpsampleMode::Nearest),
            b"nearest-exact" => Some(UpsampleMode::NearestExact),
            b"linear" => Some(UpsampleMode::Linear),
            b"bilinear" => Some(UpsampleMode::Bilinear),
            b"bicubic" => Some(UpsampleMode::Bicubic),
            b"trilinear" => Some(UpsampleMode::Trilinear),
            _ => None,
        }
    }

    /// The spatial dimensions it works on, `None` for any of 1, 2, 3.
    const fn rank(self) -> Option<usize> {
        match self {
            UpsampleMode::Nearest | UpsampleMode::NearestExact => None,
            UpsampleMode::Linear => Some(1),
            UpsampleMode::Bilinear | UpsampleMode::Bicubic => Some(2),
            UpsampleMode::Trilinear => Some(3),
        }
    }
}

/// `nn.Upsample(size | scale_factor, mode, align_corners)` on `[N, C, *spatial]`.
///
/// - output: the spatial sizes `size`, or `⌊in · scale_factor⌋`;
/// - params: 0;
/// - FLOPs: `nearest` on 2 spatial dimensions (op `upsample_nearest2d`)
///   `1 · numel(output)`, `bilinear` (op `upsample_bilinear2d`) `4 · numel(output)`,
///   mmengine's rules; every other mode and rank **0** (no handle), counted as the
///   [`ZeroOp`] `upsample`;
/// - activations: 0.
#[derive(Clone, Copy, PartialEq, Debug)]
pub struct Upsample {
    /// The output's spatial size, if given.
    pub size: Option<Size>,
    /// The scale, if given (one factor for every spatial dimension).
    pub scale_factor: Option<f64>,
    /// The interpolation.
    pub mode: UpsampleMode,
    /// `align_corners` (not printed by PyTorch's repr; changes no count).
    pub align_corners: bool,
}

impl Upsample {
    /// An upsample with PyTorch's defaults: `nearest`, and a `size` or `scale_factor` to
    /// give.
    pub const fn new() -> Upsample {
        Upsample {
            size: None,
            scale_factor: None,
            mode: UpsampleMode::Nearest,
            align_corners: false,
        }
    }

    /// Sets the output size.
    pub const fn size(mut self, size: Size) -> Upsample {
        self.size = Some(size);
        self
    }

    /// Sets the scale factor.
    pub const fn scale_factor(mut self, scale: f64) -> Upsample {
        self.scale_factor = Some(scale);
        self
    }

    /// Sets the mode.
    pub const fn mode(mut self, mode: UpsampleMode) -> Upsample {
        self.mode = mode;
        self
    }

    /// Sets `align_corners`.
    pub const fn align_corners(mut self, a: bool) -> Upsample {
        self.align_corners = a;
        self
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        const NAME: &str = "upsample";
        if input.rank() < 3 || input.rank() > 5 {
            return Err(Error::new(ErrorKind::Rank {
                layer: NAME,
                expected: "3, 4 or 5 ([N, C, L], [N, C, H, W] or [N, C, D, H, W])",
                got: input,
            }));
        }
        let r = input.rank() - 2;
        if let Some(want) = self.mode.rank()
            && want != r
        {
            return Err(Error::new(ErrorKind::Invalid {
                layer: NAME,
                reason: "the mode does not fit the input's spatial dimensions (linear: 1, bilinear and bicubic: 2, trilinear: 3)",
            }));
        }
        let mut output = input;
        match (self.size, self.scale_factor) {
            (Some(size), None) => {
                tri!(size.check(NAME, "size", r));
                let mut i = 0;
                while i < r {
                    tri!(nonzero(NAME, "size", size.get(i)));
                    output = output.with_dim(2 + i, size.get(i));
                    i += 1;
                }
            }
            (None, Some(scale)) => {
                if scale.is_nan() || scale <= 0.0 {
                    return Err(Error::new(ErrorKind::Invalid {
                        layer: NAME,
                        reason: "scale_factor must be positive",
                    }));
                }
                let mut i = 0;
                while i < r {
                    let scaled = input.dim(2 + i) as f64 * scale;
                    if scaled >= i64::MAX as f64 {
                        return Err(crate::cost::overflow("shape"));
                    }
                    let n = scaled as u64;
                    if n == 0 {
                        return Err(Error::new(ErrorKind::Invalid {
                            layer: NAME,
                            reason: "the output would have a spatial size of 0",
                        }));
                    }
                    output = output.with_dim(2 + i, n);
                    i += 1;
                }
            }
            _ => {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: NAME,
                    reason: "either size or scale_factor should be defined, not both",
                }));
            }
        }
        let cost = match (self.mode, r) {
            (UpsampleMode::Nearest, 2) => {
                Cost::op(OpKind::UpsampleNearest2d, tri!(numel(output)), 0)
            }
            (UpsampleMode::Bilinear, _) => Cost::op(
                OpKind::UpsampleBilinear2d,
                tri!(flops_product(&[4, tri!(numel(output))])),
                0,
            ),
            _ => Cost::zero(ZeroOp::Upsample),
        };
        Ok(Applied {
            layer: Layer::Upsample(*self),
            output,
            cost,
        })
    }

    /// PyTorch's `extra_repr`: `scale_factor=2.0, mode='nearest'` or
    /// `size=(7, 9), mode='bilinear'`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        let what = match (self.scale_factor, self.size) {
            (Some(s), _) => alloc::format!("scale_factor={}", crate::format::python_float(s)),
            (None, Some(size)) => alloc::format!("size={}", size.to_python()),
            (None, None) => "size=None".into(),
        };
        alloc::format!("{what}, mode='{}'", self.mode.name())
    }
}

impl Default for Upsample {
    fn default() -> Self {
        Upsample::new()
    }
}

/// `nn.PixelShuffle(upscale_factor)` (`[*, C·r², H, W]` to `[*, C, H·r, W·r]`) and
/// `nn.PixelUnshuffle(downscale_factor)` (the reverse).
///
/// - params: 0;
/// - FLOPs: **0** (no handle for `aten::pixel_shuffle` or `aten::pixel_unshuffle`),
///   counted as the matching [`ZeroOp`];
/// - activations: 0.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct PixelShuffle {
    /// The factor `r`.
    pub factor: u64,
    /// `PixelUnshuffle` when true.
    pub unshuffle: bool,
}

impl PixelShuffle {
    /// `nn.PixelShuffle(upscale_factor)`.
    pub const fn shuffle(factor: u64) -> PixelShuffle {
        PixelShuffle {
            factor,
            unshuffle: false,
        }
    }

    /// `nn.PixelUnshuffle(downscale_factor)`.
    pub const fn unshuffle(factor: u64) -> PixelShuffle {
        PixelShuffle {
            factor,
            unshuffle: true,
        }
    }

    /// `PixelShuffle` or `PixelUnshuffle`.
    pub const fn class(&self) -> &'static str {
        if self.unshuffle {
            "PixelUnshuffle"
        } else {
            "PixelShuffle"
        }
    }

    /// See the type's documentation for the rules.
    pub const fn apply(&self, input: Shape) -> Result<Applied, Error> {
        let name = if self.unshuffle {
            "pixel_unshuffle"
        } else {
            "pixel_shuffle"
        };
        tri!(nonzero(name, "factor", self.factor));
        if input.rank() < 3 {
            return Err(Error::new(ErrorKind::Rank {
                layer: name,
                expected: "at least 3 ([*, C, H, W])",
                got: input,
            }));
        }
        let r = self.factor;
        let (c, h, w) = (input.rank() - 3, input.rank() - 2, input.rank() - 1);
        let squared = match r.checked_mul(r) {
            Some(n) => n,
            None => return Err(crate::cost::overflow("shape")),
        };
        let output = if self.unshuffle {
            if !input.dim(h).is_multiple_of(r) || !input.dim(w).is_multiple_of(r) {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: name,
                    reason: "the height and width must be divisible by downscale_factor",
                }));
            }
            let channels = match input.dim(c).checked_mul(squared) {
                Some(n) if n <= i64::MAX as u64 => n,
                _ => return Err(crate::cost::overflow("shape")),
            };
            input
                .with_dim(c, channels)
                .with_dim(h, input.dim(h) / r)
                .with_dim(w, input.dim(w) / r)
        } else {
            if !input.dim(c).is_multiple_of(squared) {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: name,
                    reason: "the channels must be divisible by the square of upscale_factor",
                }));
            }
            let (hh, ww) = match (input.dim(h).checked_mul(r), input.dim(w).checked_mul(r)) {
                (Some(a), Some(b)) if a <= i64::MAX as u64 && b <= i64::MAX as u64 => (a, b),
                _ => return Err(crate::cost::overflow("shape")),
            };
            input
                .with_dim(c, input.dim(c) / squared)
                .with_dim(h, hh)
                .with_dim(w, ww)
        };
        Ok(Applied {
            layer: Layer::PixelShuffle(*self),
            output,
            cost: Cost::zero(if self.unshuffle {
                ZeroOp::PixelUnshuffle
            } else {
                ZeroOp::PixelShuffle
            }),
        })
    }

    /// PyTorch's `extra_repr`: `upscale_factor=2` / `downscale_factor=2`.
    #[cfg(feature = "alloc")]
    pub fn extra_repr(&self) -> alloc::string::String {
        if self.unshuffle {
            alloc::format!("downscale_factor={}", self.factor)
        } else {
            alloc::format!("upscale_factor={}", self.factor)
        }
    }
}

impl Upsample {
    /// ptflops' and calflops' rules on `input` giving `output`: ptflops hooks
    /// `nn.Upsample` by exact class, `numel(output) / N` (its hook reads `output[0]`, the
    /// first sample); both wrap `F.interpolate`, which the module calls: ptflops
    /// `prod(size) · N · C` for a `size` (`size^spatial · N · C` for one number) and
    /// `numel(input) · scale^spatial` for a `scale_factor` (a fractional result floored
    /// per call, where ptflops adds the fractions), calflops `prod(size)` (the number
    /// itself for one number) and `numel(input)` for a `scale_factor`. O(rank).
    pub(crate) const fn tools(
        &self,
        input: Shape,
        output: Shape,
        how: crate::convention::Use,
    ) -> Result<crate::cost::ToolFlops, Error> {
        let mut t = crate::cost::ToolFlops::ZERO;
        if how.calls_function() {
            let spatial = input.rank() - 2;
            let nc = input.dim(0) as u128 * input.dim(1) as u128;
            let n_in = tri!(numel(input));
            match (self.size, self.scale_factor) {
                (Some(size), _) => {
                    let mut prod: u128 = 1;
                    let mut i = 0;
                    while i < spatial {
                        prod = tri!(flops_product(&[prod, size.get(i) as u128]));
                        i += 1;
                    }
                    t.ptflops = tri!(flops_product(&[prod, nc]));
                    t.calflops = if size.is_scalar() {
                        size.get(0) as u128
                    } else {
                        prod
                    };
                }
                (None, Some(scale)) => {
                    let mut f = n_in as f64;
                    let mut i = 0;
                    while i < spatial {
                        f *= scale;
                        i += 1;
                    }
                    t.ptflops = if f >= u128::MAX as f64 {
                        return Err(crate::cost::overflow("FLOPs"));
                    } else {
                        f as u128
                    };
                    t.calflops = n_in;
                }
                (None, None) => {}
            }
        }
        if how.hooked() {
            let n = if output.dim(0) == 0 { 1 } else { output.dim(0) };
            let first = tri!(numel(output)) / n as u128;
            t.ptflops = match t.ptflops.checked_add(first) {
                Some(v) => v,
                None => return Err(crate::cost::overflow("FLOPs")),
            };
        }
        Ok(t)
    }
}
