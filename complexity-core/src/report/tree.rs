//! The report's module tree: every module of the description in `named_modules()` order
//! (pre-order, children in declaration order), compact, with the walk's records folded
//! into it (a module called several times adds its calls up).
//!
//! A node is 40 bytes and refers to the calls the walk recorded; the identical elements
//! of an array share theirs, so a report of a million modules stays small.

use alloc::vec;
use alloc::vec::Vec;

use crate::analysis::{Call, NO_PARENT, Record};
use crate::cost::Cost;
use crate::error::{Error, ErrorKind, Name};
use crate::module::{Body, Graph, Module, Naming};

/// No index.
pub(super) const NONE: u32 = u32::MAX;

/// One module of the tree.
#[derive(Clone, Copy, Debug)]
pub(super) struct Node {
    /// Its description.
    pub module: &'static Module,
    /// Its parent, [`NONE`] for the model.
    pub parent: u32,
    /// Its place among its parent's children, from which its name follows.
    pub ordinal: u32,
    /// One past the last node of its subtree.
    pub end: u32,
    /// 0 for the model.
    pub depth: u32,
    /// How many times it ran.
    pub calls: u32,
    /// The call its layer and shapes come from (its first that ran, else its first
    /// record's), [`NONE`] when the walk recorded none.
    pub call: u32,
    /// Its cost, all calls added: an index into the report's costs, [`NONE`] for zero.
    pub cost: u32,
}

/// The children of a module as PyTorch names them: field names, positions in a
/// sequence, or positions in a sequential struct (fragments and spliced sequences take
/// several), as the analysis names them. O(children).
pub(super) fn children_of(module: &'static Module) -> Vec<(Name, &'static Module)> {
    let mut out = Vec::new();
    match module.body {
        Body::Layer(_) | Body::Failed => {}
        Body::Sequence { modules, prefix } => out.extend(
            modules
                .iter()
                .enumerate()
                .map(|(i, m)| (Name::position(prefix, i), *m)),
        ),
        Body::Repeat {
            module,
            count,
            prefix,
        } => out.extend((0..count).map(|i| (Name::position(prefix, i), module))),
        Body::Graph(g) => match g.naming {
            Naming::Fields => out.extend(
                g.children
                    .iter()
                    .filter(|c| c.present)
                    .map(|c| (Name::Field(c.name), c.module)),
            ),
            Naming::Positions | Naming::Fragment => {
                positioned_children(&g, 0, (g.prefix, g.start), &mut out)
            }
        },
    }
    out
}

/// A positional struct's children (and its fragments' and spliced sequences'), named by
/// `numbering` (its `prefix` and `start`).
fn positioned_children(
    graph: &Graph,
    offset: usize,
    numbering: (&'static str, usize),
    out: &mut Vec<(Name, &'static Module)>,
) {
    let mut at = offset;
    for c in graph.children.iter().filter(|c| c.present) {
        positioned(c.module, c.splice, at, numbering, out);
        at += c.module.positions(c.splice);
    }
}

fn positioned(
    module: &'static Module,
    spliced: bool,
    position: usize,
    numbering: (&'static str, usize),
    out: &mut Vec<(Name, &'static Module)>,
) {
    match module.body {
        Body::Graph(g) if g.naming == Naming::Fragment => {
            positioned_children(&g, position, numbering, out)
        }
        Body::Sequence { modules, .. } if spliced => {
            let mut at = position;
            for m in modules {
                positioned(m, false, at, numbering, out);
                at += m.positions(false);
            }
        }
        Body::Repeat {
            module: m, count, ..
        } if spliced => {
            for i in 0..count {
                positioned(m, false, position + i * m.positions(false), numbering, out);
            }
        }
        _ => out.push((Name::position(numbering.0, numbering.1 + position), module)),
    }
}

/// The name of child `ordinal` of `parent`. O(1) for a position, O(fields) for a field.
pub(super) fn child_name(parent: &'static Module, ordinal: usize) -> Name {
    match parent.body {
        Body::Sequence { prefix, .. } | Body::Repeat { prefix, .. } => {
            Name::position(prefix, ordinal)
        }
        Body::Graph(g) if g.naming == Naming::Fields => g
            .children
            .iter()
            .filter(|c| c.present)
            .nth(ordinal)
            .map_or(Name::Index(ordinal), |c| Name::Field(c.name)),
        Body::Graph(g) => Name::position(g.prefix, g.start + ordinal),
        _ => Name::Index(ordinal),
    }
}

/// The ordinal of the child of `parent` named `name`, if any. O(1) for a position,
/// O(fields) for a field.
pub(super) fn ordinal_of(parent: &'static Module, name: Name) -> Option<usize> {
    match (parent.body, name) {
        (Body::Graph(g), Name::Field(f)) if g.naming == Naming::Fields => g
            .children
            .iter()
            .filter(|c| c.present)
            .position(|c| c.name == f),
        (Body::Graph(g), Name::Index(i)) if g.naming != Naming::Fields && g.prefix.is_empty() => {
            i.checked_sub(g.start)
        }
        (Body::Graph(g), Name::Prefixed(p, i)) if g.naming != Naming::Fields && p == g.prefix => {
            i.checked_sub(g.start)
        }
        (Body::Sequence { prefix, .. } | Body::Repeat { prefix, .. }, n) => match n {
            Name::Index(i) if prefix.is_empty() => Some(i),
            Name::Prefixed(p, i) if p == prefix => Some(i),
            _ => None,
        },
        _ => None,
    }
}

/// The ordinal of the child of `parent` whose name prints as `text` (`conv1`, `3`,
/// `encoder_layer_3`). O(1) for a position, O(fields) for a field.
pub(super) fn ordinal_by_text(parent: &'static Module, text: &str) -> Option<usize> {
    match parent.body {
        Body::Graph(g) if g.naming == Naming::Fields => g
            .children
            .iter()
            .filter(|c| c.present)
            .position(|c| c.name == text),
        Body::Sequence { prefix, .. } | Body::Repeat { prefix, .. } => {
            text.strip_prefix(prefix)?.parse().ok()
        }
        Body::Graph(g) => text
            .strip_prefix(g.prefix)?
            .parse::<usize>()
            .ok()?
            .checked_sub(g.start),
        Body::Layer(_) | Body::Failed => None,
    }
}

/// How many modules the description declares, the model included: each distinct
/// description node counts the product of the array lengths above it. O(distinct
/// modules), with an explicit stack (no recursion).
fn count(model: &'static Module) -> Result<usize, Error> {
    let mut total: usize = 0;
    let mut stack: Vec<(&'static Module, usize)> = vec![(model, 1)];
    while let Some((module, times)) = stack.pop() {
        total = total.checked_add(times).ok_or_else(too_many)?;
        match module.body {
            Body::Repeat {
                module: m, count, ..
            } => {
                stack.push((m, times.checked_mul(count).ok_or_else(too_many)?));
            }
            _ => stack.extend(children_of(module).into_iter().map(|(_, c)| (c, times))),
        }
    }
    Ok(total)
}

fn too_many() -> Error {
    Error::new(ErrorKind::Limit {
        what: "modules in one report",
        limit: NONE as usize - 1,
        needs: 0,
        advice: "the report indexes its modules with 32 bits; use the constants (`analyze`) for larger models",
    })
}

/// Modules still to declare: one, or the elements `next..count` of an array.
enum Pending {
    One(&'static Module, u32, usize, u32),
    Elements(&'static Module, u32, usize, usize, u32),
}

/// The declared modules in `named_modules()` order (pre-order, children in declaration
/// order). O(modules), with an explicit stack (no recursion, so any depth on any thread;
/// an array's elements wait as one entry).
pub(super) fn declare(model: &'static Module) -> Result<Vec<Node>, Error> {
    let n = count(model)?;
    if n >= NONE as usize {
        return Err(too_many());
    }
    let mut nodes: Vec<Node> = Vec::with_capacity(n);
    let mut stack = vec![Pending::One(model, NONE, 0, 0)];
    while let Some(pending) = stack.pop() {
        let (module, parent, ordinal, depth) = match pending {
            Pending::One(m, parent, ordinal, depth) => (m, parent, ordinal, depth),
            Pending::Elements(m, parent, next, count, depth) => {
                if next + 1 < count {
                    stack.push(Pending::Elements(m, parent, next + 1, count, depth));
                }
                (m, parent, next, depth)
            }
        };
        let index = nodes.len() as u32;
        nodes.push(Node {
            module,
            parent,
            ordinal: ordinal as u32,
            end: NONE,
            depth,
            calls: 0,
            call: NONE,
            cost: NONE,
        });
        match module.body {
            Body::Repeat {
                module: m, count, ..
            } if count > 0 => {
                stack.push(Pending::Elements(m, index, 0, count, depth + 1));
            }
            _ => {
                let children = children_of(module);
                stack.extend(
                    children
                        .into_iter()
                        .enumerate()
                        .rev()
                        .map(|(i, (_, c))| Pending::One(c, index, i, depth + 1)),
                );
            }
        }
    }
    // Each node's subtree ends where the next node no deeper than it starts.
    let mut open: Vec<usize> = Vec::new();
    for j in 0..nodes.len() {
        while let Some(&i) = open.last() {
            if nodes[i].depth < nodes[j].depth {
                break;
            }
            nodes[i].end = j as u32;
            open.pop();
        }
        open.push(j);
    }
    let len = nodes.len() as u32;
    for i in open {
        nodes[i].end = len;
    }
    Ok(nodes)
}

/// The child of node `parent` at `ordinal`, starting the search at `from` (a child at or
/// before it, or `NONE` for the first child). O(1) for an array, else O(children
/// skipped).
pub(super) fn find_child(
    nodes: &[Node],
    parent: usize,
    ordinal: usize,
    from: u32,
) -> Option<usize> {
    let p = &nodes[parent];
    let first = parent + 1;
    if first >= p.end as usize {
        return None;
    }
    if let Body::Repeat { count, .. } = p.module.body {
        // Every element's subtree has the same size.
        let size = nodes[first].end as usize - first;
        return (ordinal < count).then(|| first + ordinal * size);
    }
    let mut c = match from {
        NONE => first,
        f if (nodes[f as usize].ordinal as usize) <= ordinal => f as usize,
        _ => first,
    };
    while c < p.end as usize {
        if nodes[c].ordinal as usize == ordinal {
            return Some(c);
        }
        c = nodes[c].end as usize;
    }
    None
}

/// Folds the walk's records into the nodes: each record to the node of its path (a
/// record the tree does not declare, and its descendants, are left out), its calls
/// counted and costs added (`costs` starts as one cost per call; a module with several
/// records gets its sum appended). Returns the calls that ran, in the order they
/// started, as `[node, call]`. O(records), with a cursor per node so that children met
/// in order are found in O(1).
pub(super) fn fold(
    nodes: &mut [Node],
    records: &[Record],
    calls: &[Call],
    costs: &mut Vec<Cost>,
) -> Result<Vec<[u32; 2]>, Error> {
    let mut order = Vec::new();
    let mut node_of = vec![NONE; records.len()];
    let mut cursor = vec![NONE; nodes.len()];
    let own = calls.len() as u32;
    for (r, record) in records.iter().enumerate() {
        let node = if record.parent == NO_PARENT {
            Some(0)
        } else {
            let parent = node_of[record.parent];
            if parent == NONE {
                None
            } else {
                let p = parent as usize;
                ordinal_of(nodes[p].module, record.name)
                    .and_then(|o| find_child(nodes, p, o, cursor[p]))
                    .inspect(|&c| cursor[p] = c as u32)
            }
        };
        let Some(i) = node else { continue };
        node_of[r] = i as u32;
        let m = &mut nodes[i];
        let call = record.call as u32;
        if m.call == NONE || (record.called && m.calls == 0) {
            m.call = call;
        }
        if record.called {
            m.calls += 1;
            order.push([i as u32, call]);
        }
        m.cost = match m.cost {
            NONE => call,
            c if c >= own => {
                costs[c as usize] = costs[c as usize].checked_add(calls[call as usize].cost)?;
                c
            }
            c => {
                costs.push(costs[c as usize].checked_add(calls[call as usize].cost)?);
                (costs.len() - 1) as u32
            }
        };
    }
    Ok(order)
}
