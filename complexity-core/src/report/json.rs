//! `serde::Serialize` for reports (feature `serde`): the schema, field by field.
//!
//! A [`Report`] serializes as one object (`serde_json::to_string(&report)`), version
//! `"complexity-report/1"`:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `schema` | string | `"complexity-report/1"` |
//! | `model` | string | the model's class |
//! | `mode` | string | `"train"` or `"eval"` |
//! | `precision` | string | `"uniform"`, `"autocast_cpu"` or `"autocast_cuda"`: how the saved activations are stored ([`Precision`]) |
//! | `convention` | string | `"mmengine"`: the convention of every `flops` |
//! | `unit` | string | `"multiply-adds"` |
//! | `input`, `output` | array of integers | the shapes, batch included |
//! | `totals` | cost | the model's figures |
//! | `modules` | array of module | every module, in `named_modules()` order |
//!
//! A module: `path` (string, `""` for the model), `class` (string), `depth` (integer, 0 for
//! the model), `calls` (integer), `input` and `output` (array of integers, or `null` for a
//! module never called), `cost` (cost), `own_saved_bytes` (integer: what it keeps for
//! backward itself, in bytes as `saved_bytes`).
//!
//! A cost: `params`, `frozen_params`, `flops`, `activations`, `peak_elements`,
//! `kv_cache_elements`, `other_macs` (integers), `flops_by_op` (object: mmengine's op key →
//! integer, non-zero entries), `zero_ops` (object: zero-op name → count, non-zero
//! entries), `saved` (object: `activations`, `stats`, `indices`, `masks`, `bools`,
//! `wide` (autocast's float32 activations), element counts), `saved_bytes` (integer:
//! float32 on the CPU, or under autocast half precision at 2 bytes and float32 at 4, as
//! [`Precision::saved_bytes`](crate::memory::Precision::saved_bytes) says), `conventions` (object:
//! `fvcore`, `torch_flop_counter`, `ptflops`, `calflops_flops`, `calflops_macs`, `thop`,
//! `torchinfo` → integer).
//!
//! Integers above 2⁵³ are written exactly (`serde_json` writes `u128`s as JSON numbers);
//! read them with a parser that keeps big integers.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use serde::ser::{Serialize, Serializer};

use super::Report;
use crate::convention::Convention;
use crate::cost::{Cost, OpKind, ZeroOp};
use crate::memory::{Device, Precision, Saved};
use crate::mode::Mode;
use crate::shape::Shape;

#[derive(serde::Serialize)]
struct ReportView<'a> {
    schema: &'static str,
    model: &'static str,
    mode: &'static str,
    precision: &'static str,
    convention: &'static str,
    unit: &'static str,
    input: Shape,
    output: Shape,
    totals: CostView,
    modules: Vec<ModuleView<'a>>,
}

#[derive(serde::Serialize)]
struct ModuleView<'a> {
    path: &'a str,
    class: &'static str,
    depth: usize,
    calls: usize,
    input: Option<Shape>,
    output: Option<Shape>,
    cost: CostView,
    own_saved_bytes: u128,
}

#[derive(serde::Serialize)]
struct CostView {
    params: u64,
    frozen_params: u64,
    flops: u128,
    activations: u64,
    peak_elements: u128,
    kv_cache_elements: u128,
    other_macs: u128,
    flops_by_op: BTreeMap<&'static str, u128>,
    zero_ops: BTreeMap<&'static str, u32>,
    saved: SavedView,
    saved_bytes: u128,
    conventions: BTreeMap<&'static str, u128>,
}

#[derive(serde::Serialize)]
struct SavedView {
    activations: u128,
    stats: u128,
    indices: u128,
    masks: u128,
    bools: u128,
    wide: u128,
}

impl CostView {
    fn of(c: &Cost, precision: Precision) -> CostView {
        let s: Saved = c.saved;
        CostView {
            params: c.params,
            frozen_params: c.frozen,
            flops: c.flops,
            activations: c.activations,
            peak_elements: c.peak_elements,
            kv_cache_elements: c.cached,
            other_macs: c.other_macs,
            flops_by_op: OpKind::ALL
                .iter()
                .filter(|k| c.flops_of(**k) != 0)
                .map(|k| (k.name(), c.flops_of(*k)))
                .collect(),
            zero_ops: ZeroOp::ALL
                .iter()
                .filter(|z| c.zero_count(**z) != 0)
                .map(|z| (z.name(), c.zero_count(*z)))
                .collect(),
            saved: SavedView {
                activations: s.activations,
                stats: s.stats,
                indices: s.indices,
                masks: s.masks,
                bools: s.bools,
                wide: s.wide,
            },
            saved_bytes: precision.saved_bytes(&s),
            conventions: [
                ("fvcore", Convention::Fvcore.flops(c)),
                ("torch_flop_counter", Convention::TorchFlopCounter.flops(c)),
                ("ptflops", Convention::Ptflops.flops(c)),
                ("calflops_flops", Convention::CalflopsFlops.flops(c)),
                ("calflops_macs", Convention::CalflopsMacs.flops(c)),
                ("thop", Convention::Thop.flops(c)),
                ("torchinfo", Convention::Torchinfo.flops(c)),
            ]
            .into_iter()
            .collect(),
        }
    }
}

/// The schema above.
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let precision = self.totals().precision;
        let paths: Vec<String> = self.paths();
        let modules = self
            .modules()
            .map(|m| ModuleView {
                path: &paths[m.index()],
                class: m.class(),
                depth: m.depth(),
                calls: m.calls(),
                input: m.input(),
                output: m.output(),
                cost: CostView::of(m.cost(), precision),
                own_saved_bytes: precision.saved_bytes(&m.own_saved()),
            })
            .collect();
        ReportView {
            schema: "complexity-report/1",
            model: self.model().class(),
            mode: match self.mode() {
                Mode::Train => "train",
                Mode::Eval => "eval",
            },
            precision: match precision {
                Precision::Uniform => "uniform",
                Precision::Autocast(Device::Cpu) => "autocast_cpu",
                Precision::Autocast(Device::Cuda) => "autocast_cuda",
            },
            convention: Convention::Mmengine.name(),
            unit: Convention::Mmengine.unit().name(),
            input: self.totals().input,
            output: self.totals().output,
            totals: CostView::of(&self.totals().cost, precision),
            modules,
        }
        .serialize(serializer)
    }
}
