//! Checks a [burn](https://burn.dev) model against its description (feature `burn`): the
//! description sits on the burn struct itself (`#[derive(Module, Debug, Complexity)]`,
//! each field's layer kind in `#[complexity(…)]`), and [`compare`] sets burn's parameters,
//! read through its module visitor, against the description's
//! [`state_dict`](crate::report::Report::state_dict), tensor by tensor.
//!
//! Burn names and lays out some tensors otherwise than PyTorch; they are mapped to
//! PyTorch's before comparing:
//!
//! | burn | PyTorch |
//! |---|---|
//! | `Linear` `weight` `[d_input, d_output]` | `weight` `[out, in]` |
//! | a norm's `gamma`, `beta` (`BatchNorm`, `LayerNorm`, `GroupNorm`, …) | `weight`, `bias` |
//! | `Vec` elements `0`, `1`, … | `ModuleList` / `nn.Sequential` positions |
//! | an `Option` field | no level of its own |
//!
//! What the check covers: every parameter's name and shape, and `num_params()`. Settings
//! that change no parameter (padding, stride, pooling, the order of operations) do not
//! show there: run a forward pass on zeros and compare its output with `OUTPUT`
//! ([`assert_output`]). [`check`] builds the report at the description's `input`;
//! [`assert_matches`] takes one built at any input.
//!
//! Batch norm's running statistics are burn parameters (counted by `num_params()`) and
//! PyTorch buffers; they are compared as tensors, and `num_batches_tracked` (`int64`),
//! which burn does not keep, is left out. Burn's float type is the backend's, so dtypes
//! are not compared. `num_params()` is therefore
//! [`PARAMS`](crate::Complexity) plus the running statistics ([`running_stats`]).

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use ::burn::module::{Module, ModuleVisitor, Param};
use ::burn::tensor::Tensor;

use crate::compare::{Comparison, Stored, compare_tensors};
use crate::report::Report;
use crate::shape::DType;

/// Collects `(PyTorch name, shape)` of every float parameter a burn module visits.
#[derive(Default)]
struct Collector {
    /// The field names from the model down, and the type of the struct each is a field of.
    path: Vec<(String, String)>,
    found: BTreeMap<String, Stored>,
}

impl ModuleVisitor for Collector {
    fn enter_module(&mut self, name: &str, container_type: &str) {
        self.path
            .push((name.to_string(), container_type.to_string()));
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.pop();
    }

    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        let mut shape: Vec<u64> = param.lazy_shape().iter().map(|&d| d as u64).collect();
        let Some((last, owner)) = self.path.last() else {
            return;
        };
        let last = match last.as_str() {
            "gamma" => "weight",
            "beta" => "bias",
            other => other,
        };
        if owner == "Struct:Linear" && last == "weight" && shape.len() == 2 {
            shape.swap(0, 1);
        }
        let mut name: Vec<&str> = self.path[..self.path.len() - 1]
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        name.push(last);
        self.found.insert(
            name.join("."),
            Stored {
                shape,
                dtype: "F32".into(),
            },
        );
    }
}

/// A burn module's float parameters under PyTorch's names and layouts (see the module
/// docs), dtype `F32`. O(parameters).
pub fn tensors<M: Module>(model: &M) -> BTreeMap<String, Stored> {
    let mut c = Collector::default();
    model.visit(&mut c);
    c.found
}

/// Compares a burn model's parameters with its description's `state_dict` (report at
/// any input): names, shapes, tied tensors understood. O(tensors · log).
pub fn compare<M: Module>(model: &M, report: &Report) -> Comparison {
    compare_tensors(report, &tensors(model), DType::F32, false, "burn model")
}

/// The elements of the running statistics burn counts in `num_params()` and PyTorch
/// keeps as buffers (batch norm's `running_mean` and `running_var`), from the
/// description. O(modules).
pub fn running_stats(report: &Report) -> u64 {
    report
        .state_dict()
        .iter()
        .filter(|t| t.name.ends_with(".running_mean") || t.name.ends_with(".running_var"))
        .map(|t| t.shape.dims().iter().product::<u64>())
        .sum()
}

/// Panics, listing every difference, unless the burn model's parameters are its
/// description's (names, shapes) and `num_params()` is the description's parameters plus
/// the running statistics: for a test next to the model.
#[track_caller]
pub fn assert_matches<M: Module>(model: &M, report: &Report) {
    let diff = compare(model, report);
    assert!(diff.is_match(), "{diff}");
    let expected = report.totals().cost.params + running_stats(report);
    assert_eq!(
        model.num_params() as u64,
        expected,
        "burn's num_params() against the description's parameters plus running statistics"
    );
}

/// [`assert_matches`] for a model whose description has an `input` (its [`Model`]
/// constants): the report is built at that input. For a burn user's own tests:
/// `complexity_core::burn::check(&model)`.
///
/// [`Model`]: crate::Model
#[track_caller]
pub fn check<M: Module + crate::Model>(model: &M) {
    let report = Report::of::<M>(M::INPUT, crate::Mode::Eval)
        .unwrap_or_else(|e| panic!("the description does not analyse: {e}"));
    assert_matches(model, &report);
}

/// Panics unless a burn forward pass's output dimensions (`y.dims()`, `usize`s) are the
/// description's output shape (`M::OUTPUT`, whose dimensions are `u64`s).
#[track_caller]
pub fn assert_output(dims: &[usize], expected: crate::Shape) {
    let got: Vec<u64> = dims.iter().map(|&d| d as u64).collect();
    assert_eq!(
        got.as_slice(),
        expected.dims(),
        "the burn model's output against the description's"
    );
}
