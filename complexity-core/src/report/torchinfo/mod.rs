//! torchinfo 1.8's summary (`torchinfo.summary(model, input_data = x)`): its rows, its
//! totals and its table, from the report's calls. torchinfo hooks every module: a row per
//! call, in the order the calls start, plus a row for a container that never runs itself
//! but holds modules that do (a `ModuleList`); its figures follow from each module's
//! parameters and output shape by the rules below.

mod render;

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::{NONE, Report};
use crate::convention::torchinfo;
use crate::convention::torchinfo::weight_or_bias;
use crate::shape::Shape;

/// One row of torchinfo's summary: one call of a module, or a container torchinfo
/// inserts because modules inside it ran without it running itself (BERT's
/// `encoder.layer`, a `ModuleList`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    /// The module's index in [`Report::modules`].
    pub module: usize,
    /// torchinfo's `var_name`: the name under its parent (`conv1`, `0`); the class for the
    /// model.
    pub name: String,
    /// The class name (`Conv2d`).
    pub class: &'static str,
    /// 0 for the model, 1 for its children, …
    pub depth: usize,
    /// The output shape of this call (the first tensor of a tuple); `None` for an
    /// inserted container, which torchinfo prints as `--` (`[]` in its `output_size`).
    pub output: Option<Shape>,
    /// torchinfo's `num_params`: every parameter of the module and of its children, a
    /// tensor tied inside the module once, a tensor tied to a module outside it counted
    /// here too (frozen ones included).
    pub params: u64,
    /// The trainable ones among `params`: all but those of [frozen](crate::Module::frozen)
    /// modules.
    pub trainable: u64,
    /// torchinfo's `macs` for this call: for each parameter tensor, named as
    /// `named_parameters()` of the module names it, `weight` or `bias` counts
    /// `numel · output[0]` (`numel · output[0] · prod(output[2..])` when the class name
    /// contains `Conv`), another name containing `weight` or `bias` (a child's
    /// `conv1.weight`) counts `numel · prod(output[..2])`, any other name (ViT's
    /// `class_token`) nothing. An inserted container counts 0.
    pub mult_adds: u128,
    /// A second or later row of the same module (a module called twice, or a container
    /// inserted again): torchinfo prints `(recursive)` and leaves it out of the total
    /// parameters.
    pub recursive: bool,
    /// Whether the module has no child module (torchinfo's `is_leaf_layer`).
    pub leaf: bool,
}

/// torchinfo's summary of a report: rows, totals and, as [`Display`](core::fmt::Display),
/// its table. Made by [`Report::summary`].
///
/// The table is torchinfo's with `col_names = ("output_size", "num_params",
/// "mult_adds")` and `row_settings = ("depth",)`: rows deeper than `depth` are left out, a
/// container at `depth` shows all its parameters and its leaves' mult-adds, a container
/// above it the parameters no row below it shows (`--` for none). Options:
/// [`var_names`](Summary::var_names) (torchinfo's `row_settings = ("depth",
/// "var_names")`), [`hide_recursive`](Summary::hide_recursive) (`"hide_recursive_layers"`),
/// [`input_element_bytes`](Summary::input_element_bytes) (8 for int64 token ids),
/// [`memory`](Summary::memory) (this crate's memory line, [`Report::memory`], under the
/// table: what autograd keeps for backward, the KV cache and the activation peak, which
/// torchinfo's `Forward/backward pass size` only estimates).
#[derive(Clone, Debug)]
pub struct Summary<'r> {
    report: &'r Report,
    rows: Vec<SummaryRow>,
    depth: usize,
    var_names: bool,
    hide_recursive: bool,
    input_element_bytes: u128,
    memory: bool,
}

impl Report {
    /// torchinfo 1.8's summary of the model (`torchinfo.summary(model, input_data = x,
    /// depth = depth, col_names = ("output_size", "num_params", "mult_adds"))`), its rows
    /// exact to torchinfo's `output_size`, `num_params` and `macs` for every row of the
    /// 15 reference models, and its totals exact to its `Total params` and `Total
    /// mult-adds` (`tests/summary.rs`). torchinfo's default depth is 3.
    ///
    /// O(calls + modules): one pass over the calls in the order they start, one over
    /// the modules for their parameters.
    pub fn summary(&self, depth: usize) -> Summary<'_> {
        Summary {
            report: self,
            rows: rows(self),
            depth,
            var_names: false,
            hide_recursive: false,
            input_element_bytes: 4,
            memory: false,
        }
    }

    /// torchinfo 1.8's `Total mult-adds`: [`Convention::Torchinfo`](crate::Convention::Torchinfo)'s
    /// figure of the model, which [`Summary::total_mult_adds`] equals. So a linear layer
    /// on `[1, 128, 768]` counts its parameters once: torchinfo's figure is no FLOP
    /// count, but it is what it prints. Exact for all 15 reference models
    /// (`tests/conventions.rs`). O(1).
    pub fn torchinfo_mult_adds(&self) -> u128 {
        crate::Convention::Torchinfo.flops(&self.totals.cost)
    }
}

impl<'r> Summary<'r> {
    /// Every row, the hidden ones (deeper than `depth`) included.
    pub fn rows(&self) -> &[SummaryRow] {
        &self.rows
    }

    /// The depth shown.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Names each row's module as torchinfo's `"var_names"` row setting does:
    /// `Conv2d (conv1): 1-1`.
    pub fn var_names(mut self, on: bool) -> Summary<'r> {
        self.var_names = on;
        self
    }

    /// Leaves out the `(recursive)` rows (torchinfo's `"hide_recursive_layers"`).
    pub fn hide_recursive(mut self, on: bool) -> Summary<'r> {
        self.hide_recursive = on;
        self
    }

    /// Adds [`Report::memory`]'s line under the table.
    pub fn memory(mut self, on: bool) -> Summary<'r> {
        self.memory = on;
        self
    }

    /// The bytes of one input element for `Input size (MB)`: 4 (float32) unless set; 8
    /// for transformers' int64 token ids.
    pub fn input_element_bytes(mut self, bytes: u128) -> Summary<'r> {
        self.input_element_bytes = bytes;
        self
    }

    /// torchinfo's `Total params`: each leaf row's parameters and each container row's
    /// parameters that no row below it has (at least 0), rows marked `recursive` left out.
    /// A tensor tied between two modules that both run counts twice (BART's embeddings:
    /// 457,762,816 where the model has 406,291,456); a frozen one counts. O(rows).
    pub fn total_params(&self) -> u64 {
        self.total(|r| r.params)
    }

    /// torchinfo's `Trainable params`: [`total_params`](Self::total_params) of the
    /// trainable parameters. O(rows).
    pub fn trainable_params(&self) -> u64 {
        self.total(|r| r.trainable)
    }

    /// torchinfo's `Total mult-adds`: the leaf rows' `mult_adds`, recursive ones
    /// included (saturating). O(rows).
    pub fn total_mult_adds(&self) -> u128 {
        self.rows
            .iter()
            .filter(|r| r.leaf)
            .fold(0u128, |n, r| n.saturating_add(r.mult_adds))
    }

    /// torchinfo's `Input size (MB)`, in bytes: the input's elements times
    /// [`input_element_bytes`](Self::input_element_bytes) (saturating).
    pub fn input_bytes(&self) -> u128 {
        self.report
            .totals
            .input
            .numel()
            .saturating_mul(self.input_element_bytes)
    }

    /// torchinfo's `Forward/backward pass size (MB)`, in bytes: `2 ·` the float32 output
    /// of every leaf row with parameters (saturating).
    pub fn forward_backward_bytes(&self) -> u128 {
        self.rows
            .iter()
            .filter(|r| r.leaf && r.params > 0)
            .fold(0u128, |n, r| {
                let out = r.output.map_or(0, |o| o.numel());
                n.saturating_add(out.saturating_mul(8))
            })
    }

    /// torchinfo's `Params size (MB)`, in bytes: the float32 parameters of the leaf rows
    /// not marked recursive (a container's own tensors, ViT's `class_token`, are not in
    /// it).
    pub fn params_bytes(&self) -> u128 {
        self.rows
            .iter()
            .filter(|r| r.leaf && !r.recursive)
            .fold(0u128, |n, r| n.saturating_add(r.params as u128 * 4))
    }

    /// torchinfo's `Estimated Total Size (MB)`, in bytes: input, forward/backward pass
    /// and parameters.
    pub fn total_bytes(&self) -> u128 {
        self.input_bytes()
            .saturating_add(self.forward_backward_bytes())
            .saturating_add(self.params_bytes())
    }

    /// torchinfo's total of `count`: leaf rows count theirs, container rows their
    /// [`leftover`](leftovers), rows marked recursive nothing. O(rows).
    fn total(&self, count: impl Fn(&SummaryRow) -> u64) -> u64 {
        let left = leftovers(&self.rows, &count);
        let mut total: u64 = 0;
        for (r, left) in self.rows.iter().zip(left) {
            if r.recursive {
                continue;
            }
            let n = if r.leaf {
                count(r)
            } else {
                u64::try_from(left.max(0)).unwrap_or(u64::MAX)
            };
            total = total.saturating_add(n);
        }
        total
    }
}

/// torchinfo's `leftover_params()` of every row: its count less, over every row below it
/// (torchinfo's `children` are all of them, not only the next level) not marked
/// recursive, a leaf's count or a container's own leftover. From the last row up, with
/// a running sum, so O(rows).
fn leftovers(rows: &[SummaryRow], count: &impl Fn(&SummaryRow) -> u64) -> Vec<i128> {
    let n = rows.len();
    let mut left = vec![0i128; n];
    // after[i]: the sum, over rows i.., of what each contributes to a row above it.
    let mut after = vec![0i128; n + 1];
    // The end of each row's block (the first later row not deeper), by a stack.
    let mut end = vec![n; n];
    let mut open: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        while let Some(&top) = open.last() {
            if rows[top].depth >= r.depth {
                end[top] = i;
                open.pop();
            } else {
                break;
            }
        }
        open.push(i);
    }
    for i in (0..n).rev() {
        let r = &rows[i];
        let below = after[i + 1] - after[end[i]];
        left[i] = count(r) as i128 - below;
        let gives = match (r.recursive, r.leaf) {
            (true, _) => 0,
            (false, true) => count(r) as i128,
            (false, false) => left[i],
        };
        after[i] = after[i + 1] + gives;
    }
    left
}

/// What each module's parameters give torchinfo's rows, from one pass up the tree.
struct Counts {
    /// Every parameter of the subtree (a tie inside it once).
    params: Vec<u64>,
    /// The trainable ones.
    trainable: Vec<u64>,
    /// The parameters of its children's subtrees whose names, as the module's
    /// `named_parameters()` gives them (`conv1.weight`, `cls.class_token`), contain
    /// `weight` or `bias`.
    children_named: Vec<u128>,
}

/// The parameter tensors torchinfo sees in a module itself: its own, and the weight a
/// tied layer shares with another module.
fn own_tensors(m: &super::ModuleStats<'_>) -> Vec<(&'static str, Shape)> {
    match (m.tied(), m.layer()) {
        (Some(_), Some(_)) => m.all_layer_parameters(),
        _ => m.parameters(),
    }
}

/// The counts of every module. A weight tied to another module counts in the tied
/// module and in every module above it up to, not including, the lowest one holding
/// both, where it is taken off again (PyTorch's `named_parameters()` lists a shared
/// tensor once). O(modules + ties · depth).
fn counts(report: &Report) -> Counts {
    let n = report.nodes.len();
    let mut params = vec![0i128; n];
    let mut trainable = vec![0i128; n];
    let mut named = vec![0i128; n];
    let mut children_named = vec![0i128; n];
    let mut frozen = vec![false; n];
    for m in report.modules() {
        let i = m.index();
        let node = &report.nodes[i];
        frozen[i] = node.module.frozen || (node.parent != NONE && frozen[node.parent as usize]);
        for (name, shape) in own_tensors(&m) {
            let k = shape.numel() as i128;
            params[i] += k;
            if !frozen[i] {
                trainable[i] += k;
            }
            if weight_or_bias(name) {
                named[i] += k;
            }
        }
        let target = m.tied().and_then(|to| report.module(to));
        if let (Some(target), Some((_, shape))) = (
            target,
            own_tensors(&m)
                .into_iter()
                .find(|(name, _)| m.tied().is_some() && *name == "weight"),
        ) {
            let lca = lowest_common(report, i, target.index());
            let k = shape.numel() as i128;
            params[lca] -= k;
            if !frozen[i] {
                trainable[lca] -= k;
            }
            children_named[lca] -= k;
        }
    }
    for i in (1..n).rev() {
        let p = report.nodes[i].parent as usize;
        params[p] += params[i];
        trainable[p] += trainable[i];
        let own_name = report.stats(i).name().map(|n| format!("{n}"));
        // Seen from its parent, a child's tensors are `name.…`.
        let seen = match own_name {
            Some(name) if weight_or_bias(&name) => params[i],
            _ => named[i] + children_named[i],
        };
        children_named[p] += seen;
    }
    let clamp = |k: i128| u64::try_from(k.max(0)).unwrap_or(u64::MAX);
    Counts {
        params: params.into_iter().map(clamp).collect(),
        trainable: trainable.into_iter().map(clamp).collect(),
        children_named: children_named
            .into_iter()
            .map(|k| k.max(0) as u128)
            .collect(),
    }
}

/// The lowest module holding both `a` and `b`. O(depth).
fn lowest_common(report: &Report, mut a: usize, mut b: usize) -> usize {
    let depth = |i: usize| report.nodes[i].depth;
    while depth(a) > depth(b) {
        a = report.nodes[a].parent as usize;
    }
    while depth(b) > depth(a) {
        b = report.nodes[b].parent as usize;
    }
    while a != b {
        a = report.nodes[a].parent as usize;
        b = report.nodes[b].parent as usize;
    }
    a
}

/// torchinfo's `macs` of one call of module `m` with output `out` (see
/// [`SummaryRow::mult_adds`]): its own tensors by [`torchinfo::tensor`], its children's
/// named ones at `prod(output[..2])` each (saturating; the walk checked the leaves').
/// O(own tensors).
fn mult_adds(m: &super::ModuleStats<'_>, out: &Shape, children_named: u128) -> u128 {
    let named = torchinfo::named_factor(*out).unwrap_or(u128::MAX);
    let mut macs = children_named.saturating_mul(named);
    for (name, shape) in own_tensors(m) {
        let n = torchinfo::tensor(m.class(), name, shape, *out).unwrap_or(u128::MAX);
        macs = macs.saturating_add(n);
    }
    macs
}

/// The containers PyTorch cannot call (they have no `forward`): a description that runs
/// one runs its elements in turn, which is what PyTorch's code does with them, so
/// torchinfo sees only the elements' calls and inserts the container.
const NEVER_CALLED: [&str; 2] = ["ModuleList", "ModuleDict"];

/// torchinfo's rows: a row per call in the order the calls start, then
/// `add_missing_container_layers`: before a row, each module above it (below the model)
/// that is not the row in force at its depth is inserted, as torchinfo inserts a
/// container that never ran (a `ModuleList`). A module's second row is `recursive`.
/// O(calls · depth + modules).
fn rows(report: &Report) -> Vec<SummaryRow> {
    let counts = counts(report);
    let n = report.nodes.len();
    let mut seen = vec![false; n];
    let mut ran: Vec<(usize, Option<usize>, bool)> = Vec::with_capacity(report.order.len());
    for &[node, call] in &report.order {
        let node = node as usize;
        if NEVER_CALLED.contains(&report.nodes[node].module.class) {
            continue;
        }
        ran.push((node, Some(call as usize), seen[node]));
        seen[node] = true;
    }
    // The rows in force at each depth: the last row at that depth, cleared below a
    // shallower one.
    let mut current: Vec<usize> = Vec::new();
    let mut out: Vec<SummaryRow> = Vec::with_capacity(ran.len());
    let mut above: Vec<usize> = Vec::new();
    for (node, call, recursive) in ran {
        let depth = report.nodes[node].depth as usize;
        above.clear();
        let mut p = report.nodes[node].parent;
        while p != NONE && report.nodes[p as usize].depth > 0 {
            above.push(p as usize);
            p = report.nodes[p as usize].parent;
        }
        for &a in above.iter().rev() {
            let d = report.nodes[a].depth as usize;
            if current.get(d) != Some(&a) {
                out.push(row(report, &counts, a, None, seen[a]));
                seen[a] = true;
                current.truncate(d);
                current.resize(d, usize::MAX);
                current.push(a);
            }
        }
        out.push(row(report, &counts, node, call, recursive));
        current.truncate(depth);
        current.resize(depth, usize::MAX);
        current.push(node);
    }
    out
}

/// The row of module `node`: a call of it, or (`call == None`) torchinfo's inserted
/// container.
fn row(
    report: &Report,
    counts: &Counts,
    node: usize,
    call: Option<usize>,
    recursive: bool,
) -> SummaryRow {
    let m = report.stats(node);
    let output = call.map(|c| report.calls[c].output);
    SummaryRow {
        module: node,
        name: match m.name() {
            Some(name) => format!("{name}"),
            None => m.class().into(),
        },
        class: m.class(),
        depth: m.depth(),
        output,
        params: counts.params[node],
        trainable: counts.trainable[node],
        mult_adds: output.map_or(0, |o| mult_adds(&m, &o, counts.children_named[node])),
        recursive,
        leaf: m.children().next().is_none(),
    }
}
