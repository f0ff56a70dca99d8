//! Run-time reports from the same walk the compiler runs: a tree of modules with their
//! shapes and counts, mmengine's totals strings, and its `out_table` and `out_arch`.

mod arch;
mod diff;
#[cfg(feature = "serde")]
mod json;
mod table;
mod thop;
mod torchinfo;

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::Complexity;
use crate::analysis::{Call, Record, Recorder, Totals, walk};
use crate::convention::Convention;
use crate::cost::{Cost, OpKind, ZeroOp};
use crate::error::{Error, Name};
use crate::format::format_size;
use crate::layer::Layer;
use crate::memory::Precision;
use crate::memory::{Device, Saved};
use crate::mode::Mode;
use crate::module::{Body, Module};
use crate::shape::{DType, Shape};

mod state;
mod tree;

pub use state::StateTensor;
use tree::{NONE, Node};

pub use diff::{Diff, DiffRow};
pub use torchinfo::{Summary, SummaryRow};

/// One module of the model, in PyTorch's `named_modules()` order, with what its calls
/// cost: a view into its [`Report`] (the report keeps 40 bytes per module and 8 per call, and the
/// identical elements of an array share their figures).
#[derive(Clone, Copy)]
pub struct ModuleStats<'r> {
    report: &'r Report,
    index: usize,
}

impl<'r> ModuleStats<'r> {
    fn node(&self) -> &'r Node {
        &self.report.nodes[self.index]
    }

    fn call(&self) -> Option<&'r Call> {
        match self.node().call {
            NONE => None,
            c => Some(&self.report.calls[c as usize]),
        }
    }

    /// Its position in [`Report::modules`].
    pub fn index(&self) -> usize {
        self.index
    }

    /// Its name under its parent (`conv1`, `0`); `None` for the model.
    pub fn name(&self) -> Option<Name> {
        let node = self.node();
        match node.parent {
            NONE => None,
            p => Some(tree::child_name(
                self.report.nodes[p as usize].module,
                node.ordinal as usize,
            )),
        }
    }

    /// The dotted path (`layer1.0.conv1`); empty for the model. O(depth).
    pub fn path(&self) -> String {
        let mut names = Vec::new();
        let mut m = *self;
        while let (Some(name), Some(parent)) = (m.name(), m.parent()) {
            names.push(name);
            m = parent;
        }
        let mut path = String::new();
        for (i, name) in names.iter().rev().enumerate() {
            if i > 0 {
                path.push('.');
            }
            path += &format!("{name}");
        }
        path
    }

    /// The depth: 0 for the model, 1 for its children, …
    pub fn depth(&self) -> usize {
        self.node().depth as usize
    }

    /// The class name (`Conv2d`, `BasicBlock`, `Sequential`).
    pub fn class(&self) -> &'static str {
        self.node().module.class
    }

    /// For a layer, its arguments with inferred sizes filled in.
    pub fn layer(&self) -> Option<Layer> {
        match self.node().module.body {
            Body::Layer(l) => Some(self.call().and_then(|c| c.layer).unwrap_or(l)),
            _ => None,
        }
    }

    /// The input shape of the first call (`None` if never called).
    pub fn input(&self) -> Option<Shape> {
        self.call().filter(|_| self.calls() > 0).map(|c| c.input)
    }

    /// The output shape of the first call (`None` if never called).
    pub fn output(&self) -> Option<Shape> {
        self.call().filter(|_| self.calls() > 0).map(|c| c.output)
    }

    /// How many times the module is called.
    pub fn calls(&self) -> usize {
        self.node().calls as usize
    }

    /// Whether a trace of the model sees this module run an operation: it was called and
    /// ran one (an `nn.Identity`, or a `forward` that returns its input, runs none).
    /// mmengine prints `N/A` for its FLOPs and activations otherwise, as for a module
    /// never called.
    pub fn traced(&self) -> bool {
        self.calls() > 0 && self.cost().records_an_op()
    }

    /// Parameters (its own and its children's, once each), FLOPs by op and activations of
    /// all its calls.
    pub fn cost(&self) -> &'r Cost {
        match self.node().cost {
            NONE => &Cost::ZERO,
            c => &self.report.costs[c as usize],
        }
    }

    /// PyTorch's `extra_repr()`, as `out_arch` prints it: the description's
    /// `extra_repr`, else the layer's.
    pub fn extra_repr(&self) -> String {
        match (self.node().module.extra_repr, self.layer()) {
            (Some(r), _) => r.into(),
            (None, Some(l)) => l.extra_repr(),
            (None, None) => String::new(),
        }
    }

    /// The path of the module whose `weight` this one shares (`tied = "shared"`): the
    /// tensor is counted and listed there.
    pub fn tied(&self) -> Option<&'static str> {
        self.node().module.tied
    }

    /// Its own parameter tensors (`weight`, `bias`, ViT's `class_token`) with their shapes;
    /// a [tied](Self::tied) layer's `weight` is another module's, so not among them.
    pub fn parameters(&self) -> Vec<(&'static str, Shape)> {
        match (self.tied(), self.node().module.body) {
            (Some(_), Body::Layer(_)) => {
                return self
                    .all_layer_parameters()
                    .into_iter()
                    .filter(|(name, _)| *name != "weight")
                    .collect();
            }
            (Some(_), _) => return Vec::new(),
            _ => {}
        }
        match self.node().module.body {
            Body::Graph(g) => g
                .params
                .iter()
                .filter(|p| !p.buffer)
                .map(|p| (p.name, p.shape))
                .collect(),
            Body::Layer(_) => self.all_layer_parameters(),
            _ => Vec::new(),
        }
    }

    /// A layer's parameter tensors, tied or not.
    pub(crate) fn all_layer_parameters(&self) -> Vec<(&'static str, Shape)> {
        self.layer()
            .and_then(|l| l.params().ok())
            .map(|p| p.tensors().to_vec())
            .unwrap_or_default()
    }

    /// Its own buffers with their shapes: a struct's `buffer(shape = …)` fields, a batch
    /// norm's running statistics (`running_mean`, `running_var`, `num_batches_tracked`).
    pub fn buffers(&self) -> Vec<(&'static str, Shape)> {
        self.own_buffers()
            .into_iter()
            .map(|(name, shape, _, _)| (name, shape))
            .collect()
    }

    /// Its own buffers: name, shape, whether `int64`, whether persistent (in the
    /// `state_dict`).
    pub(crate) fn own_buffers(&self) -> Vec<(&'static str, Shape, bool, bool)> {
        match self.node().module.body {
            Body::Graph(g) => g
                .params
                .iter()
                .filter(|p| p.buffer)
                .map(|p| (p.name, p.shape, false, p.persistent))
                .collect(),
            Body::Layer(_) => self
                .layer()
                .and_then(|l| l.buffers().ok())
                .map(|b| {
                    b.tensors()
                        .iter()
                        .map(|&(name, shape, int)| (name, shape, int, true))
                        .collect()
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    /// What autograd keeps for backward first kept by this module's own code (its
    /// `forward`'s operations, or the layer itself), not by its children: the figure
    /// PyTorch's `saved_tensors_hooks` charge to the innermost module running.
    /// O(children).
    pub fn own_saved(&self) -> Saved {
        let mut own = self.cost().saved;
        for c in self.children() {
            own = own.saturating_sub(c.cost().saved);
        }
        own
    }

    /// Its parent; `None` for the model.
    pub fn parent(&self) -> Option<ModuleStats<'r>> {
        match self.node().parent {
            NONE => None,
            p => Some(self.report.stats(p as usize)),
        }
    }

    /// Its children, in declaration order. O(1) per child.
    pub fn children(&self) -> impl Iterator<Item = ModuleStats<'r>> + use<'r> {
        let report = self.report;
        let end = self.node().end as usize;
        let mut c = self.index + 1;
        core::iter::from_fn(move || {
            (c < end).then(|| {
                let m = report.stats(c);
                c = report.nodes[c].end as usize;
                m
            })
        })
    }
}

impl fmt::Debug for ModuleStats<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ModuleStats")
            .field("path", &self.path())
            .field("class", &self.class())
            .field("input", &self.input())
            .field("output", &self.output())
            .field("calls", &self.calls())
            .field("cost", self.cost())
            .finish()
    }
}

/// The analysis of a model at one input in one mode, module by module.
#[derive(Clone, Debug)]
pub struct Report {
    mode: Mode,
    totals: Totals,
    nodes: Vec<Node>,
    calls: Vec<Call>,
    costs: Vec<Cost>,
    /// Every call of a module that ran, in the order the calls start (pre-order): its
    /// node and its call.
    order: Vec<[u32; 2]>,
    /// The convention of the headline's and the display's FLOPs and parameters.
    convention: Convention,
}

impl Report {
    /// Analyses the model `M` on an input of shape `input` (batch included).
    pub fn of<M: Complexity + ?Sized>(input: Shape, mode: Mode) -> Result<Report, Error> {
        Report::new(&M::MODULE, input, mode)
    }

    /// [`Report::of`] with the activations stored as `precision` says: under autocast,
    /// its saved bytes (the totals' and every module's [`Cost::saved`]) are autocast's.
    ///
    /// ```
    /// # use complexity_core::{Complexity, Mode, Model, DType};
    /// # use complexity_core::memory::{Device, Precision};
    /// # use complexity_core::report::Report;
    /// #[derive(Complexity)]
    /// #[complexity(input = [16])]
    /// struct Mlp {
    ///     #[complexity(linear(in = 16, out = 32))]
    ///     fc1: (),
    ///     #[complexity(linear(in = 32, out = 8))]
    ///     fc2: (),
    /// }
    /// let amp = Report::of_in::<Mlp>(Mlp::INPUT, Mode::Train, Precision::Autocast(Device::Cpu))?;
    /// // `fc1` keeps the bf16 copy of the float32 input (16), for its weight's gradient;
    /// // `fc2` its bf16 input (32) and its weight's bf16 copy (32 · 8), for the input's
    /// // gradient: 2 bytes each.
    /// assert_eq!(amp.totals().cost.saved.bytes(DType::BF16, Device::Cpu), 2 * (16 + 32 + 256));
    /// assert_eq!(amp.memory(), "memory under autocast (2-byte half precision): params 3232 bytes, \
    ///     saved for backward 608 bytes (half 608, float32 0), KV cache 0 bytes, activation peak 192 bytes");
    /// # Ok::<(), complexity_core::Error>(())
    /// ```
    pub fn of_in<M: Complexity + ?Sized>(
        input: Shape,
        mode: Mode,
        precision: Precision,
    ) -> Result<Report, Error> {
        Report::new_in(&M::MODULE, input, mode, precision)
    }

    /// Analyses a model description on an input of shape `input` (batch included).
    ///
    /// O(modules + steps): the walk the compiler runs, once to count and once to record
    /// (an array's identical elements are walked once and their records copied), then
    /// one pass folding the records into the module tree. Memory: 40 bytes per module
    /// and 8 per call kept, and about 70 more per module while it is built.
    pub fn new(model: &'static Module, input: Shape, mode: Mode) -> Result<Report, Error> {
        Report::new_in(model, input, mode, Precision::Uniform)
    }

    /// [`Report::new`] with the activations stored as `precision` says (see
    /// [`Report::of_in`]).
    pub fn new_in(
        model: &'static Module,
        input: Shape,
        mode: Mode,
        precision: Precision,
    ) -> Result<Report, Error> {
        let mut no_records: [Record; 0] = [];
        let mut no_calls: [Call; 0] = [];
        let mut counter = Recorder::new(&mut no_records, &mut no_calls);
        walk(model, input, mode, precision, &mut counter)?;
        let mut records = vec![Record::EMPTY; counter.len()];
        let mut calls = vec![Call::EMPTY; counter.calls_len()];
        let mut recorder = Recorder::new(&mut records, &mut calls);
        let (output, cost) = walk(model, input, mode, precision, &mut recorder)?;
        let mut nodes = tree::declare(model)?;
        let mut costs: Vec<Cost> = calls.iter().map(|c| c.cost).collect();
        let order = tree::fold(&mut nodes, &records, &calls, &mut costs)?;
        let report = Report {
            mode,
            totals: Totals {
                input,
                output,
                cost,
                precision,
            },
            nodes,
            calls,
            costs,
            order,
            convention: Convention::Mmengine,
        };
        report.check_ties()?;
        Ok(report)
    }

    /// Every `tied = "path"` names a module of the model, not tied itself, whose `weight`
    /// has the tied layer's shape. O(modules · path length).
    fn check_ties(&self) -> Result<(), Error> {
        for m in self.modules() {
            let Some(to) = m.tied() else { continue };
            let ours = m
                .all_layer_parameters()
                .into_iter()
                .find(|(n, _)| *n == "weight")
                .map(|(_, s)| s);
            let theirs = self.module(to).map(|t| {
                (
                    t.tied().is_some(),
                    t.all_layer_parameters()
                        .into_iter()
                        .chain(t.parameters())
                        .find(|(n, _)| *n == "weight")
                        .map(|(_, s)| s),
                )
            });
            let (why, shapes) = match (theirs, ours) {
                (None, _) => ("no module of the model has this path", None),
                (Some((true, _)), _) => {
                    ("the module it names is tied itself: name the first", None)
                }
                (Some((_, None)), _) | (_, None) => {
                    ("a weight is shared: both modules need one", None)
                }
                (Some((_, Some(t))), Some(o)) if !t.same(&o) => {
                    ("the two weights differ in shape", Some((o, t)))
                }
                _ => continue,
            };
            let mut e = Error::new(crate::error::ErrorKind::Tied { to, why, shapes });
            let mut at = m;
            while let (Some(parent), Some(name)) = (at.parent(), at.name()) {
                e = e.within(name);
                at = parent;
            }
            return Err(e);
        }
        Ok(())
    }

    fn stats(&self, index: usize) -> ModuleStats<'_> {
        ModuleStats {
            report: self,
            index,
        }
    }

    /// The report with its [`headline`](Self::headline) and its `Display` in another
    /// tool's convention (their FLOPs column in its unit, their parameters those the tool
    /// reports, both named in the header): `Report::of::<M>(…)?.in_convention(Convention::Ptflops)`.
    /// mmengine's outputs ([`table`](Self::table), [`arch`](Self::arch)) and
    /// [`ModuleStats::cost`] stay mmengine's; [`Convention::flops`] of a module's cost
    /// gives any tool's figure of it.
    pub fn in_convention(mut self, convention: Convention) -> Report {
        self.convention = convention;
        self
    }

    /// The convention of the headline and the display (mmengine's unless
    /// [`in_convention`](Self::in_convention) set another).
    pub fn convention(&self) -> Convention {
        self.convention
    }

    /// The mode analysed.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The model's totals and output shape.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// Every module, in `named_modules()` order (the model first).
    pub fn modules(&self) -> impl ExactSizeIterator<Item = ModuleStats<'_>> + '_ {
        (0..self.nodes.len()).map(|i| self.stats(i))
    }

    /// How many modules the model has, itself included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always false: a report has at least the model.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The model itself.
    pub fn model(&self) -> ModuleStats<'_> {
        self.stats(0)
    }

    /// The module at a dotted path (`""` for the model). O(depth · fields): each name
    /// is looked up among its parent's children (an array's element at once).
    pub fn module(&self, path: &str) -> Option<ModuleStats<'_>> {
        let mut at = 0;
        if path.is_empty() {
            return Some(self.stats(0));
        }
        for part in path.split('.') {
            let parent = self.nodes[at].module;
            let ordinal = tree::ordinal_by_text(parent, part)?;
            at = tree::find_child(&self.nodes, at, ordinal, NONE)?;
        }
        Some(self.stats(at))
    }

    /// Total parameters in mmengine's format (`11.69M`).
    pub fn params_str(&self) -> String {
        format_size(self.totals.cost.params as u128, 3)
    }

    /// Total FLOPs in mmengine's format (`1.827G`).
    pub fn flops_str(&self) -> String {
        format_size(self.totals.cost.flops, 3)
    }

    /// Total activations in mmengine's format (`2.485M`).
    pub fn activations_str(&self) -> String {
        format_size(self.totals.cost.activations as u128, 3)
    }

    /// One line with the totals, exact and in mmengine's format, and the output shape,
    /// saying the convention and unit of its FLOPs: `ResNet at [1, 3, 224, 224], training
    /// mode, mmengine convention (multiply-adds): 11689512 params (11.69M), …`; in
    /// another [convention](Self::in_convention), its figures: `…, ptflops convention
    /// (multiply-adds): 11689512 params (11.69M), 1825313768 FLOPs (1.825G), …`.
    pub fn headline(&self) -> String {
        let class = self.model().class();
        let mode = match self.mode {
            Mode::Train => "training mode",
            Mode::Eval => "eval mode",
        };
        let t = &self.totals;
        let c = self.convention;
        let (params, flops) = (c.params(&t.cost), c.flops(&t.cost));
        format!(
            "{class} at {}, {mode}, {} convention ({}): {} params ({}), {} FLOPs ({}), {} activations ({}), output {}",
            t.input,
            c.name(),
            c.unit().name(),
            params,
            format_size(params as u128, 3),
            flops,
            format_size(flops, 3),
            t.cost.activations,
            self.activations_str(),
            t.output
        )
    }

    /// The memory line of the display, in float32 on the CPU (PyTorch's measurement
    /// setting; [`memory`](crate::memory) has every dtype, device and optimizer):
    /// parameter bytes, what autograd keeps for backward (by dtype), the KV cache and
    /// the activation peak. `memory in float32: params 46758048 bytes, saved for
    /// backward 22256640 bytes (float32 20651008, int64 1605632), KV cache 0 bytes,
    /// activation peak 8028160 bytes`.
    pub fn memory(&self) -> String {
        let c = &self.totals.cost;
        let precision = self.totals.precision;
        let (half, device, title) = match precision {
            Precision::Uniform => (DType::F32, Device::Cpu, "memory in float32"),
            Precision::Autocast(d) => (
                DType::BF16,
                d,
                "memory under autocast (2-byte half precision)",
            ),
        };
        let [float, stats, int64, bools] = c.saved.bytes_by_class(half, device);
        let mut by = match precision {
            Precision::Uniform => vec![format!("float32 {}", float + stats)],
            Precision::Autocast(_) => vec![format!("half {float}"), format!("float32 {stats}")],
        };
        if int64 > 0 {
            by.push(format!("int64 {int64}"));
        }
        if bools > 0 {
            by.push(format!("bool {bools}"));
        }
        format!(
            "{title}: params {} bytes, saved for backward {} bytes ({}), KV cache {} bytes, activation peak {} bytes",
            DType::F32.bytes(c.params as u128),
            precision.saved_bytes(&c.saved),
            by.join(", "),
            DType::F32.bytes(c.cached),
            DType::F32.bytes(c.peak_elements),
        )
    }

    /// mmengine's `out_table`, byte for byte, with its rules: it starts with an empty line;
    /// it shows three levels below the first row (deeper modules are in
    /// [`Report::module`]); parameter tensors get rows with their shapes; modules whose
    /// figures are all 0 are left out unless a child is shown; and a row with exactly one
    /// row below it whose figures agree is merged into it, so a model with a single
    /// non-zero child starts at that child (`| blocks | …`), not at `model`.
    pub fn table(&self) -> String {
        table::render(self)
    }

    /// mmengine's `out_arch`, byte for byte: PyTorch's `repr(model)` with a `#params,
    /// #flops, #acts` line in every module whose figures are not all 0, `N/A` for a module
    /// never called; it starts with an empty line (and a note when a module shows `N/A`).
    pub fn arch(&self) -> String {
        arch::render(self)
    }

    /// The operations counted as 0 FLOPs by mmengine's rules, with how often they ran,
    /// so that a zero is never mistaken for a gap: `[("relu", 17), ("add", 8), …]`.
    pub fn zero_ops(&self) -> Vec<(&'static str, u32)> {
        ZeroOp::ALL
            .iter()
            .map(|op| (op.name(), self.totals.cost.zero_count(*op)))
            .filter(|(_, n)| *n != 0)
            .collect()
    }

    /// Every parameter tensor as `(dotted name, shape)`, in `named_parameters()` order.
    pub(crate) fn named_parameters(&self) -> Vec<(String, Shape)> {
        let paths = self.paths();
        let mut out = Vec::new();
        for m in self.modules() {
            for (name, shape) in m.parameters() {
                out.push((join(&paths[m.index()], name), shape));
            }
        }
        out
    }

    /// Every module's dotted path, by index. O(modules · path length).
    pub(crate) fn paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = Vec::with_capacity(self.nodes.len());
        for m in self.modules() {
            let path = match (m.parent(), m.name()) {
                (Some(p), Some(name)) => join(&paths[p.index()], &format!("{name}")),
                _ => String::new(),
            };
            paths.push(path);
        }
        paths
    }
}

/// A tree of modules with their input and output shapes and counts (FLOPs by op kind).
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shape = |s: &Option<Shape>| s.map(|s| format!("{s}")).unwrap_or_else(|| "-".into());
        let paths = self.paths();
        let rows: Vec<[String; 9]> = self
            .modules()
            .map(|m| {
                let path = &paths[m.index()];
                let name = if path.is_empty() { "model" } else { path };
                let cost = m.cost();
                let by_op: Vec<String> = OpKind::ALL
                    .iter()
                    .filter(|op| cost.flops_of(**op) != 0)
                    .map(|op| format!("{}={}", op.name(), cost.flops_of(*op)))
                    .collect();
                [
                    format!("{}{}", "  ".repeat(m.depth()), name),
                    m.class().into(),
                    shape(&m.input()),
                    shape(&m.output()),
                    format!("{}", self.convention.params(cost)),
                    format!("{}", self.convention.flops(cost)),
                    format!("{}", cost.activations),
                    format!("{}", self.totals.precision.saved_bytes(&cost.saved)),
                    by_op.join(", "),
                ]
            })
            .collect();
        let flops_header = match self.convention {
            Convention::Mmengine => String::from("flops"),
            c => format!("flops ({}, {})", c.name(), c.unit().name()),
        };
        let header = [
            "module",
            "class",
            "input",
            "output",
            "params",
            &flops_header,
            "activations",
            "saved bytes",
            if self.convention == Convention::Mmengine {
                "flops by op"
            } else {
                "flops by op (mmengine)"
            },
        ];
        let mut widths = header.map(str::len);
        for row in &rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.chars().count());
            }
        }
        let line = |f: &mut fmt::Formatter<'_>, cells: &[&str]| -> fmt::Result {
            let mut line = String::new();
            for (cell, w) in cells.iter().zip(widths) {
                line += &format!("{cell:<w$}  ");
            }
            writeln!(f, "{}", line.trim_end())
        };
        line(f, &header)?;
        for row in &rows {
            line(f, &row.each_ref().map(String::as_str))?;
        }
        write!(
            f,
            "total ({:?}): {} params, {} FLOPs, {} activations, output {}",
            self.mode,
            self.convention.params(&self.totals.cost),
            self.convention.flops(&self.totals.cost),
            self.totals.cost.activations,
            self.totals.output
        )?;
        write!(f, "\n{}", self.memory())?;
        let zeros: Vec<String> = self
            .zero_ops()
            .iter()
            .map(|(op, n)| format!("{op} ×{n}"))
            .collect();
        if !zeros.is_empty() {
            write!(
                f,
                "\ncounted as 0 FLOPs (mmengine has no rule for them): {}",
                zeros.join(", ")
            )?;
        }
        Ok(())
    }
}

/// `prefix.name`, or `name` when the prefix is the model's empty path.
pub(crate) fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.into()
    } else {
        format!("{prefix}.{name}")
    }
}
