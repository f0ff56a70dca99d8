//! The walk itself: an iterative machine with an explicit stack of module calls, so that
//! neither the compiler's const evaluator (whose frame limit is the crate's
//! `recursion_limit`) nor a run-time thread's stack grows with the model's depth.
//!
//! Cost: O(modules + steps + operands) for a model whose arrays' elements repeat (an
//! array `[Block; N]` analyses its element until two consecutive elements see the same
//! input, then multiplies: identical module, identical input, identical cost), with one
//! frame of [`MAX_DEPTH`] per nesting level and the values of the running forward programs
//! in one arena of [`MAX_SLOTS`].

use super::cast::{layer_cast, step_cast, weight_copy};
use super::keep::{converted, keeps};
use super::liveness::Liveness;
use super::ops::{self, description, holds_nothing, operand};
use super::record::{Call, NO_PARENT, Record, Recorder};
use super::storage::{Ref, Storages};
use super::{MAX_DEPTH, MAX_INPUTS, MAX_OUTPUTS, MAX_SLOTS, MAX_VALUES};
use crate::convention::{Use, module_use, multihead_attention, thop_module, torchinfo_add};
use crate::cost::Cost;
use crate::error::{Error, ErrorKind, Name};
use crate::layer::{Layer, tri};
use crate::memory::Precision;
use crate::memory::autocast::Dt;
use crate::mode::Mode;
use crate::module::{Body, Graph, Module, Naming, Step};
use crate::ops::{OPS, same_str};
use crate::shape::Shape;

/// What a frame does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Task {
    /// Calls a module: it has a record of its own.
    Call,
    /// Runs a sequence's or array's elements spliced into a positional struct: their
    /// records hang from the struct's, at positions from [`Frame::at`] on.
    Spliced,
    /// Runs a fragment's program in a positional struct: its children's records hang from
    /// the struct's, at positions from [`Frame::at`] on.
    Fragment,
    /// Records a module that is never called, with its parameters (they do not depend on
    /// an input).
    Uncalled,
}

/// One module call in progress.
#[derive(Clone, Copy)]
struct Frame {
    module: &'static Module,
    task: Task,
    /// The name under the parent, put in front of an error's path.
    name: Option<Name>,
    /// The call's record ([`Task::Call`], [`Task::Uncalled`]), or the record the
    /// children's hang from ([`Task::Spliced`], [`Task::Fragment`]).
    record: usize,
    /// The call entry of the record.
    call: usize,
    /// The parent's record.
    parent: usize,
    count_params: bool,
    /// The (first) input.
    input: Shape,
    /// The next element, step or child.
    next: usize,
    /// Sequences and arrays: the value flowing through (the next element's input).
    x: Shape,
    /// Sequences and arrays called with several inputs: the inputs after the first, passed
    /// unchanged to every element (`layer(h, mask, cos, sin)` for each layer).
    extras: [Shape; MAX_INPUTS],
    extras_len: usize,
    /// Sequences and arrays: the storage of [`Frame::x`] and of the extras.
    x_ref: Ref,
    extras_refs: [Ref; MAX_INPUTS],
    /// Arrays: which of the running element's inputs were kept (bit 0 the first), and
    /// whether the first needed a gradient, and its dtype, when it started: two elements
    /// that see the same inputs in the same storage state and dtype cost the same.
    x_was: (u8, bool, Dt),
    /// A sequence called by index (`layers[2](x)`): the one element it runs, else
    /// [`ALL_ELEMENTS`].
    only: usize,
    /// A forward program: where its entries of [`Machine::indexed`] start.
    indexed_base: usize,
    /// How positions are named here (a positional struct's `prefix` and `start`; a
    /// fragment or spliced sequence takes the enclosing struct's).
    numbering: (&'static str, usize),
    /// A sequence recorded as never called after some of its elements were called by
    /// index (by the program of the frame below): the child flag slot under which
    /// [`Machine::indexed`] lists those, which it skips (their parameters counted at
    /// their first call); else [`ALL_ELEMENTS`].
    skip_indexed: usize,
    /// Positional structs: where the positions start (the graph's offset), or where the
    /// next spliced element's start.
    at: usize,
    /// Arrays: the first record of the element running.
    start: usize,
    /// Graphs: how many inputs the program was given, its first value slot and its first
    /// child flag slot.
    inputs: usize,
    base: usize,
    flags: usize,
    /// Graphs: steps still to skip (`if` on a false const), and whether the steps are
    /// done (the uncalled children are being recorded).
    skip: usize,
    finishing: bool,
    /// Graphs: the record of a `functional` call being made, to mark uncalled after.
    functional: usize,
    /// Graphs: the liveness of the values, for the activation peak.
    live: Liveness,
    /// Frozen: its module or an ancestor is `frozen` (its parameters need no gradient).
    frozen: bool,
    /// Positional graphs: the last child whose position was computed, and that position.
    pos_child: usize,
    pos_at: usize,
}

const EMPTY_MODULE: Module = Module {
    class: "",
    extra_repr: None,
    tied: None,
    frozen: false,
    body: Body::Sequence {
        modules: &[],
        prefix: "",
    },
};

/// The most operands of one step whose storages the saved count follows (a `cat` of
/// more keeps nothing of them).
const MAX_KEPT_OPERANDS: usize = 16;

/// [`Frame::only`] of a call that runs every element.
const ALL_ELEMENTS: usize = usize::MAX;

const EMPTY_FRAME: Frame = Frame {
    module: &EMPTY_MODULE,
    task: Task::Call,
    name: None,
    record: NO_PARENT,
    call: 0,
    parent: NO_PARENT,
    count_params: true,
    input: Shape::SCALAR,
    next: 0,
    x: Shape::SCALAR,
    extras: [Shape::SCALAR; MAX_INPUTS],
    extras_len: 0,
    x_ref: Ref::never(false),
    extras_refs: [Ref::never(false); MAX_INPUTS],
    x_was: (0, false, Dt::Act),
    only: ALL_ELEMENTS,
    indexed_base: 0,
    numbering: ("", 0),
    skip_indexed: ALL_ELEMENTS,
    at: 0,
    start: 0,
    inputs: 0,
    base: 0,
    flags: 0,
    skip: 0,
    finishing: false,
    functional: NO_PARENT,
    live: Liveness::EMPTY,
    frozen: false,
    pos_child: 0,
    pos_at: 0,
};

/// A call about to start: what, how, and where it hangs.
#[derive(Clone, Copy)]
struct Callee {
    module: &'static Module,
    task: Task,
    /// The name under the parent (`None` for the model, a fragment, a spliced sequence).
    name: Option<Name>,
    /// The parent's record.
    parent: usize,
    /// Whether its parameters count (a module's first call).
    count_params: bool,
    /// Where a fragment's or spliced sequence's positions start.
    at: usize,
    /// For a sequence called by index, the one element to run ([`ALL_ELEMENTS`]: all).
    only: usize,
    /// See [`Frame::skip_indexed`].
    skip_indexed: usize,
}

impl Callee {
    /// A module call with its own record.
    const fn call(
        module: &'static Module,
        name: Option<Name>,
        parent: usize,
        count_params: bool,
    ) -> Callee {
        Callee {
            module,
            task: Task::Call,
            name,
            parent,
            count_params,
            at: 0,
            only: ALL_ELEMENTS,
            skip_indexed: ALL_ELEMENTS,
        }
    }

    /// A module never called, recorded with its parameters.
    const fn uncalled(
        module: &'static Module,
        name: Name,
        parent: usize,
        count_params: bool,
    ) -> Callee {
        Callee {
            module,
            task: Task::Uncalled,
            name: Some(name),
            parent,
            count_params,
            at: 0,
            only: ALL_ELEMENTS,
            skip_indexed: ALL_ELEMENTS,
        }
    }
}

/// What resuming a frame gave.
// `Done` is a shape and a cost; boxing them is not possible in a `const fn`.
#[allow(clippy::large_enum_variant)]
enum Next {
    /// It pushed a child frame: run that first.
    Pushed,
    /// It finished with this output and cost.
    Done(Shape, Cost),
}

/// The machine: the frames, and the arenas the running forward programs keep their values
/// in (a program's values are a contiguous run; a program's frame releases them when it
/// finishes).
pub(crate) struct Machine<'r, 'b> {
    mode: Mode,
    rec: &'r mut Recorder<'b>,
    frames: [Frame; MAX_DEPTH],
    /// What each frame's calls so far cost (apart from the frames, which are copied often).
    totals: [Cost; MAX_DEPTH],
    depth: usize,
    /// Value `v` of the program whose values start at `base` is `values[base + v]`.
    values: [Shape; MAX_SLOTS],
    /// Its elements (0 for parameters, numbers and skipped steps).
    sizes: [u128; MAX_SLOTS],
    /// The last step that reads it ([`Liveness::UNREAD`], [`Liveness::KEPT`]).
    last: [usize; MAX_SLOTS],
    /// The step that last counted it as an operand (to count each operand once).
    seen: [usize; MAX_SLOTS],
    slots: usize,
    /// Whether a graph's child ran already (its parameters count once).
    called: [bool; MAX_SLOTS],
    flag_slots: usize,
    /// The elements the running programs called by index: (the child's flag slot, the
    /// element), one entry per element, in the order first called.
    indexed: [(usize, usize); MAX_SLOTS],
    indexed_len: usize,
    /// The outputs of the call that finished last (a `forward` returning a tuple), read by
    /// the [`Step::Output`] steps right after its call step.
    returned: [Shape; MAX_OUTPUTS],
    returned_len: usize,
    /// The storage of each slot's value.
    storage: Storages,
    /// The storages of the arguments of the call being entered.
    arg_refs: [Ref; MAX_INPUTS],
    /// The storages of the outputs of the call that finished last.
    out_refs: [Ref; MAX_OUTPUTS],
    /// The storage of the value of the operation step that ran last.
    step_ref: Ref,
}

impl<'r, 'b> Machine<'r, 'b> {
    pub(crate) const fn new(mode: Mode, precision: Precision, rec: &'r mut Recorder<'b>) -> Self {
        let mut storage = Storages::NEW;
        storage.precision = precision;
        Machine {
            mode,
            rec,
            frames: [EMPTY_FRAME; MAX_DEPTH],
            totals: [Cost::ZERO; MAX_DEPTH],
            depth: 0,
            values: [Shape::SCALAR; MAX_SLOTS],
            sizes: [0; MAX_SLOTS],
            last: [0; MAX_SLOTS],
            seen: [usize::MAX; MAX_SLOTS],
            slots: 0,
            called: [false; MAX_SLOTS],
            flag_slots: 0,
            indexed: [(0, 0); MAX_SLOTS],
            indexed_len: 0,
            returned: [Shape::SCALAR; MAX_OUTPUTS],
            returned_len: 0,
            storage,
            arg_refs: [Ref::never(false); MAX_INPUTS],
            out_refs: [Ref::never(false); MAX_OUTPUTS],
            step_ref: Ref::never(false),
        }
    }

    /// The dtype of a float32 tensor in this walk (a parameter, the model's input).
    const fn float(&self) -> Dt {
        self.storage.precision.float()
    }

    /// Calls `module` on `input` as the model: its output and cost. O(see module docs).
    pub(crate) const fn run(
        &mut self,
        module: &'static Module,
        input: Shape,
    ) -> Result<(Shape, Cost), Error> {
        // The model's input needs no gradient; it counts when kept.
        self.arg_refs[0] = Ref::fresh(tri!(elements(input)), false).of(self.float());
        let entered = self.enter(Callee::call(module, None, NO_PARENT, true), &[input]);
        let mut ret = match entered {
            Ok(Some(r)) => return Ok(r),
            Ok(None) => None,
            Err(e) => return Err(e),
        };
        loop {
            let top = self.depth - 1;
            let next = match self.frames[top].module.body {
                _ if matches!(self.frames[top].task, Task::Uncalled) => self.resume_uncalled(ret),
                Body::Graph(g) => self.resume_graph(&g, ret),
                Body::Sequence { modules, prefix } => self.resume_sequence(modules, prefix, ret),
                Body::Repeat {
                    module,
                    count,
                    prefix,
                } => self.resume_repeat(module, count, prefix, ret),
                Body::Layer(_) | Body::Failed => Err(description("a layer on the stack")),
            };
            ret = match next {
                Ok(Next::Pushed) => None,
                Ok(Next::Done(y, c)) => {
                    self.pop();
                    if self.depth == 0 {
                        return Ok((y, c));
                    }
                    Some((y, c))
                }
                Err(e) => return Err(self.locate(self.site(e))),
            };
        }
    }

    /// `e` with its place in the Rust source, if the top frame is a derived struct: the
    /// field of the child it came from (the child's name is the first of its path), or
    /// the struct's own `forward`.
    const fn site(&self, e: Error) -> Error {
        // The innermost derived struct on the stack: the top frame, or the struct holding
        // the sequences between it and the top (a `sequential(…)` field).
        let mut t = self.depth;
        while t > 0 {
            t -= 1;
            let f = &self.frames[t];
            let graph = match f.module.body {
                Body::Graph(g) if !matches!(f.task, Task::Uncalled) => g,
                _ => continue,
            };
            let name = if t + 1 < self.depth {
                self.frames[t + 1].name
            } else {
                match e.path().names().first() {
                    Some(n) => Some(*n),
                    None if !f.finishing => {
                        return e.at_site(graph.rust, "forward").at_step(f.next);
                    }
                    None => return e.at_site(graph.rust, "forward"),
                }
            };
            return match name {
                Some(n) => e.at_site(graph.rust, field_of(&graph, n)),
                None => e.at_site(graph.rust, ""),
            };
        }
        e
    }

    /// `e` with the names of the running calls put in front of its path. O(depth · path).
    const fn locate(&self, mut e: Error) -> Error {
        let mut t = self.depth;
        while t > 0 {
            t -= 1;
            if let Some(n) = self.frames[t].name {
                e = e.within(n);
            }
        }
        e
    }

    /// Starts a call: a layer is applied at once (its result returned), anything else
    /// gets a frame (`None`: run it). `at` is where a fragment's or spliced sequence's
    /// positions start. An error carries `name` in its path. O(1), or O(steps + operands)
    /// for a forward program (its liveness table).
    const fn enter(
        &mut self,
        callee: Callee,
        inputs: &[Shape],
    ) -> Result<Option<(Shape, Cost)>, Error> {
        match self.enter_unnamed(callee, inputs) {
            Ok(r) => Ok(r),
            Err(e) => match callee.name {
                Some(n) => Err(e.within(n)),
                None => Err(e),
            },
        }
    }

    const fn enter_unnamed(
        &mut self,
        callee: Callee,
        inputs: &[Shape],
    ) -> Result<Option<(Shape, Cost)>, Error> {
        let Callee {
            module,
            task,
            name,
            parent,
            count_params,
            at,
            only,
            skip_indexed,
        } = callee;
        if let Body::Failed = module.body {
            return Err(Error::new(ErrorKind::Failed));
        }
        // A tied layer's `weight` is counted where it is first named, never here (its other
        // tensors, a bias, are its own); a tied module of another kind shares them all.
        let tied_layer = module.tied.is_some() && matches!(module.body, Body::Layer(_));
        let count_params = count_params && (module.tied.is_none() || tied_layer);
        let input = if inputs.is_empty() {
            Shape::SCALAR
        } else {
            inputs[0]
        };
        let own_record = matches!(task, Task::Call | Task::Uncalled);
        let (record, call) = if own_record {
            self.rec.reserve()
        } else {
            (parent, 0)
        };
        if let Task::Call = task {
            let takes = match module.body {
                Body::Graph(g) => g.inputs,
                // A sequence passes its inputs after the first to every element.
                Body::Sequence { .. } | Body::Repeat { .. }
                    if !inputs.is_empty() && inputs.len() <= MAX_INPUTS =>
                {
                    inputs.len()
                }
                _ => 1,
            };
            if inputs.len() != takes {
                return Err(Error::new(ErrorKind::Inputs {
                    expected: takes,
                    got: inputs.len(),
                }));
            }
        }
        let frozen = module.frozen || (self.depth > 0 && self.frames[self.depth - 1].frozen);
        if let Body::Layer(l) = module.body {
            let record_name = record_name(name);
            return if let Task::Uncalled = task {
                let mut cost = Cost::ZERO;
                if count_params {
                    cost.params = tri!(own_params_of(&l, tied_layer));
                }
                if frozen {
                    cost.frozen = cost.params;
                }
                self.rec.set(
                    record,
                    record_of(parent, record_name, call, false),
                    Call {
                        layer: Some(l),
                        input: Shape::SCALAR,
                        output: Shape::SCALAR,
                        cost,
                    },
                );
                Ok(Some((Shape::SCALAR, cost)))
            } else {
                let (layer, output, mut cost) =
                    tri!(apply_layer(&l, input, self.mode, count_params));
                // `child.functional(x)` runs the layer's function from the parent's
                // forward; a call runs the module.
                let functional = self.depth > 0 && self.frames[self.depth - 1].functional == record;
                let how = if functional {
                    Use::Functional
                } else {
                    module_use(module.class, &layer)
                };
                cost.tools = tri!(layer.tools(input, output, self.mode, &cost, how));
                if !functional {
                    tri!(hooked_call(
                        &mut cost,
                        module.class,
                        how,
                        &layer,
                        input,
                        output,
                        count_params
                    ));
                }
                if count_params && tied_layer {
                    cost.params = tri!(own_params_of(&layer, true));
                }
                if frozen {
                    cost.frozen = cost.params;
                }
                let keep = layer.keeps(input, output, self.mode);
                let weights = !frozen && tri!(own_params_of(&layer, false)) > 0;
                let mut ins = [self.arg_refs[0]];
                let inputs = [input];
                let cast = layer_cast(&layer, self.storage.precision, ins[0].dt, &inputs);
                let (mut saved, out) =
                    tri!(self.storage.apply(keep, &mut ins, output, weights, cast));
                if count_params && out.grad {
                    let copy = tri!(weight_copy(
                        &layer,
                        self.storage.precision,
                        self.arg_refs[0].grad
                    ));
                    saved = tri!(saved.checked_add(copy));
                }
                cost.saved = saved;
                cost.checkpointed = saved;
                self.out_refs[0] = out;
                self.rec.set(
                    record,
                    record_of(parent, record_name, call, true),
                    Call {
                        layer: Some(layer),
                        input,
                        output,
                        cost,
                    },
                );
                Ok(Some((output, cost)))
            };
        }
        if self.depth == MAX_DEPTH {
            return Err(Error::new(ErrorKind::Limit {
                what: "modules nested in one another",
                limit: MAX_DEPTH,
                needs: 0,
                advice: "flatten a level (a `splice`d sequence or a `fragment` adds none)",
            }));
        }
        let mut frame = EMPTY_FRAME;
        frame.module = module;
        frame.task = task;
        frame.name = name;
        frame.record = record;
        frame.call = call;
        frame.parent = parent;
        frame.count_params = count_params;
        frame.frozen = frozen;
        frame.input = input;
        frame.x = input;
        if let Body::Sequence { .. } | Body::Repeat { .. } = module.body {
            let mut k = 1;
            while k < inputs.len() && k <= MAX_INPUTS {
                frame.extras[k - 1] = inputs[k];
                k += 1;
            }
            frame.extras_len = inputs.len().saturating_sub(1);
            frame.x_ref = self.arg_refs[0];
            let mut k = 1;
            while k < inputs.len() && k < MAX_INPUTS {
                frame.extras_refs[k - 1] = self.arg_refs[k];
                k += 1;
            }
        }
        frame.at = at;
        if only != ALL_ELEMENTS {
            frame.only = only;
            frame.next = only;
        }
        frame.skip_indexed = skip_indexed;
        frame.numbering = match (module.body, task) {
            (Body::Graph(g), _) if matches!(g.naming, Naming::Positions) => (g.prefix, g.start),
            (_, Task::Spliced | Task::Fragment) if self.depth > 0 => {
                self.frames[self.depth - 1].numbering
            }
            _ => ("", 0),
        };
        frame.start = self.rec.len();
        if let (Body::Graph(g), false) = (module.body, matches!(task, Task::Uncalled)) {
            if matches!(g.naming, Naming::Fragment) && !matches!(task, Task::Fragment) {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: "fragment",
                    reason: "a fragment's fields take positions in a `sequential` struct: make it a field of one",
                }));
            }
            tri!(self.open_program(&mut frame, &g, inputs));
        }
        self.frames[self.depth] = frame;
        self.totals[self.depth] = Cost::ZERO;
        self.depth += 1;
        Ok(None)
    }

    /// Gives a forward program its value and child flag slots, its inputs, and the last
    /// step reading each value. O(inputs + steps + operands + children).
    const fn open_program(
        &mut self,
        frame: &mut Frame,
        graph: &Graph,
        inputs: &[Shape],
    ) -> Result<(), Error> {
        let n = inputs.len();
        let values = n + graph.steps.len();
        if values > MAX_VALUES {
            return Err(Error::new(ErrorKind::Limit {
                what: "values in one forward (inputs plus steps)",
                limit: MAX_VALUES,
                needs: values,
                advice: "move part of the program into a child module",
            }));
        }
        if self.slots + values > MAX_SLOTS || self.flag_slots + graph.children.len() > MAX_SLOTS {
            return Err(Error::new(ErrorKind::Limit {
                what: "values in the forward programs running at once",
                limit: MAX_SLOTS,
                needs: self.slots + values,
                advice: "split a long forward that calls deep children into modules called one after the other",
            }));
        }
        frame.inputs = n;
        frame.base = self.slots;
        frame.flags = self.flag_slots;
        frame.indexed_base = self.indexed_len;
        self.slots += values;
        self.flag_slots += graph.children.len();
        let mut c = 0;
        while c < graph.children.len() {
            self.called[frame.flags + c] = false;
            c += 1;
        }
        frame.pos_child = 0;
        frame.pos_at = frame.at;
        let mut v = 0;
        while v < values {
            let slot = frame.base + v;
            self.last[slot] = Liveness::UNREAD;
            self.seen[slot] = usize::MAX;
            self.sizes[slot] = 0;
            self.values[slot] = if v < n { inputs[v] } else { Shape::SCALAR };
            let r = if v < n && v < MAX_INPUTS {
                self.arg_refs[v]
            } else {
                Ref::never(false)
            };
            self.storage.set(slot, r);
            v += 1;
        }
        let mut i = 0;
        while i < graph.steps.len() {
            let mut k = 0;
            while let Some(w) = operand(&graph.steps[i], k) {
                if w >= n + i {
                    return Err(description("a step refers to a missing value"));
                }
                self.last[frame.base + w] = i;
                k += 1;
            }
            i += 1;
        }
        if graph.output >= values {
            return Err(description("the output is a missing value"));
        }
        self.last[frame.base + graph.output] = Liveness::KEPT;
        let mut o = 0;
        while o < graph.more_outputs.len() {
            if graph.more_outputs[o] < values {
                self.last[frame.base + graph.more_outputs[o]] = Liveness::KEPT;
            }
            o += 1;
        }
        let mut live = Liveness::EMPTY;
        let mut k = 0;
        while k < n {
            let size = tri!(elements(inputs[k]));
            self.sizes[frame.base + k] = size;
            if self.last[frame.base + k] != Liveness::UNREAD {
                live = tri!(live.define(size));
            }
            k += 1;
        }
        frame.live = live;
        Ok(())
    }

    /// Finishes the top frame: its record, and its slots released. O(1).
    const fn pop(&mut self) {
        self.depth -= 1;
        let f = self.frames[self.depth];
        if let (Body::Graph(_), false) = (f.module.body, matches!(f.task, Task::Uncalled)) {
            self.slots = f.base;
            self.flag_slots = f.flags;
            self.indexed_len = f.indexed_base;
        }
    }

    /// Whether a program whose entries start at `base` called element `element` (any,
    /// for [`ALL_ELEMENTS`]) of the child with flag slot `flag` by index. O(elements it
    /// called by index).
    const fn was_indexed(&self, base: usize, flag: usize, element: usize) -> bool {
        let mut k = base;
        while k < self.indexed_len {
            if self.indexed[k].0 == flag
                && (element == ALL_ELEMENTS || self.indexed[k].1 == element)
            {
                return true;
            }
            k += 1;
        }
        false
    }

    /// Sets the record of a finished [`Task::Call`] frame and returns its result, its
    /// parameters dropped unless it counts them. O(1).
    const fn finish_call(&mut self, t: usize, output: Shape, mut cost: Cost) -> Next {
        let f = self.frames[t];
        match f.task {
            Task::Call => {
                if !f.count_params {
                    cost.params = 0;
                }
                if f.frozen || !f.count_params {
                    cost.frozen = cost.params;
                }
                self.rec.set(
                    f.record,
                    record_of(f.parent, record_name(f.name), f.call, true),
                    Call {
                        layer: None,
                        input: f.input,
                        output,
                        cost,
                    },
                );
            }
            Task::Uncalled => {
                let mut only = Cost::ZERO;
                if f.count_params {
                    only.params = cost.params;
                    only.frozen = if f.frozen { cost.params } else { cost.frozen };
                }
                self.rec.set(
                    f.record,
                    record_of(f.parent, record_name(f.name), f.call, false),
                    Call {
                        layer: None,
                        input: Shape::SCALAR,
                        output: Shape::SCALAR,
                        cost: only,
                    },
                );
                return Next::Done(Shape::SCALAR, only);
            }
            Task::Spliced | Task::Fragment => {}
        }
        Next::Done(output, cost)
    }

    /// A sequence (`nn.Sequential`, a tuple): its elements one after the other. O(1) per
    /// element.
    const fn resume_sequence(
        &mut self,
        modules: &'static [&'static Module],
        prefix: &'static str,
        mut ret: Option<(Shape, Cost)>,
    ) -> Result<Next, Error> {
        let t = self.depth - 1;
        loop {
            if let Some((y, c)) = ret {
                self.totals[t] = tri!(self.totals[t].checked_add(c));
                if self.frames[t].only != ALL_ELEMENTS {
                    return Ok(self.finish_call(t, y, self.totals[t]));
                }
                let f = &mut self.frames[t];
                f.x = y;
                f.x_ref = self.out_refs[0];
                f.at += modules[f.next].positions(false);
                f.next += 1;
            }
            let f = self.frames[t];
            if f.next == modules.len() {
                self.out_refs[0] = f.x_ref;
                return Ok(self.finish_call(t, f.x, self.totals[t]));
            }
            ret = match tri!(self.element(&f, modules[f.next], prefix, f.next)) {
                Some(r) => Some(r),
                None => return Ok(Next::Pushed),
            };
        }
    }

    /// An array `[Block; N]`: its element until two consecutive ones see the same input,
    /// then the rest at once ([`Cost::checked_times`], [`Recorder::repeat`]). O(1) per
    /// element analysed.
    const fn resume_repeat(
        &mut self,
        module: &'static Module,
        count: usize,
        prefix: &'static str,
        mut ret: Option<(Shape, Cost)>,
    ) -> Result<Next, Error> {
        let t = self.depth - 1;
        loop {
            if let Some((y, c)) = ret {
                let c = tri!(checkpointed(&self.frames[t], c));
                if self.frames[t].only != ALL_ELEMENTS {
                    self.totals[t] = tri!(self.totals[t].checked_add(c));
                    return Ok(self.finish_call(t, y, self.totals[t]));
                }
                let step = module.positions(false);
                self.totals[t] = tri!(self.totals[t].checked_add(c));
                let out = self.out_refs[0];
                self.frames[t].x_ref = out;
                let was = self.frames[t].x_was;
                let same_storage = self.kept_inputs(&self.frames[t]) == was.0
                    && out.grad == was.1
                    && out.dt.same(was.2);
                let f = &mut self.frames[t];
                let remaining = count - f.next - 1;
                if y.same(&f.x) && same_storage && remaining > 0 && f.skip_indexed == ALL_ELEMENTS {
                    // The same module on the same input: the same cost, every time.
                    self.totals[t] =
                        tri!(self.totals[t].checked_add(tri!(c.checked_times(remaining as u64))));
                    let spliced = matches!(f.task, Task::Spliced);
                    self.rec
                        .repeat(f.start, remaining, if spliced { step } else { 1 });
                    f.next = count;
                } else {
                    f.x = y;
                    f.at += step;
                    f.next += 1;
                }
            }
            let f = self.frames[t];
            if f.next == count {
                self.out_refs[0] = f.x_ref;
                return Ok(self.finish_call(t, f.x, self.totals[t]));
            }
            self.frames[t].start = self.rec.len();
            ret = match tri!(self.element(&f, module, prefix, f.next)) {
                Some(r) => Some(r),
                None => return Ok(Next::Pushed),
            };
        }
    }

    /// Calls element `i` of a sequence or array frame `f` on its current value.
    const fn element(
        &mut self,
        f: &Frame,
        module: &'static Module,
        prefix: &'static str,
        i: usize,
    ) -> Result<Option<(Shape, Cost)>, Error> {
        let mut args = [Shape::SCALAR; MAX_INPUTS];
        args[0] = f.x;
        let mut k = 0;
        while k < f.extras_len && k + 1 < MAX_INPUTS {
            args[k + 1] = f.extras[k];
            k += 1;
        }
        let args = args.split_at(1 + f.extras_len).0;
        self.arg_refs[0] = f.x_ref;
        let mut k = 0;
        while k < f.extras_len && k + 1 < MAX_INPUTS {
            self.arg_refs[k + 1] = f.extras_refs[k];
            k += 1;
        }
        let t = self.depth - 1;
        self.frames[t].x_was = (self.kept_inputs(f), f.x_ref.grad, f.x_ref.dt);
        // An element called by index before a call of the whole sequence counted its
        // parameters then.
        let count_params = f.count_params
            && !(f.skip_indexed != ALL_ELEMENTS
                && t > 0
                && self.was_indexed(self.frames[t - 1].indexed_base, f.skip_indexed, i));
        match f.task {
            Task::Spliced => self.positioned(module, false, f.at, f.x, f.record, count_params),
            _ => self.enter(
                Callee::call(
                    module,
                    Some(Name::position(prefix, i)),
                    f.record,
                    count_params,
                ),
                args,
            ),
        }
    }

    /// Which of a sequence frame's inputs (its value, then its extras) are kept, bit 0
    /// the first. O(inputs).
    const fn kept_inputs(&self, f: &Frame) -> u8 {
        let mut bits = self.storage.kept_now(f.x_ref) as u8;
        let mut k = 0;
        while k < f.extras_len && k < MAX_INPUTS {
            bits |= (self.storage.kept_now(f.extras_refs[k]) as u8) << (k + 1);
            k += 1;
        }
        bits
    }

    /// Calls a module that takes positions from `at` on in a positional struct whose
    /// record is `parent`: a fragment's children, a spliced sequence's elements, or the
    /// module itself.
    const fn positioned(
        &mut self,
        module: &'static Module,
        spliced: bool,
        at: usize,
        input: Shape,
        parent: usize,
        count_params: bool,
    ) -> Result<Option<(Shape, Cost)>, Error> {
        let task = match module.body {
            Body::Graph(g) if matches!(g.naming, Naming::Fragment) => Task::Fragment,
            Body::Sequence { .. } | Body::Repeat { .. } if spliced => Task::Spliced,
            _ => {
                // Named by the positional struct whose frame is on top.
                let (prefix, start) = self.frames[self.depth - 1].numbering;
                return self.enter(
                    Callee::call(
                        module,
                        Some(Name::position(prefix, start + at)),
                        parent,
                        count_params,
                    ),
                    &[input],
                );
            }
        };
        self.enter(
            Callee {
                module,
                task,
                name: None,
                parent,
                count_params,
                at,
                only: ALL_ELEMENTS,
                skip_indexed: ALL_ELEMENTS,
            },
            &[input],
        )
    }

    /// A module never called, and its descendants: their parameters. O(1) per child; an
    /// array's element once.
    const fn resume_uncalled(&mut self, mut ret: Option<(Shape, Cost)>) -> Result<Next, Error> {
        let t = self.depth - 1;
        let f = self.frames[t];
        let (len, repeat) = match f.module.body {
            Body::Layer(_) | Body::Failed => (0, 0),
            Body::Sequence { modules, .. } => (modules.len(), 0),
            // Elements called by index already counted theirs: each is looked at.
            Body::Repeat { count, .. } if f.skip_indexed != ALL_ELEMENTS => (count, 0),
            Body::Repeat { count, .. } => (count, count),
            Body::Graph(g) => (g.children.len(), 0),
        };
        loop {
            if let Some((_, c)) = ret {
                let f = &mut self.frames[t];
                self.totals[t].params = tri!(add_params(self.totals[t].params, c.params));
                self.totals[t].frozen = tri!(add_params(self.totals[t].frozen, c.frozen));
                if repeat > 1 && f.next == 0 {
                    let rest = repeat - 1;
                    let more = tri!(c.checked_times(rest as u64));
                    self.totals[t].params = tri!(add_params(self.totals[t].params, more.params));
                    self.totals[t].frozen = tri!(add_params(self.totals[t].frozen, more.frozen));
                    self.rec.repeat(f.start, rest, 1);
                    f.next = repeat;
                } else {
                    f.next += 1;
                }
            }
            let f = self.frames[t];
            if f.next >= len {
                let mut total = self.totals[t];
                if let Body::Graph(g) = f.module.body {
                    let own = tri!(own_params(&g));
                    total.params = tri!(add_params(total.params, own));
                }
                return Ok(self.finish_call(t, Shape::SCALAR, total));
            }
            if f.skip_indexed != ALL_ELEMENTS
                && t > 0
                && self.was_indexed(self.frames[t - 1].indexed_base, f.skip_indexed, f.next)
            {
                self.frames[t].next += 1;
                ret = None;
                continue;
            }
            let (child, name) = match f.module.body {
                Body::Sequence { modules, prefix } => {
                    (modules[f.next], Name::position(prefix, f.next))
                }
                Body::Repeat { module, prefix, .. } => (module, Name::position(prefix, f.next)),
                Body::Graph(g) => {
                    if !g.children[f.next].present {
                        self.frames[t].next += 1;
                        ret = None;
                        continue;
                    }
                    (
                        g.children[f.next].module,
                        child_name(&g, f.next, 0, f.numbering),
                    )
                }
                Body::Layer(_) | Body::Failed => {
                    return Err(description("a layer on the stack"));
                }
            };
            ret = match tri!(
                self.enter(Callee::uncalled(child, name, f.record, f.count_params), &[],)
            ) {
                Some(r) => Some(r),
                None => return Ok(Next::Pushed),
            };
        }
    }

    /// A forward program: its steps in order (a child call pushes the child and resumes
    /// here with its result), then the children it never called. O(1) per step and
    /// operand, O(1) per child.
    const fn resume_graph(
        &mut self,
        graph: &Graph,
        mut ret: Option<(Shape, Cost)>,
    ) -> Result<Next, Error> {
        let t = self.depth - 1;
        let n = self.frames[t].inputs;
        if self.frames[t].finishing {
            return self.finish_graph(graph, ret);
        }
        loop {
            if let Some((y, c)) = ret {
                let i = self.frames[t].next;
                if self.frames[t].functional != NO_PARENT {
                    self.rec.uncall(self.frames[t].functional);
                    self.frames[t].functional = NO_PARENT;
                }
                tri!(self.finish_step(graph, n, i, y, c));
                self.frames[t].next += 1;
            }
            let f = self.frames[t];
            let i = f.next;
            if i == graph.steps.len() {
                self.frames[t].finishing = true;
                self.frames[t].next = 0;
                return self.finish_graph(graph, None);
            }
            let step = &graph.steps[i];
            if f.skip > 0 {
                self.frames[t].skip -= 1;
                tri!(self.skip_step(graph, i));
                self.frames[t].next += 1;
                ret = None;
                continue;
            }
            ret = match *step {
                Step::Call { child, inputs } | Step::Functional { child, inputs } => {
                    match tri!(self.call(
                        graph,
                        child,
                        inputs,
                        matches!(step, Step::Functional { .. })
                    )) {
                        Some(r) => Some(r),
                        None => return Ok(Next::Pushed),
                    }
                }
                Step::CallAt {
                    child,
                    index,
                    inputs,
                } => match tri!(self.call_at(graph, child, index, inputs)) {
                    Some(r) => Some(r),
                    None => return Ok(Next::Pushed),
                },
                Step::ChildParam { child, name } => {
                    let frozen = f.frozen
                        || (child < graph.children.len() && graph.children[child].module.frozen);
                    self.step_ref = Ref::never(!frozen).of(self.float());
                    Some((tri!(child_param(graph, child, name)), Cost::ZERO))
                }
                Step::SkipUnless { cond, count } => {
                    if !cond {
                        self.frames[t].skip = count;
                    }
                    self.step_ref = Ref::never(false);
                    Some((Shape::SCALAR, Cost::ZERO))
                }
                Step::Output { index } => {
                    if index == 0 || index >= self.returned_len {
                        return Err(Error::new(ErrorKind::Outputs {
                            expected: index + 1,
                            got: self.returned_len,
                        }));
                    }
                    self.step_ref = self.out_refs[index];
                    Some((self.returned[index], Cost::ZERO))
                }
                _ => {
                    let values = self.values.split_at(f.base).1;
                    let mut applied = None;
                    let (y, mut c) = tri!(ops::eval(
                        step,
                        values,
                        graph.params,
                        self.mode,
                        &mut applied
                    ));
                    c.saved = tri!(self.keep_step(graph, step, f.base, y, &applied));
                    c.checkpointed = c.saved;
                    Some((y, c))
                }
            };
        }
    }

    /// A call step of the top frame's program: the child on its arguments (a missing
    /// child passes its first argument through).
    const fn call(
        &mut self,
        graph: &Graph,
        child: usize,
        vs: &'static [usize],
        functional: bool,
    ) -> Result<Option<(Shape, Cost)>, Error> {
        let t = self.depth - 1;
        let f = self.frames[t];
        let all = tri!(self.arguments(graph, child, vs));
        let args = all.split_at(vs.len()).0;
        let c = &graph.children[child];
        // A layer returns one output; a struct's frame sets them when it finishes.
        self.returned_len = 1;
        if !c.present {
            if vs.is_empty() {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: c.name,
                    reason: "a child that does not exist (`when` is false) passes its first input through, and this call has none",
                }));
            }
            self.out_refs[0] = self.storage.get(f.base + vs[0]);
            return Ok(Some((self.values[f.base + vs[0]], Cost::ZERO)));
        }
        if functional && !matches!(c.module.body, Body::Layer(_)) {
            return Err(description("`functional` applies a layer child only"));
        }
        let first = !self.called[f.flags + child];
        self.called[f.flags + child] = true;
        let count_params = f.count_params && first;
        if functional {
            self.frames[t].functional = self.rec.len();
        }
        match graph.naming {
            Naming::Fields => {
                let mut callee =
                    Callee::call(c.module, Some(Name::Field(c.name)), f.record, count_params);
                // Elements called by index before counted their parameters then.
                if count_params && self.was_indexed(f.indexed_base, f.flags + child, ALL_ELEMENTS) {
                    callee.skip_indexed = f.flags + child;
                }
                self.enter(callee, args)
            }
            Naming::Positions | Naming::Fragment => {
                let position = self.position_of(graph, child);
                if args.len() != 1 {
                    let (prefix, start) = f.numbering;
                    return Err(Error::new(ErrorKind::Inputs {
                        expected: 1,
                        got: args.len(),
                    })
                    .within(Name::position(prefix, start + position)));
                }
                self.positioned(
                    c.module,
                    c.splice,
                    position,
                    args[0],
                    f.record,
                    count_params,
                )
            }
        }
    }

    /// The shapes of values `vs` of the top frame's program, passed to child `child` (in
    /// the first `vs.len()` entries): an error if the step names a missing child or more
    /// than [`MAX_INPUTS`] values. O(values).
    const fn arguments(
        &mut self,
        graph: &Graph,
        child: usize,
        vs: &[usize],
    ) -> Result<[Shape; MAX_INPUTS], Error> {
        if child >= graph.children.len() || vs.len() > MAX_INPUTS {
            return Err(description(
                "a step calls a missing child, or with too many inputs",
            ));
        }
        let base = self.frames[self.depth - 1].base;
        let mut args = [Shape::SCALAR; MAX_INPUTS];
        let mut a = 0;
        while a < vs.len() {
            args[a] = self.values[base + vs[a]];
            self.arg_refs[a] = self.storage.get(base + vs[a]);
            a += 1;
        }
        Ok(args)
    }

    /// A `child[index](…)` step of the top frame's program: element `index` of a child
    /// that is a sequence, run in a call of the sequence that runs only it. The sequence's
    /// parameters are not counted here: a sequence only ever indexed is recorded with them
    /// when the program ends (as never called), so each element counts its parameters
    /// once, indexed or not. O(1).
    const fn call_at(
        &mut self,
        graph: &Graph,
        child: usize,
        index: i64,
        vs: &'static [usize],
    ) -> Result<Option<(Shape, Cost)>, Error> {
        let t = self.depth - 1;
        let f = self.frames[t];
        let args = tri!(self.arguments(graph, child, vs));
        let c = &graph.children[child];
        self.returned_len = 1;
        let len = match c.module.body {
            Body::Sequence { modules, .. } => modules.len(),
            Body::Repeat { count, .. } => count,
            _ => {
                return Err(Error::new(ErrorKind::Invalid {
                    layer: c.name,
                    reason: "only a sequence (an array, a tuple, `sequential(…)`) has elements to call by index; a struct's children are called by name",
                }));
            }
        };
        // Errors at the indexing step (reported at it), naming the field.
        let why = if !c.present {
            "it does not exist (its `when` is false), so it has no elements to call"
        } else if c.splice {
            "its elements are spliced into the `sequential` struct's positions: index an unspliced sequence"
        } else if !matches!(graph.naming, Naming::Fields) {
            "the elements of a `sequential` struct's children are not called by index"
        } else {
            ""
        };
        if !why.is_empty() {
            return Err(Error::new(ErrorKind::Invalid {
                layer: c.name,
                reason: why,
            }));
        }
        let at = if index < 0 {
            index as i128 + len as i128
        } else {
            index as i128
        };
        if at < 0 || at >= len as i128 {
            return Err(Error::new(ErrorKind::IndexOutOfRange {
                op: c.name,
                index,
                dim: crate::error::SEQUENCE,
                size: len as u64,
            }));
        }
        let flag = f.flags + child;
        let first = !self.was_indexed(f.indexed_base, flag, at as usize);
        if first {
            if self.indexed_len == MAX_SLOTS {
                return Err(Error::new(ErrorKind::Limit {
                    what: "elements called by index in the forward programs running at once",
                    limit: MAX_SLOTS,
                    needs: MAX_SLOTS + 1,
                    advice: "call the sequence as a whole (`layers(x)`)",
                }));
            }
            self.indexed[self.indexed_len] = (flag, at as usize);
            self.indexed_len += 1;
        }
        let mut callee = Callee::call(
            c.module,
            Some(Name::Field(c.name)),
            f.record,
            f.count_params && first && !self.called[flag],
        );
        callee.only = at as usize;
        self.enter(callee, args.split_at(vs.len()).0)
    }

    /// The position of child `child` of the top frame's positional program: its offset
    /// plus the positions the present children before it take. Amortised O(1) when the
    /// children are called in order (a positional struct has no `forward`).
    const fn position_of(&mut self, graph: &Graph, child: usize) -> usize {
        let t = self.depth - 1;
        let f = &mut self.frames[t];
        if child < f.pos_child {
            f.pos_child = 0;
            f.pos_at = f.at;
        }
        while f.pos_child < child {
            let c = &graph.children[f.pos_child];
            if c.present {
                f.pos_at += c.module.positions(c.splice);
            }
            f.pos_child += 1;
        }
        f.pos_at
    }

    /// Records step `i` of the top frame's program as run, with its value and cost: the
    /// activation peak across it, then its operands released and its value defined.
    /// O(operands).
    const fn finish_step(
        &mut self,
        graph: &Graph,
        n: usize,
        i: usize,
        value: Shape,
        cost: Cost,
    ) -> Result<(), Error> {
        let t = self.depth - 1;
        let step = &graph.steps[i];
        let own = if holds_nothing(step) {
            0
        } else {
            tri!(elements(value))
        };
        let (operands, released) = tri!(self.operands(step, i));
        // What the step itself holds: a child's own peak, or its operands and result.
        let inner = match step {
            Step::Call { child, .. } | Step::Functional { child, .. }
                if graph.children[*child].present =>
            {
                cost.peak_elements
            }
            Step::CallAt { .. } => cost.peak_elements,
            _ if holds_nothing(step) => 0,
            _ => tri!(add_elements(operands, own)),
        };
        let f = &mut self.frames[t];
        f.live = tri!(f.live.across(operands, inner));
        f.live = f.live.release(released);
        self.totals[t] = tri!(self.totals[t].checked_add(cost));
        let slot = f.base + n + i;
        self.values[slot] = value;
        self.sizes[slot] = own;
        let r = match step {
            Step::Call { .. } | Step::CallAt { .. } | Step::Functional { .. } => self.out_refs[0],
            _ => self.step_ref,
        };
        self.storage.set(slot, r);
        if self.last[slot] != Liveness::UNREAD {
            f.live = tri!(f.live.define(own));
        }
        Ok(())
    }

    /// Step `i`, inside an `if` whose const is false: it does not run, but its operands
    /// are released as if it had. O(operands).
    const fn skip_step(&mut self, graph: &Graph, i: usize) -> Result<(), Error> {
        let (_, released) = tri!(self.operands(&graph.steps[i], i));
        let t = self.depth - 1;
        self.frames[t].live = self.frames[t].live.release(released);
        Ok(())
    }

    /// The elements of the distinct values step `i` of the top frame reads, and of those
    /// it reads last. O(operands).
    const fn operands(&mut self, step: &Step, i: usize) -> Result<(u128, u128), Error> {
        let base = self.frames[self.depth - 1].base;
        let mut total = 0;
        let mut released = 0;
        let mut k = 0;
        while let Some(w) = operand(step, k) {
            let slot = base + w;
            if self.seen[slot] != i {
                self.seen[slot] = i;
                total = tri!(add_elements(total, self.sizes[slot]));
                if self.last[slot] == i {
                    released += self.sizes[slot];
                }
            }
            k += 1;
        }
        Ok((total, released))
    }

    /// What operation step `step` of the top frame's program (values from `base`) keeps
    /// for backward, with `output` its value: the elements newly kept, and its value's
    /// storage in [`Machine::step_ref`]. O(operands).
    const fn keep_step(
        &mut self,
        graph: &Graph,
        step: &Step,
        base: usize,
        output: Shape,
        applied: &Option<Layer>,
    ) -> Result<crate::memory::Saved, Error> {
        if let Step::Param { index } = *step {
            // A parameter never counts; a buffer does, once kept.
            let frozen = self.frames[self.depth - 1].frozen;
            self.step_ref = if index < graph.params.len() && graph.params[index].buffer {
                Ref::fresh(tri!(elements(graph.params[index].shape)), false)
            } else {
                Ref::never(!frozen)
            }
            .of(self.float());
            return Ok(crate::memory::Saved::ZERO);
        }
        if let Step::Scalar = *step {
            self.step_ref = Ref::never(false);
            return Ok(crate::memory::Saved::ZERO);
        }
        // The keep rules count the output's and operands' elements: they must fit.
        tri!(elements(output));
        let mut ins = [Ref::never(false); MAX_KEPT_OPERANDS];
        let mut shapes = [Shape::SCALAR; MAX_KEPT_OPERANDS];
        // The operands' shapes matter to autocast's copies and promotions only.
        let typed = !matches!(self.storage.precision, Precision::Uniform);
        let mut n = 0;
        while let Some(w) = operand(step, n) {
            tri!(elements(self.values[base + w]));
            if n == MAX_KEPT_OPERANDS {
                break;
            }
            ins[n] = self.storage.get(base + w);
            if typed {
                shapes[n] = self.values[base + w];
            }
            n += 1;
        }
        let values = self.values.split_at(base).1;
        let (mut keep, tensors) = tri!(keeps(
            step,
            ins.split_at(n).0,
            values,
            output,
            self.mode,
            applied
        ));
        let tensors = if tensors < n { tensors } else { n };
        let shapes = shapes.split_at(tensors).0;
        let cast = tri!(step_cast(step, &self.storage, base, shapes));
        if typed && n > 0 {
            keep = converted(step, keep, cast.out, ins[0].dt);
        }
        let (saved, out) =
            tri!(
                self.storage
                    .apply(keep, ins.split_at_mut(tensors).0, output, false, cast)
            );
        self.step_ref = out;
        Ok(saved)
    }

    /// ptflops' hook of a module of class `MultiheadAttention` (see
    /// [`multihead_attention`]): its input, whether it has an `in_proj_bias`, and the
    /// elements of the softmaxes its program ran. O(steps).
    const fn attention_hook(&self, graph: &Graph, f: &Frame) -> Result<u128, Error> {
        let mut scores: u128 = 0;
        let mut i = 0;
        while i < graph.steps.len() {
            if let Step::Op { op, inputs, .. } = graph.steps[i]
                && op < OPS.len()
                && same_str(OPS[op].name, "softmax")
                && !inputs.is_empty()
            {
                let n = tri!(elements(self.values[f.base + inputs[0]]));
                scores = tri!(add_elements(scores, n));
            }
            i += 1;
        }
        let mut bias = false;
        let mut k = 0;
        while k < graph.params.len() {
            if same_str(graph.params[k].name, "in_proj_bias") {
                bias = true;
            }
            k += 1;
        }
        multihead_attention(f.input, bias, scores)
    }

    /// After the steps: the children never called (they keep their parameters, as in
    /// PyTorch), then the program's result.
    const fn finish_graph(
        &mut self,
        graph: &Graph,
        mut ret: Option<(Shape, Cost)>,
    ) -> Result<Next, Error> {
        let t = self.depth - 1;
        loop {
            if let Some((_, c)) = ret {
                let f = &mut self.frames[t];
                self.totals[t].params = tri!(add_params(self.totals[t].params, c.params));
                self.totals[t].frozen = tri!(add_params(self.totals[t].frozen, c.frozen));
                f.next += 1;
            }
            let f = self.frames[t];
            let c = f.next;
            if c == graph.children.len() {
                break;
            }
            if !graph.children[c].present || self.called[f.flags + c] {
                self.frames[t].next += 1;
                ret = None;
                continue;
            }
            let name = child_name(graph, c, f.at, f.numbering);
            let mut callee =
                Callee::uncalled(graph.children[c].module, name, f.record, f.count_params);
            if self.was_indexed(f.indexed_base, f.flags + c, ALL_ELEMENTS) {
                callee.skip_indexed = f.flags + c;
            }
            ret = match tri!(self.enter(callee, &[])) {
                Some(r) => Some(r),
                None => return Ok(Next::Pushed),
            };
        }
        let f = self.frames[t];
        let mut total = self.totals[t];
        total.peak_elements = f.live.peak();
        if same_str(f.module.class, "MultiheadAttention") {
            let hook = tri!(self.attention_hook(graph, &f));
            total.tools.ptflops = match total.tools.ptflops.checked_add(hook) {
                Some(v) => v,
                None => return Err(crate::cost::overflow("FLOPs")),
            };
        }
        if let Task::Call = f.task {
            let own = tri!(own_params(graph));
            total.params = tri!(add_params(total.params, own));
            // torchinfo's leaf rule for a module with parameters and no child module.
            let output = self.values[f.base + graph.output];
            let mut leaf = true;
            let mut c = 0;
            while c < graph.children.len() {
                if graph.children[c].present {
                    leaf = false;
                }
                c += 1;
            }
            let mut k = 0;
            while leaf && k < graph.params.len() {
                let p = &graph.params[k];
                if !p.buffer {
                    total.tools.torchinfo = tri!(torchinfo_add(
                        total.tools.torchinfo,
                        f.module.class,
                        p.name,
                        p.shape,
                        output
                    ));
                }
                k += 1;
            }
        }
        let output = self.values[f.base + graph.output];
        if graph.more_outputs.len() + 1 > MAX_OUTPUTS {
            return Err(Error::new(ErrorKind::Limit {
                what: "values returned by one forward",
                limit: MAX_OUTPUTS,
                needs: graph.more_outputs.len() + 1,
                advice: "return fewer values",
            }));
        }
        self.returned[0] = output;
        self.out_refs[0] = self
            .storage
            .detach(self.storage.get(f.base + graph.output), f.base);
        let mut k = 0;
        while k < graph.more_outputs.len() {
            let v = graph.more_outputs[k];
            if v >= f.inputs + graph.steps.len() {
                return Err(description("an output is a missing value"));
            }
            self.returned[k + 1] = self.values[f.base + v];
            self.out_refs[k + 1] = self.storage.detach(self.storage.get(f.base + v), f.base);
            k += 1;
        }
        self.returned_len = graph.more_outputs.len() + 1;
        Ok(self.finish_call(t, output, total))
    }
}

/// An array element's cost `c` as a checkpointed block (the frame `f` of its array, as
/// it was when the element ran): it keeps its inputs only (its first; the others for the
/// array's first element run), and its backward recomputes what it would keep. O(inputs).
const fn checkpointed(f: &Frame, mut c: Cost) -> Result<Cost, Error> {
    let mut inputs = tri!(elements(f.x));
    let first = f.next == 0;
    if first {
        let mut k = 0;
        while k < f.extras_len && k < MAX_INPUTS {
            inputs = tri!(add_elements(inputs, tri!(elements(f.extras[k]))));
            k += 1;
        }
    }
    c.recompute = c.saved;
    c.checkpointed = crate::memory::Saved::activations(inputs);
    Ok(c)
}

/// What thop and torchinfo, which hook module calls, count of a call of a module of class
/// `class` run `how` whose body is `layer`, from `input` to `output`: thop's rule for the
/// class (its parameters on the module's first call), torchinfo's leaf rule on the
/// layer's tensors (a tied weight included). O(tensors + rank).
const fn hooked_call(
    cost: &mut Cost,
    class: &'static str,
    how: Use,
    layer: &Layer,
    input: Shape,
    output: Shape,
    first: bool,
) -> Result<(), Error> {
    let params = tri!(layer.params());
    if let Some(ops) = tri!(thop_module(how, layer, input, output)) {
        cost.tools.thop = ops;
        if first {
            cost.tools.thop_params = tri!(params.count());
        }
    }
    let tensors = params.tensors();
    let mut i = 0;
    while i < tensors.len() {
        let (name, shape) = tensors[i];
        cost.tools.torchinfo = tri!(torchinfo_add(
            cost.tools.torchinfo,
            class,
            name,
            shape,
            output
        ));
        i += 1;
    }
    Ok(())
}

/// A layer applied in `mode`: the layer with its inferred sizes, output and cost (its
/// parameters dropped unless it counts them); the activation peak is its input plus its
/// output, one buffer when it works in place.
const fn apply_layer(
    layer: &Layer,
    input: Shape,
    mode: Mode,
    count_params: bool,
) -> Result<(Layer, Shape, Cost), Error> {
    let applied = tri!(layer.apply(input, mode));
    let mut cost = applied.cost;
    let in_place = matches!(applied.layer, Layer::Activation(a) if a.inplace);
    let output_elements = if in_place {
        0
    } else {
        tri!(elements(applied.output))
    };
    cost.peak_elements = tri!(add_elements(tri!(elements(input)), output_elements));
    if !count_params {
        cost.params = 0;
    }
    Ok((applied.layer, applied.output, cost))
}

/// The shape of parameter tensor `name` of child `child` (`dt_proj.weight`): a layer's
/// from its declared sizes, a struct's from its `parameter` fields. O(its parameters).
const fn child_param(graph: &Graph, child: usize, name: &'static str) -> Result<Shape, Error> {
    if child >= graph.children.len() {
        return Err(description("a step reads a missing child"));
    }
    let c = &graph.children[child];
    let missing = Error::new(ErrorKind::Invalid {
        layer: name,
        reason: "the child has no parameter tensor of this name",
    })
    .within(Name::Field(c.name));
    match c.module.body {
        Body::Layer(l) => {
            let params = match l.params() {
                Ok(p) => p,
                Err(e) => return Err(e.within(Name::Field(c.name))),
            };
            let tensors = params.tensors();
            let mut i = 0;
            while i < tensors.len() {
                if complexity_ops::same_str(tensors[i].0, name) {
                    return Ok(tensors[i].1);
                }
                i += 1;
            }
            Err(missing)
        }
        Body::Graph(g) => {
            let mut i = 0;
            while i < g.params.len() {
                if complexity_ops::same_str(g.params[i].name, name) {
                    return Ok(g.params[i].shape);
                }
                i += 1;
            }
            Err(missing)
        }
        _ => Err(missing),
    }
}

/// A layer's parameters, without its `weight` when it is `tied` to another module's.
/// O(1).
const fn own_params_of(layer: &Layer, tied: bool) -> Result<u64, Error> {
    let params = tri!(layer.params());
    let mut total = tri!(params.count());
    if tied {
        let tensors = params.tensors();
        let mut i = 0;
        while i < tensors.len() {
            if complexity_ops::same_str(tensors[i].0, "weight") {
                match tensors[i].1.checked_numel() {
                    Some(n) if n <= total as u128 => total -= n as u64,
                    _ => return Err(crate::cost::overflow("params")),
                }
            }
            i += 1;
        }
    }
    Ok(total)
}

const fn record_of(parent: usize, name: Name, call: usize, called: bool) -> Record {
    Record {
        parent,
        name,
        call,
        called,
    }
}

const fn record_name(name: Option<Name>) -> Name {
    match name {
        Some(n) => n,
        None => Name::Index(0),
    }
}

/// The name of child `child` of a graph whose positions start at `offset`, named by
/// `numbering` (`prefix`, `start`).
const fn child_name(
    graph: &Graph,
    child: usize,
    offset: usize,
    numbering: (&'static str, usize),
) -> Name {
    match graph.naming {
        Naming::Fields => Name::Field(graph.children[child].name),
        Naming::Positions | Naming::Fragment => Name::position(
            numbering.0,
            numbering.1 + offset + graph.positions_before(child),
        ),
    }
}

/// The field of `graph` whose child has the name `name`: the field itself, or in a
/// positional struct the one whose positions hold it ("" when none does). O(children).
const fn field_of(graph: &Graph, name: Name) -> &'static str {
    match name {
        Name::Field(f) => f,
        Name::Index(n) | Name::Prefixed(_, n) => {
            let at = n.saturating_sub(graph.start);
            let mut c = 0;
            while c < graph.children.len() {
                let child = &graph.children[c];
                if child.present {
                    let start = graph.positions_before(c);
                    if at >= start && at < start + child.module.positions(child.splice) {
                        return child.name;
                    }
                }
                c += 1;
            }
            ""
        }
    }
}

/// A graph's own parameters (ViT's `class_token`). O(parameters).
const fn own_params(graph: &Graph) -> Result<u64, Error> {
    let mut total: u64 = 0;
    let mut i = 0;
    while i < graph.params.len() {
        if graph.params[i].buffer {
            i += 1;
            continue;
        }
        let n = match graph.params[i].shape.checked_numel() {
            Some(n) if n <= u64::MAX as u128 => n as u64,
            _ => return Err(crate::cost::overflow("params")),
        };
        total = tri!(add_params(total, n));
        i += 1;
    }
    Ok(total)
}

const fn add_params(a: u64, b: u64) -> Result<u64, Error> {
    match a.checked_add(b) {
        Some(n) => Ok(n),
        None => Err(crate::cost::overflow("params")),
    }
}

/// The elements of a shape, as an activation count.
pub(crate) const fn elements(shape: Shape) -> Result<u128, Error> {
    match shape.checked_numel() {
        Some(n) => Ok(n),
        None => Err(crate::cost::overflow("activations")),
    }
}

pub(crate) const fn add_elements(a: u128, b: u128) -> Result<u128, Error> {
    match a.checked_add(b) {
        Some(n) => Ok(n),
        None => Err(crate::cost::overflow("activations")),
    }
}
