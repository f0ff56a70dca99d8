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

use crate::cost::{Cost, ZeroOp};
use crate::error::{Error, ErrorKind, Name};
use crate::layer::elementwise::binary;
use crate::layer::matmul::{linear_with, matmul};
use crate::layer::reshape::{
    cat, expand, mean, permute, piece, reshape, select, transpose, unflatten,
};
use crate::layer::{AdaptiveAvgPool2d, Flatten, Layer, tri};
use crate::module::{Body, ExpandSize, Graph, Module, Naming, Step};
use crate::shape::{DType, MAX_RANK, Shape};

/// The most values (the inputs plus one per step) a single `forward` program may have.
pub const MAX_VALUES: usize = 64;

/// The most inputs a module's `forward` may take.
pub const MAX_INPUTS: usize = 4;

/// Whether the model runs in training or evaluation mode. Only batch norm counts
/// differently (see [`BatchNorm`](crate::layer::BatchNorm)).
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
    /// The most activation elements alive at once during a forward pass (see
    /// [`Cost::peak_elements`]): the size of a scratch arena, in elements.
    pub const fn peak_elements(&self) -> u128 {
        self.cost.peak_elements
    }

    /// The bytes of all parameters stored as `dtype`.
    pub const fn param_bytes(&self, dtype: DType) -> u128 {
        self.cost.params as u128 * dtype.size() as u128
    }

    /// The bytes of the activation peak stored as `dtype`.
    pub const fn peak_bytes(&self, dtype: DType) -> u128 {
        self.cost.peak_elements.saturating_mul(dtype.size() as u128)
    }

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
        None,
        NO_PARENT,
        &[input],
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

/// One call of one module, as the walk meets it (pre-order), or a module that is never
/// called (`called == false`, with its parameters only).
// Only the run-time report (feature `alloc`) reads the records back.
#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
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
    /// Whether the module itself ran; `false` for a child that is never called or whose
    /// weights a parent uses functionally (mmengine's `N/A`).
    pub called: bool,
}

#[cfg_attr(not(feature = "alloc"), allow(dead_code))]
impl Record {
    pub(crate) const EMPTY: Record = Record {
        parent: NO_PARENT,
        name: Name::Index(0),
        layer: None,
        input: Shape::SCALAR,
        output: Shape::SCALAR,
        cost: Cost::ZERO,
        called: false,
    };
}

/// Where the walk writes its records: nowhere at compile time (an empty buffer), a buffer
/// of the right size at run time. It counts the records either way.
pub(crate) struct Recorder<'a> {
    records: &'a mut [Record],
    len: usize,
}

impl<'a> Recorder<'a> {
    pub(crate) const fn new(records: &'a mut [Record]) -> Recorder<'a> {
        Recorder { records, len: 0 }
    }

    /// The number of records met so far.
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

    /// Marks a record as a module that did not run itself: it keeps its parameters only.
    const fn uncall(&mut self, index: usize) {
        if index < self.records.len() {
            let params = self.records[index].cost.params;
            self.records[index].cost = Cost::ZERO;
            self.records[index].cost.params = params;
            self.records[index].called = false;
        }
    }
}

/// Calls `module` on `input`: the walk. `name` is the module's name under its parent
/// (`None` for the model), put in front of the path of any error from inside it.
/// `count_params` is false on every call but a module's first, so shared modules count
/// their parameters once.
pub(crate) const fn walk(
    module: &'static Module,
    name: Option<Name>,
    parent: usize,
    inputs: &[Shape],
    mode: Mode,
    count_params: bool,
    rec: &mut Recorder<'_>,
) -> Result<(Shape, Cost), Error> {
    match walk_unnamed(module, name, parent, inputs, mode, count_params, rec) {
        Ok(r) => Ok(r),
        Err(e) => match name {
            Some(n) => Err(e.within(n)),
            None => Err(e),
        },
    }
}

const fn walk_unnamed(
    module: &'static Module,
    name: Option<Name>,
    parent: usize,
    inputs: &[Shape],
    mode: Mode,
    count_params: bool,
    rec: &mut Recorder<'_>,
) -> Result<(Shape, Cost), Error> {
    let index = rec.reserve();
    let mut layer = None;
    let takes = match module.body {
        Body::Graph(g) => g.inputs,
        _ => 1,
    };
    if inputs.len() != takes {
        return Err(Error::new(ErrorKind::Inputs {
            expected: takes,
            got: inputs.len(),
        }));
    }
    let input = inputs[0];
    let (output, mut cost) = match module.body {
        Body::Layer(l) => {
            let applied = tri!(l.apply(input, mode));
            layer = Some(applied.layer);
            let mut cost = applied.cost;
            // A layer holds its input and its output, one buffer when it works in place.
            let in_place = matches!(applied.layer, Layer::Activation(a) if a.inplace);
            let output_elements = if in_place {
                0
            } else {
                tri!(elements(applied.output))
            };
            cost.peak_elements = tri!(add_elements(tri!(elements(input)), output_elements));
            (applied.output, cost)
        }
        Body::Sequence { modules, prefix } => {
            let mut x = input;
            let mut total = Cost::ZERO;
            let mut i = 0;
            while i < modules.len() {
                let (y, c) = tri!(walk(
                    modules[i],
                    Some(Name::position(prefix, i)),
                    index,
                    &[x],
                    mode,
                    count_params,
                    rec
                ));
                total = tri!(total.checked_add(c));
                x = y;
                i += 1;
            }
            (x, total)
        }
        Body::Repeat {
            module: m,
            count,
            prefix,
        } => {
            let mut x = input;
            let mut total = Cost::ZERO;
            let mut i = 0;
            while i < count {
                let (y, c) = tri!(walk(
                    m,
                    Some(Name::position(prefix, i)),
                    index,
                    &[x],
                    mode,
                    count_params,
                    rec
                ));
                total = tri!(total.checked_add(c));
                x = y;
                i += 1;
            }
            (x, total)
        }
        Body::Graph(graph) => {
            if matches!(graph.naming, Naming::Fragment) {
                return Err(description(
                    "a fragment is used outside a sequential struct",
                ));
            }
            let (y, mut total) = tri!(run_graph(&graph, index, 0, inputs, mode, count_params, rec));
            let own = tri!(own_params(&graph));
            total = tri!(total.checked_add(own));
            (y, total)
        }
    };
    if !count_params {
        cost.params = 0;
    }
    let name = match name {
        Some(n) => n,
        None => Name::Index(0),
    };
    rec.set(
        index,
        Record {
            parent,
            name,
            layer,
            input,
            output,
            cost,
            called: true,
        },
    );
    Ok((output, cost))
}

/// A graph's own parameters (ViT's `class_token`), as a cost.
const fn own_params(graph: &Graph) -> Result<Cost, Error> {
    let mut cost = Cost::ZERO;
    let mut i = 0;
    while i < graph.params.len() {
        let n = match graph.params[i].shape.checked_numel() {
            Some(n) if n <= u64::MAX as u128 => n as u64,
            _ => return Err(crate::cost::overflow("params")),
        };
        cost.params = match cost.params.checked_add(n) {
            Some(p) => p,
            None => return Err(crate::cost::overflow("params")),
        };
        i += 1;
    }
    Ok(cost)
}

/// The name of child `child` of a graph whose positions start at `offset`.
const fn child_name(graph: &Graph, child: usize, offset: usize) -> Name {
    match graph.naming {
        Naming::Fields => Name::Field(graph.children[child].name),
        Naming::Positions | Naming::Fragment => Name::Index(offset + graph.positions_before(child)),
    }
}

/// Where a call happens: the parent's record, the mode, and whether parameters count.
#[derive(Clone, Copy)]
struct Frame {
    parent: usize,
    mode: Mode,
    count_params: bool,
}

/// Calls child `child` of `graph`: by its field name, or at its position, spliced.
const fn call_child(
    graph: &Graph,
    child: usize,
    offset: usize,
    inputs: &[Shape],
    frame: Frame,
    rec: &mut Recorder<'_>,
) -> Result<(Shape, Cost), Error> {
    let Frame {
        parent,
        mode,
        count_params,
    } = frame;
    let c = &graph.children[child];
    match graph.naming {
        Naming::Fields => walk(
            c.module,
            Some(Name::Field(c.name)),
            parent,
            inputs,
            mode,
            count_params,
            rec,
        ),
        Naming::Positions | Naming::Fragment => {
            let position = offset + graph.positions_before(child);
            if inputs.len() != 1 {
                return Err(Error::new(ErrorKind::Inputs {
                    expected: 1,
                    got: inputs.len(),
                })
                .within(Name::Index(position)));
            }
            call_positioned(c.module, c.splice, position, inputs[0], frame, rec)
        }
    }
}

/// Calls a module that takes positions from `position` on in a sequential struct: a
/// fragment's children, a spliced sequence's elements, or the module itself.
const fn call_positioned(
    module: &'static Module,
    spliced: bool,
    position: usize,
    input: Shape,
    frame: Frame,
    rec: &mut Recorder<'_>,
) -> Result<(Shape, Cost), Error> {
    let Frame {
        parent,
        mode,
        count_params,
    } = frame;
    match module.body {
        Body::Graph(g) if matches!(g.naming, Naming::Fragment) => {
            run_graph(&g, parent, position, &[input], mode, count_params, rec)
        }
        Body::Sequence { modules, .. } if spliced => {
            let mut x = input;
            let mut total = Cost::ZERO;
            let mut at = position;
            let mut i = 0;
            while i < modules.len() {
                let (y, c) = tri!(call_positioned(modules[i], false, at, x, frame, rec));
                total = tri!(total.checked_add(c));
                x = y;
                at += modules[i].positions(false);
                i += 1;
            }
            Ok((x, total))
        }
        Body::Repeat {
            module: m, count, ..
        } if spliced => {
            let mut x = input;
            let mut total = Cost::ZERO;
            let mut at = position;
            let mut i = 0;
            while i < count {
                let (y, c) = tri!(call_positioned(m, false, at, x, frame, rec));
                total = tri!(total.checked_add(c));
                x = y;
                at += m.positions(false);
                i += 1;
            }
            Ok((x, total))
        }
        _ => walk(
            module,
            Some(Name::Index(position)),
            parent,
            &[input],
            mode,
            count_params,
            rec,
        ),
    }
}

/// Records a module that is never called (and its descendants) with its parameters,
/// which must not depend on an input; returns them.
const fn record_uncalled(
    module: &'static Module,
    name: Name,
    parent: usize,
    count_params: bool,
    rec: &mut Recorder<'_>,
) -> Result<u64, Error> {
    let index = rec.reserve();
    let mut layer = None;
    let mut params: u64 = 0;
    match module.body {
        Body::Layer(l) => {
            params = match l.params() {
                Ok(p) => tri!(p.count()),
                Err(e) => return Err(e.within(name)),
            };
            layer = Some(l);
        }
        Body::Sequence { modules, prefix } => {
            let mut i = 0;
            while i < modules.len() {
                let p = tri!(record_uncalled(
                    modules[i],
                    Name::position(prefix, i),
                    index,
                    count_params,
                    rec
                ));
                params = tri!(add_params(params, p));
                i += 1;
            }
        }
        Body::Repeat {
            module: m,
            count,
            prefix,
        } => {
            let mut i = 0;
            while i < count {
                let p = tri!(record_uncalled(
                    m,
                    Name::position(prefix, i),
                    index,
                    count_params,
                    rec
                ));
                params = tri!(add_params(params, p));
                i += 1;
            }
        }
        Body::Graph(g) => {
            params = tri!(own_params(&g)).params;
            let mut i = 0;
            while i < g.children.len() {
                if g.children[i].present {
                    let p = tri!(record_uncalled(
                        g.children[i].module,
                        child_name(&g, i, 0),
                        index,
                        count_params,
                        rec
                    ));
                    params = tri!(add_params(params, p));
                }
                i += 1;
            }
        }
    }
    if !count_params {
        params = 0;
    }
    let mut cost = Cost::ZERO;
    cost.params = params;
    rec.set(
        index,
        Record {
            parent,
            name,
            layer,
            input: Shape::SCALAR,
            output: Shape::SCALAR,
            cost,
            called: false,
        },
    );
    Ok(params)
}

const fn add_params(a: u64, b: u64) -> Result<u64, Error> {
    match a.checked_add(b) {
        Some(n) => Ok(n),
        None => Err(crate::cost::overflow("params")),
    }
}

/// Runs a forward program: each step's value is kept (by shape) for later steps. The
/// children's records get `index` as their parent; positions start at `offset`.
const fn run_graph(
    graph: &Graph,
    index: usize,
    offset: usize,
    inputs: &[Shape],
    mode: Mode,
    count_params: bool,
    rec: &mut Recorder<'_>,
) -> Result<(Shape, Cost), Error> {
    let n = inputs.len();
    if n + graph.steps.len() > MAX_VALUES {
        return Err(description("a forward program has more than 64 values"));
    }
    let mut values = [Shape::SCALAR; MAX_VALUES];
    // The elements each value holds (0 for parameters and numbers), for the peak.
    let mut sizes = [0u128; MAX_VALUES];
    let mut peak: u128 = 0;
    let mut ran = [false; MAX_VALUES];
    let mut k = 0;
    while k < n {
        values[k] = inputs[k];
        sizes[k] = tri!(elements(inputs[k]));
        k += 1;
    }
    let mut total = Cost::ZERO;
    let mut skip = 0;
    let mut i = 0;
    while i < graph.steps.len() {
        let defined = n + i;
        if skip > 0 {
            skip -= 1;
            i += 1;
            continue;
        }
        ran[i] = true;
        tri!(check_operands(&graph.steps[i], defined));
        let (value, cost) = match graph.steps[i] {
            Step::Call { child, inputs: vs } | Step::Functional { child, inputs: vs } => {
                if child >= graph.children.len() || vs.is_empty() || vs.len() > MAX_INPUTS {
                    return Err(description(
                        "a step calls a missing child, or with no or too many inputs",
                    ));
                }
                let c = &graph.children[child];
                if !c.present {
                    (values[vs[0]], Cost::ZERO)
                } else {
                    let mut args = [Shape::SCALAR; MAX_INPUTS];
                    let mut a = 0;
                    while a < vs.len() {
                        args[a] = values[vs[a]];
                        a += 1;
                    }
                    let args = args.split_at(vs.len()).0;
                    let first = !child_ran_before(graph, &ran, child, i);
                    let record = rec.len();
                    let frame = Frame {
                        parent: index,
                        mode,
                        count_params: count_params && first,
                    };
                    let r = tri!(call_child(graph, child, offset, args, frame, rec));
                    if let Step::Functional { .. } = graph.steps[i] {
                        if !matches!(c.module.body, Body::Layer(_)) {
                            return Err(description("`functional` applies a layer child only"));
                        }
                        rec.uncall(record);
                    }
                    r
                }
            }
            Step::Param { index: p } => {
                if p >= graph.params.len() {
                    return Err(description("a step refers to a missing parameter"));
                }
                (graph.params[p].shape, Cost::ZERO)
            }
            Step::Scalar => (Shape::SCALAR, Cost::ZERO),
            Step::Binary { op, left, right } => {
                tri!(binary(op, values[left], values[right]))
            }
            Step::Unary { op, input: v } => (values[v], Cost::zero(op)),
            Step::MatMul { left, right } => {
                tri!(matmul(values[left], values[right]))
            }
            Step::Linear { input: v, weight } => {
                if weight >= graph.params.len() {
                    return Err(description("a step refers to a missing parameter"));
                }
                tri!(linear_with(values[v], graph.params[weight].shape))
            }
            Step::AdaptiveAvgPool2d { input: v, output } => {
                let a = tri!(AdaptiveAvgPool2d::new(output).apply(values[v]));
                (a.output, a.cost)
            }
            Step::Flatten {
                input: v,
                start_dim,
                end_dim,
            } => {
                let a = tri!(Flatten { start_dim, end_dim }.apply(values[v]));
                (a.output, a.cost)
            }
            Step::Unflatten {
                input: v,
                dim,
                sizes,
            } => (
                tri!(unflatten(values[v], dim, sizes)),
                Cost::zero(ZeroOp::Reshape),
            ),
            Step::Reshape { input: v, sizes } => {
                (tri!(reshape(values[v], sizes)), Cost::zero(ZeroOp::Reshape))
            }
            Step::Transpose {
                input: v,
                dim0,
                dim1,
            } => (
                tri!(transpose(values[v], dim0, dim1)),
                Cost::zero(ZeroOp::Reshape),
            ),
            Step::Permute { input: v, dims } => {
                (tri!(permute(values[v], dims)), Cost::zero(ZeroOp::Reshape))
            }
            Step::Select {
                input: v,
                dim,
                index: at,
            } => (
                tri!(select(values[v], dim, at)),
                Cost::zero(ZeroOp::Reshape),
            ),
            Step::Piece {
                input: v,
                dim,
                split,
                index: at,
                count,
            } => (
                tri!(piece(values[v], dim, split, at, count)),
                Cost::zero(ZeroOp::Reshape),
            ),
            Step::Cat { inputs, dim } => {
                if inputs.is_empty() {
                    return Err(description("`cat` of no tensors"));
                }
                let mut y = values[inputs[0]];
                let mut k = 1;
                while k < inputs.len() {
                    y = tri!(cat(y, values[inputs[k]], dim));
                    k += 1;
                }
                (y, Cost::zero(ZeroOp::Cat))
            }
            Step::Expand { input: v, sizes } => {
                let mut resolved = [0i64; MAX_RANK];
                if sizes.len() > MAX_RANK {
                    return Err(description("`expand` to more than 8 dimensions"));
                }
                let mut k = 0;
                while k < sizes.len() {
                    resolved[k] = match sizes[k] {
                        ExpandSize::Keep => -1,
                        ExpandSize::Size(n) => n as i64,
                        ExpandSize::Like(w, d) => {
                            let like = values[w];
                            let at = tri!(crate::layer::reshape::dim_index(
                                "size",
                                d,
                                like,
                                like.rank()
                            ));
                            like.dim(at) as i64
                        }
                    };
                    k += 1;
                }
                (
                    tri!(expand(values[v], resolved.split_at(sizes.len()).0)),
                    Cost::zero(ZeroOp::Reshape),
                )
            }
            Step::Mean {
                input: v,
                dims,
                keepdim,
            } => (
                tri!(mean(values[v], dims, keepdim)),
                Cost::zero(ZeroOp::Mean),
            ),
            Step::SkipUnless { cond, count } => {
                if !cond {
                    skip = count;
                }
                (Shape::SCALAR, Cost::ZERO)
            }
            Step::Choose {
                cond,
                then,
                otherwise,
            } => (values[if cond { then } else { otherwise }], Cost::ZERO),
        };
        let step = &graph.steps[i];
        let own = match step {
            Step::Param { .. } | Step::Scalar | Step::SkipUnless { .. } => 0,
            _ => tri!(elements(value)),
        };
        // What the step itself holds: a child's own peak, or its operands and result.
        let inner = match step {
            Step::Call { child, .. } | Step::Functional { child, .. }
                if graph.children[*child].present =>
            {
                cost.peak_elements
            }
            Step::Param { .. } | Step::Scalar | Step::SkipUnless { .. } => 0,
            _ => tri!(add_elements(
                tri!(operand_elements(step, &sizes, defined)),
                own
            )),
        };
        let held = tri!(held_elements(graph, &sizes, defined, i));
        let now = tri!(add_elements(held, inner));
        if now > peak {
            peak = now;
        }
        total = tri!(total.checked_add(cost));
        values[defined] = value;
        sizes[defined] = own;
        i += 1;
    }
    total.peak_elements = peak;
    if graph.output >= n + graph.steps.len() {
        return Err(description("the output is a missing value"));
    }
    // Children the program never ran keep their parameters, as in PyTorch.
    let mut c = 0;
    while c < graph.children.len() {
        if graph.children[c].present && !child_ran_before(graph, &ran, c, graph.steps.len()) {
            let params = tri!(record_uncalled(
                graph.children[c].module,
                child_name(graph, c, offset),
                index,
                count_params,
                rec
            ));
            total.params = tri!(add_params(total.params, params));
        }
        c += 1;
    }
    Ok((values[graph.output], total))
}

/// The elements of a shape, as an activation count.
const fn elements(shape: Shape) -> Result<u128, Error> {
    match shape.checked_numel() {
        Some(n) => Ok(n),
        None => Err(crate::cost::overflow("activations")),
    }
}

const fn add_elements(a: u128, b: u128) -> Result<u128, Error> {
    match a.checked_add(b) {
        Some(n) => Ok(n),
        None => Err(crate::cost::overflow("activations")),
    }
}

/// Operand `k` of `step` (the values it reads, in order), or `None` past the last: the
/// one description of a step's operands, for checking, for reads and for the peak.
const fn operand(step: &Step, k: usize) -> Option<usize> {
    match *step {
        Step::Call { inputs, .. } | Step::Functional { inputs, .. } | Step::Cat { inputs, .. } => {
            if k < inputs.len() {
                Some(inputs[k])
            } else {
                None
            }
        }
        Step::Binary { left, right, .. }
        | Step::MatMul { left, right }
        | Step::Choose {
            then: left,
            otherwise: right,
            ..
        } => match k {
            0 => Some(left),
            1 => Some(right),
            _ => None,
        },
        Step::Expand { input, sizes } => {
            if k == 0 {
                return Some(input);
            }
            // The values whose sizes it copies, `v.size(d)`.
            let mut seen = 0;
            let mut i = 0;
            while i < sizes.len() {
                if let crate::module::ExpandSize::Like(w, _) = sizes[i] {
                    seen += 1;
                    if seen == k {
                        return Some(w);
                    }
                }
                i += 1;
            }
            None
        }
        Step::Unary { input, .. }
        | Step::Linear { input, .. }
        | Step::AdaptiveAvgPool2d { input, .. }
        | Step::Flatten { input, .. }
        | Step::Unflatten { input, .. }
        | Step::Reshape { input, .. }
        | Step::Transpose { input, .. }
        | Step::Permute { input, .. }
        | Step::Select { input, .. }
        | Step::Piece { input, .. }
        | Step::Mean { input, .. } => {
            if k == 0 {
                Some(input)
            } else {
                None
            }
        }
        Step::Param { .. } | Step::Scalar | Step::SkipUnless { .. } => None,
    }
}

/// Whether `step` reads value `v`.
const fn reads(step: &Step, v: usize) -> bool {
    let mut k = 0;
    while let Some(w) = operand(step, k) {
        if w == v {
            return true;
        }
        k += 1;
    }
    false
}

/// Checks that `step` reads only values defined before it.
const fn check_operands(step: &Step, defined: usize) -> Result<(), Error> {
    let mut k = 0;
    while let Some(w) = operand(step, k) {
        if w >= defined {
            return Err(description("a step refers to a missing value"));
        }
        k += 1;
    }
    Ok(())
}

/// The elements of the values `step` reads.
const fn operand_elements(
    step: &Step,
    sizes: &[u128; MAX_VALUES],
    defined: usize,
) -> Result<u128, Error> {
    let mut total = 0;
    let mut v = 0;
    while v < defined {
        if reads(step, v) {
            total = tri!(add_elements(total, sizes[v]));
        }
        v += 1;
    }
    Ok(total)
}

/// The elements of the values alive across step `step` without being read by it: those a
/// later step reads, and the output.
const fn held_elements(
    graph: &Graph,
    sizes: &[u128; MAX_VALUES],
    defined: usize,
    step: usize,
) -> Result<u128, Error> {
    let mut total = 0;
    let mut v = 0;
    while v < defined {
        if !reads(&graph.steps[step], v) {
            let mut needed = v == graph.output;
            let mut j = step + 1;
            while !needed && j < graph.steps.len() {
                needed = reads(&graph.steps[j], v);
                j += 1;
            }
            if needed {
                total = tri!(add_elements(total, sizes[v]));
            }
        }
        v += 1;
    }
    Ok(total)
}

/// Whether a step before `step` that ran already called `child` (whose parameters then
/// count once).
const fn child_ran_before(
    graph: &Graph,
    ran: &[bool; MAX_VALUES],
    child: usize,
    step: usize,
) -> bool {
    let mut j = 0;
    while j < step {
        if ran[j]
            && let Step::Call { child: c, .. } | Step::Functional { child: c, .. } = graph.steps[j]
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
