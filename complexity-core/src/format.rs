//! Number formats of mmengine's printed output and of Python's `repr`.

use alloc::format;
use alloc::string::String;

/// mmengine's `_format_size(x, sig_figs)`: the count scaled to `K`, `M`, `G`, `T` or `P`
/// and printed with `sig_figs` decimals, trailing zeros and point removed; counts of at
/// most 100 are printed whole. The text is built by the `const fn`
/// [`Message::push_size`](crate::error::Message::push_size), which compile-time budget
/// errors use too.
///
/// Thresholds are strict (`x > 1e8` → `G`), so 100 prints as `100` and 100,001 as `0.1M`.
///
/// ```
/// use complexity_core::format::format_size;
/// assert_eq!(format_size(11_689_512, 3), "11.69M");
/// assert_eq!(format_size(1_826_516_992, 3), "1.827G");
/// assert_eq!(format_size(1_826_516_992, 2), "1.83G");
/// assert_eq!(format_size(128, 3), "0.128K");
/// assert_eq!(format_size(100, 3), "100");
/// ```
pub fn format_size(x: u128, sig_figs: usize) -> String {
    let mut m = crate::error::Message::new();
    m.push_size(x, sig_figs);
    String::from(m.as_str())
}

/// A shape as a Python tuple: `(64, 3, 7, 7)`, `(64,)`, `()`.
///
/// ```
/// use complexity_core::format::python_tuple;
/// assert_eq!(python_tuple(&[64, 3, 7, 7]), "(64, 3, 7, 7)");
/// assert_eq!(python_tuple(&[768]), "(768,)");
/// ```
pub fn python_tuple(dims: &[u64]) -> String {
    let parts: alloc::vec::Vec<String> = dims.iter().map(|d| format!("{d}")).collect();
    if parts.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(", "))
    }
}

/// Python's `repr(float)`: the shortest text that reads back as `x`, in fixed notation
/// with a `.0` for whole numbers when the decimal exponent is in `-4..16`, else in
/// scientific notation with a signed two-digit exponent (`1e-05`).
///
/// ```
/// use complexity_core::format::python_float;
/// assert_eq!(python_float(1e-5), "1e-05");
/// assert_eq!(python_float(0.1), "0.1");
/// assert_eq!(python_float(1.0), "1.0");
/// assert_eq!(python_float(1e16), "1e+16");
/// ```
pub fn python_float(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // `{:e}` is Rust's shortest round-trip digits: "1.5e-5".
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..16).contains(&exp) {
        let fixed = format!("{x}");
        if fixed.contains('.') {
            fixed
        } else {
            fixed + ".0"
        }
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.unsigned_abs())
    }
}

/// A count with thousands separators, as Python's `f"{n:,}"`: `11,689,512`.
///
/// ```
/// use complexity_core::format::grouped;
/// assert_eq!(grouped(11_689_512), "11,689,512");
/// assert_eq!(grouped(512), "512");
/// assert_eq!(grouped(0), "0");
/// ```
pub fn grouped(n: u128) -> String {
    let digits = format!("{n}");
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_as_conventions_md_lists_them() {
        for (x, s) in [
            (11_689_512, "11.69M"),
            (1_819_065_856, "1.819G"),
            (138_357_544, "0.138G"),
            (128, "0.128K"),
            (100, "100"),
            (100_001, "0.1M"),
            (1_004_544, "1.005M"),
            (0, "0"),
            (2_484_712, "2.485M"),
        ] {
            assert_eq!(format_size(x, 3), s, "{x}");
        }
        assert_eq!(format_size(9_408, 2), "9.41K");
        assert_eq!(format_size(25_088, 2), "25.09K");
        assert_eq!(format_size(1_000, 2), "1K");
        assert_eq!(format_size(u128::MAX, 3), "340282366920938489905152P"); // Python: f"{(2**128-1)/1e15:.3f}"
    }

    /// The const formatter agrees with Rust's float formatting (which rounds like
    /// Python's) on many values, ties and near-ties included.
    #[test]
    fn const_rounding_matches_float_formatting() {
        let reference = |x: u128, sig: usize| -> String {
            for (threshold, scale, suffix) in [
                (100_000_000_000_000u128, 1e15, "P"),
                (100_000_000_000, 1e12, "T"),
                (100_000_000, 1e9, "G"),
                (100_000, 1e6, "M"),
                (100, 1e3, "K"),
            ] {
                if x > threshold {
                    let fixed = format!("{:.*}", sig, x as f64 / scale);
                    let t = fixed.trim_end_matches('0').trim_end_matches('.');
                    return format!("{t}{suffix}");
                }
            }
            format!("{x}")
        };
        let mut x: u128 = 1;
        let mut n = 0u64;
        while n < 20_000 {
            for v in [
                x,
                x + 1,
                x * 5 / 4,
                x + x / 2,
                x.saturating_mul(1_000) / 999,
            ] {
                for sig in [2, 3] {
                    assert_eq!(format_size(v, sig), reference(v, sig), "{v} {sig}");
                }
            }
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407)
                % 10u128.pow(18 + (n % 20) as u32);
            n += 1;
        }
        for tie in [100_500, 1_000_500, 2_484_500, 1_826_500_000, 125_000, 1_500] {
            assert_eq!(format_size(tie, 2), reference(tie, 2));
            assert_eq!(format_size(tie, 3), reference(tie, 3));
        }
    }

    #[test]
    fn python_floats() {
        for (x, s) in [
            (1e-5, "1e-05"),
            (0.1, "0.1"),
            (1e-3, "0.001"),
            (1e-4, "0.0001"),
            (2.5e-7, "2.5e-07"),
            (3.0, "3.0"),
            (1e15, "1000000000000000.0"),
            (-1e-5, "-1e-05"),
        ] {
            assert_eq!(python_float(x), s);
        }
    }
}
