//! Sliding-window size arithmetic, shared by convolutions and pools.

use super::tri;
use crate::error::{Error, ErrorKind};

/// The output size of a sliding window along one dimension, PyTorch's formula:
///
/// `out = ⌊(in + 2·padding − dilation·(kernel − 1) − 1 + (stride − 1 if ceil_mode)) / stride⌋ + 1`,
///
/// minus one when `ceil_mode` would start the last window inside the right padding
/// (`(out − 1)·stride ≥ in + padding`). The window must fit the padded input.
/// `stride`, `kernel` and `dilation` must be at least 1 (checked by the callers).
pub const fn output_size(
    layer: &'static str,
    input: u64,
    kernel: u64,
    stride: u64,
    padding: u64,
    dilation: u64,
    ceil_mode: bool,
) -> Result<u64, Error> {
    let padded = input as u128 + 2 * padding as u128;
    let window = dilation as u128 * (kernel as u128 - 1) + 1;
    if window > padded {
        return Err(Error::new(ErrorKind::EmptyOutput {
            layer,
            padded: saturate(padded),
            window: saturate(window),
        }));
    }
    let stride = stride as u128;
    let span = padded - window;
    let mut out = if ceil_mode {
        span.div_ceil(stride) + 1
    } else {
        span / stride + 1
    };
    if ceil_mode && (out - 1) * stride >= input as u128 + padding as u128 {
        out -= 1;
    }
    Ok(tri!(fits(out)))
}

/// `n`, or `u64::MAX` if it does not fit.
pub(crate) const fn saturate(n: u128) -> u64 {
    if n > u64::MAX as u128 {
        u64::MAX
    } else {
        n as u64
    }
}

/// `n` as a size, or an overflow error.
pub(crate) const fn fits(n: u128) -> Result<u64, Error> {
    if n > u64::MAX as u128 {
        Err(Error::new(ErrorKind::Overflow { what: "shape" }))
    } else {
        Ok(n as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts window positions one by one: a start `s = i·stride − padding` (i ≥ 0) is a
    /// window if it begins inside the input or left padding (ceil mode) or its whole extent
    /// fits the padded input (floor mode).
    fn brute(input: u64, k: u64, s: u64, p: u64, d: u64, ceil: bool) -> Option<u64> {
        let window = d * (k - 1) + 1;
        let padded = input + 2 * p;
        if window > padded {
            return None;
        }
        let mut n = 0;
        let mut start = 0;
        loop {
            let fits = start + window <= padded;
            let ceil_ok = ceil && start < padded - window + s && start < input + p;
            if fits || ceil_ok {
                n += 1;
                start += s;
            } else {
                break;
            }
        }
        Some(n)
    }

    #[test]
    fn matches_brute_force() {
        for input in 1..12 {
            for k in 1..5 {
                for s in 1..4 {
                    for p in 0..=k / 2 {
                        for d in 1..3 {
                            for ceil in [false, true] {
                                let got = output_size("t", input, k, s, p, d, ceil).ok();
                                assert_eq!(
                                    got,
                                    brute(input, k, s, p, d, ceil),
                                    "{input} {k} {s} {p} {d} {ceil}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn resnet_sizes() {
        // conv1: 224 → 112; maxpool 3/2/1: 112 → 56; 1×1 stride 2: 56 → 28.
        assert_eq!(output_size("c", 224, 7, 2, 3, 1, false), Ok(112));
        assert_eq!(output_size("p", 112, 3, 2, 1, 1, false), Ok(56));
        assert_eq!(output_size("c", 56, 1, 2, 0, 1, false), Ok(28));
        // ceil mode: 5 with k 2 s 2 gives 3 (the last window starts at 4 < 5).
        assert_eq!(output_size("p", 5, 2, 2, 0, 1, true), Ok(3));
        assert_eq!(output_size("p", 5, 2, 2, 0, 1, false), Ok(2));
    }
}
