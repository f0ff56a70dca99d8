//! Training or evaluation mode: the one switch a layer's cost rule may depend on.

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
