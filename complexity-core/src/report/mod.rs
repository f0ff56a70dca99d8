//! Run-time reports from the same walk the compiler runs: a tree of modules with their
//! shapes and counts, mmengine's totals strings, and its `out_table` and `out_arch`.

mod arch;
mod table;

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use alloc::{format, vec};
use core::fmt;

use crate::Complexity;
use crate::analysis::{NO_PARENT, Record, Recorder, Totals, walk};
use crate::cost::{Cost, OpKind, ZeroOp};
use crate::error::{Error, Name};
use crate::format::format_size;
use crate::layer::Layer;
use crate::mode::Mode;
use crate::module::{Body, Graph, Module, Naming};
use crate::shape::Shape;

/// One module of the model, in PyTorch's `named_modules()` order, with what its calls cost.
#[derive(Clone, Debug)]
pub struct ModuleStats {
    /// The dotted path (`layer1.0.conv1`); empty for the model.
    pub path: String,
    /// The depth: 0 for the model, 1 for its children, …
    pub depth: usize,
    /// The class name (`Conv2d`, `BasicBlock`, `Sequential`).
    pub class: &'static str,
    /// For a layer, its arguments with inferred sizes filled in.
    pub layer: Option<Layer>,
    /// The input shape of the first call (`None` if never called).
    pub input: Option<Shape>,
    /// The output shape of the first call (`None` if never called).
    pub output: Option<Shape>,
    /// How many times the module is called.
    pub calls: usize,
    /// Parameters (its own and its children's, once each), FLOPs by op and activations of
    /// all its calls.
    pub cost: Cost,
    /// PyTorch's `extra_repr()`, as `out_arch` prints it.
    pub extra_repr: String,
    /// Its own parameter tensors (`weight`, `bias`, ViT's `class_token`) with their shapes.
    pub parameters: Vec<(&'static str, Shape)>,
    /// Indices of its children in [`Report::modules`].
    pub children: Vec<usize>,
}

/// The analysis of a model at one input in one mode, module by module.
#[derive(Clone, Debug)]
pub struct Report {
    mode: Mode,
    totals: Totals,
    modules: Vec<ModuleStats>,
}

impl Report {
    /// Analyses the model `M` on an input of shape `input` (batch included).
    pub fn of<M: Complexity + ?Sized>(input: Shape, mode: Mode) -> Result<Report, Error> {
        Report::new(&M::MODULE, input, mode)
    }

    /// Analyses a model description on an input of shape `input` (batch included).
    pub fn new(model: &'static Module, input: Shape, mode: Mode) -> Result<Report, Error> {
        // First pass counts the records, the second writes them: the same walk as
        // `analysis::analyze`, which the compiler runs.
        let mut none: [Record; 0] = [];
        let mut counter = Recorder::new(&mut none);
        walk(model, input, mode, &mut counter)?;
        let mut records = vec![Record::EMPTY; counter.len()];
        let mut recorder = Recorder::new(&mut records);
        let (output, cost) = walk(model, input, mode, &mut recorder)?;

        let mut modules = Vec::new();
        let mut by_path = BTreeMap::new();
        declare(model, String::new(), 0, &mut modules, &mut by_path);
        // Modules whose `extra_repr` the description sets; the others print their layer's.
        let fixed: Vec<bool> = modules.iter().map(|m| !m.extra_repr.is_empty()).collect();
        let overridden = declared_reprs(model);

        let mut record_paths: Vec<String> = Vec::with_capacity(records.len());
        for r in &records {
            let path = if r.parent == NO_PARENT {
                String::new()
            } else {
                join(&record_paths[r.parent], &format!("{}", r.name))
            };
            if let Some(&i) = by_path.get(&path) {
                let m: &mut ModuleStats = &mut modules[i];
                if let (None, Some(layer)) = (&m.layer, &r.layer) {
                    m.layer = Some(*layer);
                    m.parameters = layer.params()?.tensors().to_vec();
                    if !fixed[i] && !overridden.contains(&path) {
                        m.extra_repr = layer.extra_repr();
                    }
                }
                if r.called {
                    if m.calls == 0 {
                        m.input = Some(r.input);
                        m.output = Some(r.output);
                    }
                    m.calls += 1;
                }
                // Sums of parts of the total, which did not overflow.
                m.cost = m.cost.checked_add(r.cost)?;
            }
            record_paths.push(path);
        }
        Ok(Report {
            mode,
            totals: Totals {
                input,
                output,
                cost,
            },
            modules,
        })
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
    pub fn modules(&self) -> &[ModuleStats] {
        &self.modules
    }

    /// The module at a dotted path (`""` for the model).
    pub fn module(&self, path: &str) -> Option<&ModuleStats> {
        self.modules.iter().find(|m| m.path == path)
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

    /// One line with the totals, exact and in mmengine's format, and the output shape:
    /// `ResNet at [1, 3, 224, 224], training mode: 11689512 params (11.69M), …`.
    pub fn summary(&self) -> String {
        let class = self.modules.first().map_or("model", |m| m.class);
        let mode = match self.mode {
            Mode::Train => "training mode",
            Mode::Eval => "eval mode",
        };
        let t = &self.totals;
        format!(
            "{class} at {}, {mode}: {} params ({}), {} FLOPs ({}), {} activations ({}), output {}",
            t.input,
            t.cost.params,
            self.params_str(),
            t.cost.flops,
            self.flops_str(),
            t.cost.activations,
            self.activations_str(),
            t.output
        )
    }

    /// mmengine's `out_table`, byte for byte.
    pub fn table(&self) -> String {
        table::render(self)
    }

    /// mmengine's `out_arch`, byte for byte.
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
        let mut out = Vec::new();
        for m in &self.modules {
            for (name, shape) in &m.parameters {
                out.push((join(&m.path, name), *shape));
            }
        }
        out
    }
}

/// A tree of modules with their input and output shapes and counts (FLOPs by op kind).
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shape = |s: &Option<Shape>| s.map(|s| format!("{s}")).unwrap_or_else(|| "-".into());
        let rows: Vec<[String; 8]> = self
            .modules
            .iter()
            .map(|m| {
                let name = if m.path.is_empty() {
                    "model"
                } else {
                    m.path.as_str()
                };
                let by_op: Vec<String> = OpKind::ALL
                    .iter()
                    .filter(|op| m.cost.flops_of(**op) != 0)
                    .map(|op| format!("{}={}", op.name(), m.cost.flops_of(*op)))
                    .collect();
                [
                    format!("{}{}", "  ".repeat(m.depth), name),
                    m.class.into(),
                    shape(&m.input),
                    shape(&m.output),
                    format!("{}", m.cost.params),
                    format!("{}", m.cost.flops),
                    format!("{}", m.cost.activations),
                    by_op.join(", "),
                ]
            })
            .collect();
        let header = [
            "module",
            "class",
            "input",
            "output",
            "params",
            "flops",
            "activations",
            "flops by op",
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
            self.totals.cost.params,
            self.totals.cost.flops,
            self.totals.cost.activations,
            self.totals.output
        )?;
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

/// Lists the modules in declaration order (PyTorch's `named_modules()`), depth first.
fn declare(
    module: &'static Module,
    path: String,
    depth: usize,
    modules: &mut Vec<ModuleStats>,
    by_path: &mut BTreeMap<String, usize>,
) -> usize {
    let index = modules.len();
    by_path.insert(path.clone(), index);
    let (parameters, extra_repr) = match &module.body {
        Body::Graph(g) => (
            g.params.iter().map(|p| (p.name, p.shape)).collect(),
            String::new(),
        ),
        _ => (Vec::new(), String::new()),
    };
    modules.push(ModuleStats {
        path: path.clone(),
        depth,
        class: module.class,
        layer: None,
        input: None,
        output: None,
        calls: 0,
        cost: Cost::ZERO,
        extra_repr: module.extra_repr.map(String::from).unwrap_or(extra_repr),
        parameters,
        children: Vec::new(),
    });
    for (name, child) in children_of(module) {
        let c = declare(
            child,
            join(&path, &format!("{name}")),
            depth + 1,
            modules,
            by_path,
        );
        modules[index].children.push(c);
    }
    index
}

/// The paths of the modules whose description sets `extra_repr` (maybe to nothing).
fn declared_reprs(model: &'static Module) -> Vec<String> {
    fn visit(m: &'static Module, path: String, out: &mut Vec<String>) {
        if m.extra_repr.is_some() {
            out.push(path.clone());
        }
        for (name, child) in children_of(m) {
            visit(child, join(&path, &format!("{name}")), out);
        }
    }
    let mut out = Vec::new();
    visit(model, String::new(), &mut out);
    out
}

/// The children of a module as PyTorch names them: field names, positions in a
/// sequence, or positions in a sequential struct (fragments and spliced sequences take
/// several), as the analysis names them.
fn children_of(module: &'static Module) -> Vec<(Name, &'static Module)> {
    let mut out = Vec::new();
    match module.body {
        Body::Layer(_) => {}
        Body::Sequence { modules, prefix } => {
            out.extend(
                modules
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (Name::position(prefix, i), *m)),
            );
        }
        Body::Repeat {
            module,
            count,
            prefix,
        } => out.extend((0..count).map(|i| (Name::position(prefix, i), module))),
        Body::Graph(g) => match g.naming {
            Naming::Fields => {
                out.extend(
                    g.children
                        .iter()
                        .filter(|c| c.present)
                        .map(|c| (Name::Field(c.name), c.module)),
                );
            }
            Naming::Positions | Naming::Fragment => positioned_children(&g, 0, &mut out),
        },
    }
    out
}

fn positioned_children(graph: &Graph, offset: usize, out: &mut Vec<(Name, &'static Module)>) {
    for (i, c) in graph.children.iter().enumerate() {
        if c.present {
            positioned(c.module, c.splice, offset + graph.positions_before(i), out);
        }
    }
}

fn positioned(
    module: &'static Module,
    spliced: bool,
    position: usize,
    out: &mut Vec<(Name, &'static Module)>,
) {
    match module.body {
        Body::Graph(g) if g.naming == Naming::Fragment => positioned_children(&g, position, out),
        Body::Sequence { modules, .. } if spliced => {
            let mut at = position;
            for m in modules {
                positioned(m, false, at, out);
                at += m.positions(false);
            }
        }
        Body::Repeat {
            module: m, count, ..
        } if spliced => {
            for i in 0..count {
                positioned(m, false, position + i * m.positions(false), out);
            }
        }
        _ => out.push((Name::Index(position), module)),
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
