//! What changed between two reports, module by module: `Report::diff`.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::Report;
use crate::cost::Cost;
use crate::shape::Shape;

/// One module's figures on both sides of a [`Diff`] (`None` where it does not exist).
#[derive(Clone, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DiffRow {
    /// Its path (`""` for the model).
    pub path: String,
    /// Its class before and after.
    pub class: (Option<&'static str>, Option<&'static str>),
    /// Parameters before and after.
    pub params: (Option<u64>, Option<u64>),
    /// FLOPs (mmengine's multiply-adds) before and after.
    pub flops: (Option<u128>, Option<u128>),
    /// Activations before and after.
    pub activations: (Option<u64>, Option<u64>),
    /// Output shapes before and after (`None` for a module never called).
    pub output: (Option<Shape>, Option<Shape>),
}

impl DiffRow {
    fn side(m: Option<super::ModuleStats<'_>>) -> Side {
        match m {
            Some(m) => Side {
                class: Some(m.class()),
                cost: Some(*m.cost()),
                output: m.output(),
            },
            None => Side {
                class: None,
                cost: None,
                output: None,
            },
        }
    }
}

struct Side {
    class: Option<&'static str>,
    cost: Option<Cost>,
    output: Option<Shape>,
}

/// The modules whose class, parameters, FLOPs, activations or output shape differ
/// between two reports (two models, or one model at two inputs), matched by path, in the
/// first report's order then the second's new ones; with both totals. `Display` prints a
/// table (`module | params | flops | activations | output`, each `before → after`).
#[derive(Clone, PartialEq, Eq, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Diff {
    /// The changed modules.
    pub rows: Vec<DiffRow>,
    /// Both totals: (params, FLOPs, activations) before and after.
    pub totals: ((u64, u128, u64), (u64, u128, u64)),
}

impl Report {
    /// What changed from `self` to `other`, module by module (see [`Diff`]).
    /// O(modules · depth) for the paths, O(1) per module to match them.
    pub fn diff(&self, other: &Report) -> Diff {
        let before = self.paths();
        let after = other.paths();
        let mut rows = Vec::new();
        let index_after: alloc::collections::BTreeMap<&str, usize> = after
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        let index_before: alloc::collections::BTreeMap<&str, usize> = before
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        let mut push = |path: &str, a: Side, b: Side| {
            let row = DiffRow {
                path: path.into(),
                class: (a.class, b.class),
                params: (a.cost.map(|c| c.params), b.cost.map(|c| c.params)),
                flops: (a.cost.map(|c| c.flops), b.cost.map(|c| c.flops)),
                activations: (a.cost.map(|c| c.activations), b.cost.map(|c| c.activations)),
                output: (a.output, b.output),
            };
            let same = row.class.0 == row.class.1
                && row.params.0 == row.params.1
                && row.flops.0 == row.flops.1
                && row.activations.0 == row.activations.1
                && match (row.output.0, row.output.1) {
                    (Some(a), Some(b)) => a.same(&b),
                    (a, b) => a.is_none() && b.is_none(),
                };
            if !same {
                rows.push(row);
            }
        };
        for (i, path) in before.iter().enumerate() {
            let b = index_after.get(path.as_str()).map(|&j| other.stats(j));
            push(path, DiffRow::side(Some(self.stats(i))), DiffRow::side(b));
        }
        for (j, path) in after.iter().enumerate() {
            if !index_before.contains_key(path.as_str()) {
                push(
                    path,
                    DiffRow::side(None),
                    DiffRow::side(Some(other.stats(j))),
                );
            }
        }
        let t = |r: &Report| {
            let c = &r.totals().cost;
            (c.params, c.flops, c.activations)
        };
        Diff {
            rows,
            totals: (t(self), t(other)),
        }
    }
}

fn change<T: fmt::Display + PartialEq>(a: &Option<T>, b: &Option<T>) -> String {
    let show = |v: &Option<T>| match v {
        Some(v) => format!("{v}"),
        None => "-".into(),
    };
    if a == b {
        show(a)
    } else {
        format!("{} → {}", show(a), show(b))
    }
}

/// `module  params  flops  activations  output`, one row per changed module, then the
/// totals.
impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header = ["module", "params", "flops", "activations", "output"];
        let rows: Vec<[String; 5]> = self
            .rows
            .iter()
            .map(|r| {
                [
                    if r.path.is_empty() {
                        "model".into()
                    } else {
                        r.path.clone()
                    },
                    change(&r.params.0, &r.params.1),
                    change(&r.flops.0, &r.flops.1),
                    change(&r.activations.0, &r.activations.1),
                    change(&r.output.0, &r.output.1),
                ]
            })
            .collect();
        let mut widths = header.map(|h| h.chars().count());
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, cells: &[&str]| -> fmt::Result {
            let mut line = String::new();
            for (cell, w) in cells.iter().zip(widths) {
                let pad = w - cell.chars().count();
                line += cell;
                line += &" ".repeat(pad + 2);
            }
            writeln!(f, "{}", line.trim_end())
        };
        line(f, &header)?;
        for row in &rows {
            line(f, &row.each_ref().map(String::as_str))?;
        }
        let ((p0, f0, a0), (p1, f1, a1)) = self.totals;
        write!(
            f,
            "total: params {}, FLOPs {}, activations {}",
            change(&Some(p0), &Some(p1)),
            change(&Some(f0), &Some(f1)),
            change(&Some(a0), &Some(a1))
        )
    }
}
