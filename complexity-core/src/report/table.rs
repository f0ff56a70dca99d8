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

/// The parent of a row name by mmengine's rule (a direct child of `prefix` starts with it
/// and has as many dots): the name up to its last dot, `""` for a top-level name, `None`
/// for the model's own `""`.
fn parent_of(name: &str) -> Option<&str> {
    if name.is_empty() {
        return None;
    }
    Some(name.rsplit_once('.').map_or("", |(parent, _)| parent))
}

fn prefix_of(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!("{name}.")
    }
}

/// The direct children of every name, in the order given, by parent name. O(n log n).
fn children_by_parent<'a>(names: impl Iterator<Item = &'a str>) -> BTreeMap<String, Vec<usize>> {
    let mut children: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, name) in names.enumerate() {
        if let Some(parent) = parent_of(name) {
            children.entry(parent.into()).or_default().push(i);
        }
    }
    children
}

/// The rows of a table (name, cells), and the children of each name among them.
struct Rows {
    rows: Vec<(String, Cells)>,
    index: BTreeMap<String, usize>,
    children: BTreeMap<String, Vec<usize>>,
}

impl Rows {
    fn children(&self, name: &str) -> &[usize] {
        self.children.get(name).map_or(&[], Vec::as_slice)
    }
}

/// mmengine's `out_table`. O(n log n) in the rows (modules and parameters).
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
    let paths = report.paths();
    for m in report.modules() {
        let i = slot(&paths[m.index()], &mut names, &mut values);
        let cost = m.cost();
        values[i][1] = Some(cost.flops);
        values[i][2] = Some(cost.activations as u128);
        if !m.traced() {
            uncalled.insert(i);
        }
    }

    // 2. `_remove_zero_statistics(require_trivial_children=True)`: drop an all-zero row
    //    unless a child survives; the survivors come out in post-order.
    let children = children_by_parent(names.iter().map(String::as_str));
    let mut kept: Vec<usize> = Vec::new();
    if !names.is_empty() {
        keep(0, &names, &values, &children, &mut kept);
    }

    // 3. Numbers to mmengine's strings; uncalled modules get empty FLOPs and activations;
    //    parameter rows show their shape.
    let rows: Vec<(String, Cells)> = kept
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
    let mut rows = Rows {
        index: rows
            .iter()
            .enumerate()
            .map(|(i, (n, _))| (n.clone(), i))
            .rev()
            .collect(),
        children: children_by_parent(rows.iter().map(|(n, _)| n.as_str())),
        rows,
    };

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
    fill(1, &root_name, &root_prefix, &mut rows, &mut table);
    draw(&table)
}

fn keep(
    i: usize,
    names: &[String],
    values: &[[Option<u128>; 3]],
    children: &BTreeMap<String, Vec<usize>>,
    kept: &mut Vec<usize>,
) -> bool {
    let mut trivial_children = true;
    for &j in children.get(&names[i]).map_or(&[][..], Vec::as_slice) {
        if keep(j, names, values, children, kept) {
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
fn fastforward(mut name: String, rows: &mut Rows) -> (String, Cells) {
    loop {
        let Some(&own) = rows.index.get(&name) else {
            return (name, [None, None, None]);
        };
        let &[child] = rows.children(&name) else {
            return (name, rows.rows[own].1.clone());
        };
        let Some(combined) = try_combine(&rows.rows[own].1, &rows.rows[child].1) else {
            return (name, rows.rows[own].1.clone());
        };
        rows.rows[child].1 = combined;
        name = rows.rows[child].0.clone();
    }
}

fn fill(
    level: usize,
    parent: &str,
    root_prefix: &str,
    rows: &mut Rows,
    table: &mut Vec<[String; 4]>,
) {
    if level > MAX_DEPTH {
        return;
    }
    let children = rows.children(parent).to_vec();
    for i in children {
        let (name, cells) = fastforward(rows.rows[i].0.clone(), rows);
        let pretty = match name.strip_prefix(root_prefix) {
            Some(rest) if !root_prefix.is_empty() => rest,
            _ => &name,
        };
        table.push(build_row(pretty, &cells, level));
        fill(level + 1, &name, root_prefix, rows, table);
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
