//! The one analysis: a `const fn` walk of a [`Module`] description that propagates shapes
//! and counts parameters, FLOPs and activations.
//!
//! The compiler runs it in `const` items (`#[complexity(input = …)]`) and the run-time
//! [`Report`](crate::report::Report) runs the very same walk with a buffer that records
//! every module call, so a number can never differ between the two.
//!
//! Counting follows mmengine's `get_model_complexity_info`: every op is charged to the
//! module running it and to all its ancestors; an op written in a module's `forward`
//! (the residual `+`) counts for that module only; a module called twice counts both
//! calls; parameters count once per module, however often it is called.

use crate::cost::Cost;
use crate::error::{Error, ErrorKind, Name};
use crate::layer::elementwise::{add_flops, broadcast};
use crate::layer::{Flatten, Layer, tri};
use crate::module::{Body, Graph, Module, Step};
use crate::shape::Shape;

/// The most values (the input plus one per step) a single `forward` program may have.
pub const MAX_VALUES: usize = 64;

/// Whether the model runs in training or evaluation mode. Only batch norm counts
/// differently (see [`BatchNorm2d`](crate::layer::BatchNorm2d)).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub enum Mode {
    /// Training mode: what mmengine reports for a freshly built model, since
    /// `get_model_complexity_info` never calls `.eval()`.
    #[default]
    Train,
    /// Evaluation mode (`model.eval()`).
    Eval,
}

/// The totals of a model at one input: what `#[complexity(input = …)]` makes constants of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Totals {
    /// The input shape.
    pub input: Shape,
    /// The output shape.
    pub output: Shape,
    /// Parameters, FLOPs (by op) and activations of the whole model.
    pub cost: Cost,
}

impl Totals {
    /// Parameters.
    pub const fn params(&self) -> u64 {
        self.cost.params
    }

    /// FLOPs (multiply-adds).
    pub const fn flops(&self) -> u128 {
        self.cost.flops
    }

    /// Activations.
    pub const fn activations(&self) -> u64 {
        self.cost.activations
    }
}

/// Analyses `module` on an input of shape `input` (batch included) in `mode`.
///
/// This is a `const fn`: in a `const` item, an `Err` becomes a compile error through
/// [`Error::panic`].
pub const fn analyze(module: &'static Module, input: Shape, mode: Mode) -> Result<Totals, Error> {
    let mut none: [Record; 0] = [];
    let mut recorder = Recorder::new(&mut none);
    let (output, cost) = tri!(walk(
        module,
        Name::Index(0),
        NO_PARENT,
        input,
        mode,
        true,
        &mut recorder
    ));
    Ok(Totals {
        input,
        output,
        cost,
    })
}

/// The parent index of the model's own record.
pub(crate) const NO_PARENT: usize = usize::MAX;

/// One call of one module, as the walk meets it (pre-order).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Record {
    /// The index of the parent's record, [`NO_PARENT`] for the model.
    pub parent: usize,
    /// The name under the parent.
    pub name: Name,
    /// The layer with the sizes it inferred, for a layer.
    pub layer: Option<Layer>,
    /// The input shape.
    pub input: Shape,
    /// The output shape.
    pub output: Shape,
    /// What this call cost, children included (params only on the module's first call).
    pub cost: Cost,
}

impl Record {
    pub(crate) const EMPTY: Record = Record {
        parent: NO_PARENT,
        name: Name::Index(0),
        layer: None,
        input: Shape::SCALAR,
        output: Shape::SCALAR,
        cost: Cost::ZERO,
    };
}

/// Where the walk writes its records: nowhere at compile time (an empty buffer), a buffer
/// of the right size at run time. It counts the calls either way.
pub(crate) struct Recorder<'a> {
    records: &'a mut [Record],
    len: usize,
}

impl<'a> Recorder<'a> {
    pub(crate) const fn new(records: &'a mut [Record]) -> Recorder<'a> {
        Recorder { records, len: 0 }
    }

    /// The number of calls met so far.
    pub(crate) const fn len(&self) -> usize {
        self.len
    }

    const fn reserve(&mut self) -> usize {
        self.len += 1;
        self.len - 1
    }

    const fn set(&mut self, index: usize, record: Record) {
        if index < self.records.len() {
            self.records[index] = record;
        }
    }
}

/// Calls `module` on `input`: the walk. `count_params` is false on every call but a
/// module's first, so shared modules count their parameters once.
pub(crate) const fn walk(
    module: &'static Module,
    name: Name,
    parent: usize,
    input: Shape,
    mode: Mode,
    count_params: bool,
    rec: &mut Recorder<'_>,
) -> Result<(Shape, Cost), Error> {
    let index = rec.reserve();
    let mut layer = None;
    let (output, mut cost) = match module.body {
        Body::Layer(l) => {
            let applied = tri!(l.apply(input, mode));
            layer = Some(applied.layer);
            (applied.output, applied.cost)
        }
        Body::Sequence(modules) => {
            let mut x = input;
            let mut total = Cost::ZERO;
            let mut i = 0;
            while i < modules.len() {
                let (y, c) = match walk(
                    modules[i],
                    Name::Index(i),
                    index,
                    x,
                    mode,
                    count_params,
                    rec,
                ) {
                    Ok(r) => r,
                    Err(e) => return Err(e.within(Name::Index(i))),
                };
                total = tri!(total.checked_add(c));
                x = y;
                i += 1;
            }
            (x, total)
        }
        Body::Repeat { module: m, count } => {
            let mut x = input;
            let mut total = Cost::ZERO;
            let mut i = 0;
            while i < count {
                let (y, c) = match walk(m, Name::Index(i), index, x, mode, count_params, rec) {
                    Ok(r) => r,
                    Err(e) => return Err(e.within(Name::Index(i))),
                };
                total = tri!(total.checked_add(c));
                x = y;
                i += 1;
            }
            (x, total)
        }
        Body::Graph(graph) => tri!(run_graph(&graph, index, input, mode, count_params, rec)),
    };
    if !count_params {
        cost.params = 0;
    }
    rec.set(
        index,
        Record {
            parent,
            name,
            layer,
            input,
            output,
            cost,
        },
    );
    Ok((output, cost))
}

/// Runs a forward program: each step's value is kept (by shape) for later steps.
const fn run_graph(
    graph: &Graph,
    index: usize,
    input: Shape,
    mode: Mode,
    count_params: bool,
    rec: &mut Recorder<'_>,
) -> Result<(Shape, Cost), Error> {
    if graph.steps.len() >= MAX_VALUES {
        return Err(description("a forward program has more than 63 steps"));
    }
    let mut values = [Shape::SCALAR; MAX_VALUES];
    values[0] = input;
    let mut total = Cost::ZERO;
    let mut i = 0;
    while i < graph.steps.len() {
        let defined = i + 1;
        let value = match graph.steps[i] {
            Step::Call { child, input: v } => {
                if child >= graph.children.len() || v >= defined {
                    return Err(description("a step refers to a missing child or value"));
                }
                let c = &graph.children[child];
                if !c.present {
                    values[v]
                } else {
                    let first = !calls_child_before(graph, child, i);
                    let name = Name::Field(c.name);
                    let (y, cost) = match walk(
                        c.module,
                        name,
                        index,
                        values[v],
                        mode,
                        count_params && first,
                        rec,
                    ) {
                        Ok(r) => r,
                        Err(e) => return Err(e.within(name)),
                    };
                    total = tri!(total.checked_add(cost));
                    y
                }
            }
            Step::Add { left, right } => {
                if left >= defined || right >= defined {
                    return Err(description("a step refers to a missing value"));
                }
                let y = tri!(broadcast("+", values[left], values[right]));
                let mut cost = Cost::ZERO;
                cost.flops = add_flops(y);
                total = tri!(total.checked_add(cost));
                y
            }
            Step::Flatten {
                input: v,
                start_dim,
                end_dim,
            } => {
                if v >= defined {
                    return Err(description("a step refers to a missing value"));
                }
                let f = Flatten { start_dim, end_dim };
                let mut cost = Cost::ZERO;
                cost.flops = f.flops(values[v]);
                total = tri!(total.checked_add(cost));
                tri!(f.output_shape(values[v]))
            }
        };
        values[defined] = value;
        i += 1;
    }
    if graph.output > graph.steps.len() {
        return Err(description("the output is a missing value"));
    }
    Ok((values[graph.output], total))
}

/// Whether a step before `step` already calls `child` (whose parameters then count once).
const fn calls_child_before(graph: &Graph, child: usize, step: usize) -> bool {
    let mut j = 0;
    while j < step {
        if let Step::Call { child: c, .. } = graph.steps[j]
            && c == child
        {
            return true;
        }
        j += 1;
    }
    false
}

const fn description(what: &'static str) -> Error {
    Error::new(ErrorKind::Description { what })
}
