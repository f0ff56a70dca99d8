//! How a layer runs, as the tools that hook PyTorch's modules and replace its functions
//! see it (ptflops, calflops), and the module hooks that are not one layer's.

use crate::cost::ToolFlops;
use crate::error::Error;
use crate::layer::Layer;
use crate::ops::{OPS, Spelling};
use crate::shape::Shape;

/// How a layer runs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Use {
    /// As a module.
    Module {
        /// Its class is the layer's own PyTorch class (`ReLU`, not `GELUActivation`):
        /// ptflops hooks modules by exact class, so only then its module rule applies.
        hooked: bool,
        /// Its `forward` is the PyTorch class's own (a subclass that does not override it,
        /// as torchvision's `Conv3DSimple`), so the functions it calls (`F.relu`,
        /// `F.conv2d`) are the ones the tools replace.
        forward: bool,
    },
    /// Called as a function from a `forward` (`F.max_pool2d(x, 3)`, `F.linear(x, w)`,
    /// `out_proj.functional(x)`).
    Functional,
}

impl Use {
    /// Whether ptflops' module rule applies.
    pub(crate) const fn hooked(self) -> bool {
        matches!(self, Use::Module { hooked: true, .. })
    }

    /// Whether the layer's function (`F.relu`, `F.conv2d`) is called, so that the tools
    /// wrapping it see it.
    pub(crate) const fn calls_function(self) -> bool {
        matches!(self, Use::Module { forward: true, .. } | Use::Functional)
    }

    /// The figures of a layer ptflops counts by its module hook only (`hook`) and
    /// calflops by its function only (`function` FLOPs, `macs` MACs), each kept where it
    /// applies. O(1).
    pub(crate) const fn split(self, hook: u128, function: u128, macs: u128) -> ToolFlops {
        let called = self.calls_function();
        ToolFlops {
            ptflops: if self.hooked() { hook } else { 0 },
            calflops: if called { function } else { 0 },
            calflops_macs: if called { macs } else { 0 },
            ..ToolFlops::ZERO
        }
    }
}

/// Classes whose `forward` calls a function bound when the module was built, which the
/// tools' replacement of `torch.nn.functional`'s functions (made later) does not reach:
/// transformers' `GELUActivation` (`self.act = nn.functional.gelu`).
const BOUND_FORWARD: [&str; 1] = ["GELUActivation"];

/// How a module of class `class` whose body is `layer` runs. O(1).
pub(crate) const fn module_use(class: &str, layer: &Layer) -> Use {
    let mut bound = false;
    let mut i = 0;
    while i < BOUND_FORWARD.len() {
        if crate::ops::same_str(class, BOUND_FORWARD[i]) {
            bound = true;
        }
        i += 1;
    }
    Use::Module {
        hooked: crate::ops::same_str(class, layer.class()),
        forward: !bound,
    }
}

/// What the tools count for the function `F.{name}` of the operation table (`relu`,
/// `softmax`) called on `input`: `numel(input)` for each tool that wraps it. O(name).
pub(crate) const fn function(name: &str, input: Shape) -> Result<ToolFlops, Error> {
    match crate::ops::find(name) {
        Some(row) => elementwise(row, Spelling::Functional, input),
        None => Err(Error::new(crate::error::ErrorKind::Invalid {
            layer: "operation",
            reason: "a layer's function is not in the operation table",
        })),
    }
}

/// What the tools count for operation `row` of the table written `spelling` on `input`,
/// an elementwise operation: `numel(input)` for each tool that sees that spelling. O(1).
pub(crate) const fn elementwise(
    row: usize,
    spelling: Spelling,
    input: Shape,
) -> Result<ToolFlops, Error> {
    let tools = OPS[row].tools;
    let n = match input.checked_numel() {
        Some(n) => n,
        None => return Err(crate::cost::overflow("shape")),
    };
    Ok(ToolFlops {
        ptflops: if tools.ptflops.sees(spelling) { n } else { 0 },
        calflops: if tools.calflops.sees(spelling) { n } else { 0 },
        ..ToolFlops::ZERO
    })
}

/// A matrix product of `macs` multiply-adds plus an added `input` of `added` elements
/// (`addmm`, `baddbmm`; 0 for `matmul`, `bmm`, `mm`), written `spelling`, by row `row`
/// (`None` for `matmul(a, b)`, `torch.matmul`, which both tools wrap): ptflops
/// `macs + added`, calflops FLOPs `2 · macs + added` and MACs `macs`. O(1).
pub(crate) const fn product(
    row: Option<usize>,
    spelling: Spelling,
    macs: u128,
    added: u128,
) -> Result<ToolFlops, Error> {
    let (pt, cal) = match row {
        Some(r) => (
            OPS[r].tools.ptflops.sees(spelling),
            OPS[r].tools.calflops.sees(spelling),
        ),
        None => (true, true),
    };
    let with_added = match macs.checked_add(added) {
        Some(v) => v,
        None => return Err(crate::cost::overflow("FLOPs")),
    };
    let cal_flops = match macs.checked_mul(2) {
        Some(v) => match v.checked_add(added) {
            Some(v) => v,
            None => return Err(crate::cost::overflow("FLOPs")),
        },
        None => return Err(crate::cost::overflow("FLOPs")),
    };
    Ok(ToolFlops {
        ptflops: if pt { with_added } else { 0 },
        calflops: if cal { cal_flops } else { 0 },
        calflops_macs: if cal { macs } else { 0 },
        ..ToolFlops::ZERO
    })
}

/// ptflops' hook of `nn.MultiheadAttention` (`multihead_attention_counter_hook`), for a
/// module of that class computing self-attention with `batch_first` on `input` `[N, L,
/// E]`: `N · (L·E + 3·L·E² + 3·L·E (with an input bias) + H·(2·L²·E/H + L²) + L·E·(E + 1))`,
/// where `H · N · L²` is `scores`, the elements of the attention's softmax. O(1).
pub(crate) const fn multihead_attention(
    input: Shape,
    in_bias: bool,
    scores: u128,
) -> Result<u128, Error> {
    if input.rank() != 3 {
        return Ok(0);
    }
    let (n, l, e) = (
        input.dim(0) as u128,
        input.dim(1) as u128,
        input.dim(2) as u128,
    );
    let terms = [
        [l, e, 1],
        [3 * l, e, e],
        [if in_bias { 3 * l } else { 0 }, e, 1],
        [2 * l, l, e],
        [l, e, e + 1],
    ];
    let mut per: u128 = 0;
    let mut i = 0;
    while i < terms.len() {
        let t = match crate::cost::flops_product(&terms[i]) {
            Ok(t) => t,
            Err(e) => return Err(e),
        };
        per = match per.checked_add(t) {
            Some(v) => v,
            None => return Err(crate::cost::overflow("FLOPs")),
        };
        i += 1;
    }
    match per.checked_mul(n) {
        Some(v) => match v.checked_add(scores) {
            Some(v) => Ok(v),
            None => Err(crate::cost::overflow("FLOPs")),
        },
        None => Err(crate::cost::overflow("FLOPs")),
    }
}
