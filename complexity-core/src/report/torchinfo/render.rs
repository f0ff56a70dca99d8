//! torchinfo's table, as `print(torchinfo.summary(…))` prints it.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use super::{Summary, SummaryRow};
use crate::format::grouped;

/// torchinfo's column width.
const COLUMN: usize = 25;

impl fmt::Display for Summary<'_> {
    /// torchinfo's table: a row per module call down to the summary's depth, then its
    /// totals (`Total params: 11,689,512`, `Total mult-adds (Units.GIGABYTES): 1.81`) and sizes in MB
    /// (10⁶ bytes, two decimals).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = self.titles();
        let left = super::leftovers(&self.rows, &|r: &SummaryRow| r.params);
        let longest = self
            .rows
            .iter()
            .zip(&names)
            .map(|(r, t)| r.depth * 5 + 1 + t.chars().count())
            .max()
            .unwrap_or(0);
        let width = if longest >= 40 {
            longest.div_ceil(5) * 5
        } else {
            40
        };
        let rule = "=".repeat(width + 3 * COLUMN);
        let header = if self.var_names {
            "Layer (type (var_name):depth-idx)"
        } else {
            "Layer (type:depth-idx)"
        };
        writeln!(f, "{rule}")?;
        line(f, width, header, ["Output Shape", "Param #", "Mult-Adds"])?;
        writeln!(f, "{rule}")?;
        for (i, (r, title)) in self.rows.iter().zip(&names).enumerate() {
            if r.depth > self.depth || (self.hide_recursive && r.recursive) {
                continue;
            }
            let at_depth = r.depth == self.depth;
            let out = match r.output {
                Some(o) if o.rank() > 0 => format!("{:?}", o.dims()),
                _ => "--".into(),
            };
            let params = self.params_cell(i, at_depth, left[i]);
            let macs = self.macs_cell(i, at_depth);
            line(
                f,
                width,
                &format!("{}{title}", start(r.depth)),
                [&out, &params, &macs],
            )?;
        }
        writeln!(f, "{rule}")?;
        let (t, tr) = (self.total_params(), self.trainable_params());
        writeln!(f, "Total params: {}", grouped(t as u128))?;
        writeln!(f, "Trainable params: {}", grouped(tr as u128))?;
        writeln!(
            f,
            "Non-trainable params: {}",
            grouped((t - tr.min(t)) as u128)
        )?;
        writeln!(f, "Total mult-adds{}", readable(self.total_mult_adds()))?;
        writeln!(f, "{rule}")?;
        writeln!(f, "Input size (MB): {}", megabytes(self.input_bytes()))?;
        writeln!(
            f,
            "Forward/backward pass size (MB): {}",
            megabytes(self.forward_backward_bytes())
        )?;
        writeln!(f, "Params size (MB): {}", megabytes(self.params_bytes()))?;
        writeln!(
            f,
            "Estimated Total Size (MB): {}",
            megabytes(self.total_bytes())
        )?;
        write!(f, "{rule}")?;
        if self.memory {
            write!(f, "\n{}", self.report.memory())?;
        }
        Ok(())
    }
}

impl Summary<'_> {
    /// Each row's title, `Conv2d: 1-1` (`Conv2d (conv1): 1-1` with var names): the
    /// class, then the depth and the row's position among all rows at that depth.
    /// O(rows).
    fn titles(&self) -> Vec<String> {
        let mut at_depth: Vec<usize> = Vec::new();
        self.rows
            .iter()
            .map(|r| {
                let mut t = String::from(r.class);
                if self.var_names {
                    t += &format!(" ({})", r.name);
                }
                if at_depth.len() <= r.depth {
                    at_depth.resize(r.depth + 1, 0);
                }
                at_depth[r.depth] += 1;
                if r.depth > 0 {
                    t += &format!(": {}-{}", r.depth, at_depth[r.depth]);
                }
                t
            })
            .collect()
    }

    /// The `Param #` cell of row `i`: `--` for none, `(recursive)`, the parameters of a
    /// leaf or of a container at the depth shown (in parentheses when none trains), else
    /// a container's parameters no row below it has (`left`).
    fn params_cell(&self, i: usize, at_depth: bool, left: i128) -> String {
        let r = &self.rows[i];
        if r.params == 0 {
            return "--".into();
        }
        if r.recursive {
            return "(recursive)".into();
        }
        if at_depth || r.leaf {
            let n = grouped(r.params as u128);
            return if r.trainable > 0 { n } else { format!("({n})") };
        }
        if left > 0 {
            grouped(left as u128)
        } else {
            "--".into()
        }
    }

    /// The `Mult-Adds` cell of row `i`: `--` for 0, a leaf's own, a container's at the
    /// depth shown as the sum of the leaf rows below it, else `--`.
    fn macs_cell(&self, i: usize, at_depth: bool) -> String {
        let r = &self.rows[i];
        if r.mult_adds == 0 {
            return "--".into();
        }
        if r.leaf {
            return grouped(r.mult_adds);
        }
        if at_depth {
            let below = self.rows[i + 1..]
                .iter()
                .take_while(|x| x.depth > r.depth)
                .filter(|x| x.leaf)
                .fold(0u128, |n, x| n.saturating_add(x.mult_adds));
            return grouped(below);
        }
        "--".into()
    }
}

/// The start of a row's first cell: nothing for the model, `├─` at depth 1, `│    ` per
/// level above and `└─` deeper.
fn start(depth: usize) -> String {
    match depth {
        0 => String::new(),
        1 => "├─".into(),
        d => "│    ".repeat(d - 1) + "└─",
    }
}

/// One line: the first cell padded to `width`, then 25-wide cells, trailing spaces cut.
fn line(f: &mut fmt::Formatter<'_>, width: usize, first: &str, cells: [&str; 3]) -> fmt::Result {
    let mut s = pad(first, width);
    s.push(' ');
    for c in cells {
        s += &pad(c, COLUMN);
        s.push(' ');
    }
    writeln!(f, "{}", s.trim_end())
}

/// `s` left-aligned in `width` characters.
fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    let mut out = s.to_string();
    out.extend(core::iter::repeat_n(' ', width.saturating_sub(n)));
    out
}

/// torchinfo's `format_output_num` in automatic units, as it prints them under Python
/// 3.11, where an enum member formats as its name: ` (Units.TERABYTES): 1.23` from 10¹²,
/// ` (Units.GIGABYTES)` from 10⁹, else ` (Units.MEGABYTES)`; a whole number without
/// decimals.
fn readable(n: u128) -> String {
    let (unit, div) = if n >= 1_000_000_000_000 {
        ("Units.TERABYTES", 1_000_000_000_000)
    } else if n >= 1_000_000_000 {
        ("Units.GIGABYTES", 1_000_000_000)
    } else {
        ("Units.MEGABYTES", 1_000_000)
    };
    if n.is_multiple_of(div) {
        format!(" ({unit}): {}", grouped(n / div))
    } else {
        format!(" ({unit}): {:.2}", n as f64 / div as f64)
    }
}

/// Bytes in MB (10⁶), two decimals, as torchinfo prints them.
fn megabytes(bytes: u128) -> String {
    format!("{:.2}", bytes as f64 / 1e6)
}
