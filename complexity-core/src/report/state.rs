//! The model's `state_dict`: every parameter and persistent buffer under its PyTorch
//! name, what a checkpoint holds.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::Report;
use crate::module::Body;
use crate::shape::Shape;

/// One tensor of a model's `state_dict` ([`Report::state_dict`]).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct StateTensor {
    /// Its dotted name (`layer1.0.bn1.running_mean`).
    pub name: String,
    /// Its shape.
    pub shape: Shape,
    /// A buffer, not a parameter.
    pub buffer: bool,
    /// Stored as `int64` (`num_batches_tracked`); else in the parameters' float type.
    pub integer: bool,
    /// For a tied module's tensor (`tied = "shared"`): the name of the tensor it is
    /// (`shared.weight`), which a checkpoint may hold instead.
    pub tied: Option<String>,
}

impl Report {
    /// The `state_dict` PyTorch would give for the model: each module's own parameters,
    /// then its persistent buffers (batch norm's running statistics, `buffer` fields not
    /// marked `persistent = false`), modules in `named_modules()` order. Tied tensors are
    /// listed under every name, as `state_dict()` lists them. O(modules).
    pub fn state_dict(&self) -> Vec<StateTensor> {
        let paths = self.paths();
        let mut out = Vec::new();
        for m in self.modules() {
            let path = &paths[m.index()];
            let name = |tensor: &str| {
                if path.is_empty() {
                    String::from(tensor)
                } else {
                    format!("{path}.{tensor}")
                }
            };
            let params: Vec<(&'static str, Shape)> = match (m.tied(), m.node().module.body) {
                (Some(_), Body::Layer(_)) => m.all_layer_parameters(),
                _ => m.parameters(),
            };
            for (tensor, shape) in params {
                // A tied layer shares its `weight`; its bias is its own.
                let tied = match m.tied() {
                    Some(t)
                        if tensor == "weight"
                            || !matches!(m.node().module.body, Body::Layer(_)) =>
                    {
                        Some(format!("{t}.{tensor}"))
                    }
                    _ => None,
                };
                out.push(StateTensor {
                    name: name(tensor),
                    shape,
                    buffer: false,
                    integer: false,
                    tied,
                });
            }
            for (tensor, shape, integer, persistent) in m.own_buffers() {
                if persistent {
                    out.push(StateTensor {
                        name: name(tensor),
                        shape,
                        buffer: true,
                        integer,
                        tied: None,
                    });
                }
            }
        }
        out
    }
}
