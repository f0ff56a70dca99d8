//! mmengine's `out_table` (`complexity_stats_table` with `max_depth = 3`, activations and
//! parameter shapes), reproduced byte for byte.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::Report;
use crate::format::{format_size, python_tuple};
use crate::shape::Shape;

/// How deep the table goes: rows at indent levels 0 to 3.
const MAX_DEPTH: usize = 3;
const HEADERS: [&str; 4] = ["module", "#parameters or shape", "#flops", "#activations"];

/// The statistics of one row name: params, FLOPs, activations, each possibly absent.
type Cells = [Option<String>; 3];

/// Whether `name` is a direct child of `prefix` (`""` or `"layer1."`) by mmengine's rule:
/// it starts with the prefix and has as many dots.
fn is_child(name: &str, prefix: &str) -> bool {
    !name.is_empty() && dots(name) == dots(prefix) && name.starts_with(prefix)
}

fn dots(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'.').count()
}

fn prefix_of(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!("{name}.")
    }
}

pub(super) fn render(report: &Report) -> String {
    // 1. Statistics in mmengine's dict order: `parameter_count` first (every prefix of every
    //    parameter name, in `named_parameters()` order), then every module's FLOPs and
    //    activations in `named_modules()` order.
    let mut names: Vec<String> = Vec::new();
    let mut values: Vec<[Option<u128>; 3]> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut slot =
        |name: &str, names: &mut Vec<String>, values: &mut Vec<[Option<u128>; 3]>| -> usize {
            *index.entry(name.into()).or_insert_with(|| {
                names.push(name.into());
                values.push([None, None, None]);
                names.len() - 1
            })
        };
    let parameters = report.named_parameters();
    let mut param_shapes: BTreeMap<String, Shape> = BTreeMap::new();
    for (full, shape) in &parameters {
        param_shapes.insert(full.clone(), *shape);
        let parts: Vec<&str> = full.split('.').collect();
        for k in 0..=parts.len() {
            let i = slot(&parts[..k].join("."), &mut names, &mut values);
            *values[i][0].get_or_insert(0) += shape.numel();
        }
    }
    let mut uncalled = BTreeSet::new();
    for m in report.modules() {
        let i = slot(&m.path, &mut names, &mut values);
        values[i][1] = Some(m.cost.flops);
        values[i][2] = Some(m.cost.activations as u128);
        if m.calls == 0 {
            uncalled.insert(i);
        }
    }

    // 2. `_remove_zero_statistics(require_trivial_children=True)`: drop an all-zero row
    //    unless a child survives; the survivors come out in post-order.
    let mut kept: Vec<usize> = Vec::new();
    keep(0, &names, &values, &mut kept);

    // 3. Numbers to mmengine's strings; uncalled modules get empty FLOPs and activations;
    //    parameter rows show their shape.
    let mut rows: Vec<(String, Cells)> = kept
        .iter()
        .map(|&i| {
            let mut cells: Cells = values[i].map(|v| v.map(|v| format_size(v, 3)));
            if uncalled.contains(&i) {
                cells[1] = Some(String::new());
                cells[2] = Some(String::new());
            }
            if let Some(shape) = param_shapes.get(&names[i]) {
                cells[0] = Some(python_tuple(shape.dims()));
            }
            (names[i].clone(), cells)
        })
        .collect();

    // 4. `_stats_table_format`.
    let mut table: Vec<[String; 4]> = Vec::new();
    let (root_name, root_cells) = fastforward(String::new(), &mut rows);
    table.push(build_row(
        if root_name.is_empty() {
            "model"
        } else {
            &root_name
        },
        &root_cells,
        0,
    ));
    let root_prefix = prefix_of(&root_name);
    fill(1, &root_prefix, &root_prefix, &mut rows, &mut table);
    draw(&table)
}

fn keep(i: usize, names: &[String], values: &[[Option<u128>; 3]], kept: &mut Vec<usize>) -> bool {
    let prefix = prefix_of(&names[i]);
    let mut trivial_children = true;
    for (j, name) in names.iter().enumerate() {
        if is_child(name, &prefix) && keep(j, names, values, kept) {
            trivial_children = false;
        }
    }
    let all_zero = values[i].iter().all(|v| v.is_none_or(|v| v == 0));
    let keep = !all_zero || names[i].is_empty() || !trivial_children;
    if keep {
        kept.push(i);
    }
    keep
}

fn single_child(name: &str, rows: &[(String, Cells)]) -> Option<usize> {
    let prefix = prefix_of(name);
    let mut found = None;
    for (i, (n, _)) in rows.iter().enumerate() {
        if is_child(n, &prefix) {
            if found.is_some() {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

/// `_try_combine`: the same keys, and equal values wherever both are non-empty.
fn try_combine(a: &Cells, b: &Cells) -> Option<Cells> {
    let mut out: Cells = [None, None, None];
    for k in 0..3 {
        match (&a[k], &b[k]) {
            (None, None) => {}
            (Some(x), Some(y)) => {
                if x != y && !x.is_empty() && !y.is_empty() {
                    return None;
                }
                out[k] = Some(if x.is_empty() { y.clone() } else { x.clone() });
            }
            _ => return None,
        }
    }
    Some(out)
}

/// `_fastforward`: merges a row into its only child while their statistics agree.
fn fastforward(name: String, rows: &mut [(String, Cells)]) -> (String, Cells) {
    let own = rows.iter().position(|(n, _)| *n == name);
    let Some(own) = own else {
        return (name, [None, None, None]);
    };
    let Some(child) = single_child(&name, rows) else {
        return (name, rows[own].1.clone());
    };
    let Some(combined) = try_combine(&rows[own].1, &rows[child].1) else {
        return (name, rows[own].1.clone());
    };
    rows[child].1 = combined;
    let child_name = rows[child].0.clone();
    fastforward(child_name, rows)
}

fn fill(
    level: usize,
    prefix: &str,
    root_prefix: &str,
    rows: &mut Vec<(String, Cells)>,
    table: &mut Vec<[String; 4]>,
) {
    if level > MAX_DEPTH {
        return;
    }
    for i in 0..rows.len() {
        if !is_child(&rows[i].0, prefix) {
            continue;
        }
        let (name, cells) = fastforward(rows[i].0.clone(), rows);
        let pretty = match name.strip_prefix(root_prefix) {
            Some(rest) if !root_prefix.is_empty() => rest,
            _ => &name,
        };
        table.push(build_row(pretty, &cells, level));
        fill(level + 1, &prefix_of(&name), root_prefix, rows, table);
    }
}

fn build_row(name: &str, cells: &Cells, level: usize) -> [String; 4] {
    let indent = " ".repeat(level);
    let cell = |c: &Option<String>| {
        c.as_ref()
            .map(|v| format!("{indent}{v}"))
            .unwrap_or_default()
    };
    [
        format!("{indent}{name}"),
        cell(&cells[0]),
        cell(&cells[1]),
        cell(&cells[2]),
    ]
}

/// The ASCII box mmengine prints: a rule above and below the header and at the end, every
/// column as wide as its widest cell plus one space each side, cells left-justified.
fn draw(table: &[[String; 4]]) -> String {
    let mut widths = HEADERS.map(|h| h.chars().count());
    for row in table {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let rule: String = widths
        .iter()
        .fold(String::from("+"), |s, w| s + &"-".repeat(w + 2) + "+")
        + "\n";
    let line = |cells: [&str; 4]| -> String {
        cells
            .iter()
            .zip(widths)
            .fold(String::from("|"), |s, (c, w)| {
                let pad = w - c.chars().count();
                s + " " + c + &" ".repeat(pad) + " |"
            })
            + "\n"
    };
    let mut out = String::from("\n");
    out += &rule;
    out += &line(HEADERS);
    out += &rule;
    for row in table {
        out += &line(row.each_ref().map(String::as_str));
    }
    out += &rule;
    out
}
