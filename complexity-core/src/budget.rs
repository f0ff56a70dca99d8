//! Budgets: limits on a model's parameters, FLOPs, activations and activation peak that
//! fail the build when exceeded.

use crate::analysis::Totals;
use crate::error::{Error, ErrorKind};
use crate::memory::{Inference, Training};
use crate::mode::Mode;

/// Limits on a model's figures, checked by the compiler with
/// `#[complexity(input = …, max_flops = …)]` or [`assert_complexity!`](crate::assert_complexity).
///
/// ```
/// use complexity_core::{Budget, Mode, Shape, Totals};
/// use complexity_core::cost::Cost;
///
/// let mut cost = Cost::ZERO;
/// cost.flops = 1_826_516_992;
/// let totals = Totals { input: Shape::new(&[1]), output: Shape::new(&[1]), cost, precision: Default::default() };
/// let e = Budget::new().max_flops(1_500_000_000).check(&totals).unwrap_err();
/// assert_eq!(e.to_string(), "FLOPs 1.827G (1826516992) exceed the budget 1.5G (1500000000)");
/// assert!(Budget::new().max_flops(2_000_000_000).check(&totals).is_ok());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Budget {
    params: Option<u64>,
    flops: Option<u128>,
    activations: Option<u64>,
    peak_elements: Option<u128>,
    train_bytes: Option<(u128, Training)>,
    inference_bytes: Option<(u128, Inference)>,
    mode: Mode,
}

impl Budget {
    /// No limits, checked against the training-mode figures (mmengine's default).
    pub const fn new() -> Budget {
        Budget {
            params: None,
            flops: None,
            activations: None,
            peak_elements: None,
            train_bytes: None,
            inference_bytes: None,
            mode: Mode::Train,
        }
    }

    /// At most `n` parameters.
    pub const fn max_params(mut self, n: u64) -> Budget {
        self.params = Some(n);
        self
    }

    /// At most `n` FLOPs (multiply-adds).
    pub const fn max_flops(mut self, n: u128) -> Budget {
        self.flops = Some(n);
        self
    }

    /// At most `n` activations.
    pub const fn max_activations(mut self, n: u64) -> Budget {
        self.activations = Some(n);
        self
    }

    /// At most `n` activation elements alive at once (the scratch arena).
    pub const fn max_peak_elements(mut self, n: u128) -> Budget {
        self.peak_elements = Some(n);
        self
    }

    /// At most `limit.0` bytes to train as `limit.1` says
    /// ([`TrainingMemory::total`](crate::memory::TrainingMemory::total)), checked on the
    /// training-mode figures whatever [`Budget::mode`] says:
    /// `max_train_bytes((80_000_000_000, Training::mixed(DType::BF16, Optimizer::AdamW)))`.
    pub const fn max_train_bytes(mut self, limit: (u128, Training)) -> Budget {
        self.train_bytes = Some(limit);
        self
    }

    /// At most `limit.0` bytes to serve as `limit.1` says
    /// ([`InferenceMemory::total`](crate::memory::InferenceMemory::total): weights, KV
    /// cache, activation arena), checked on the evaluation-mode figures whatever
    /// [`Budget::mode`] says: `max_inference_bytes((24_000_000_000,
    /// Inference::new(DType::BF16, DType::BF16)))`.
    pub const fn max_inference_bytes(mut self, limit: (u128, Inference)) -> Budget {
        self.inference_bytes = Some(limit);
        self
    }

    /// Whether it limits memory (checked by [`Budget::check_memory`]).
    pub const fn limits_memory(&self) -> bool {
        self.train_bytes.is_some() || self.inference_bytes.is_some()
    }

    /// Checks the figures of `mode` (training by default).
    pub const fn mode(mut self, mode: Mode) -> Budget {
        self.mode = mode;
        self
    }

    /// How the training of `max_train_bytes` stores its activations
    /// ([`Training::precision`]; [`Precision::Uniform`](crate::memory::Precision::Uniform)
    /// without that limit): the precision its training-mode totals must be analysed in.
    pub const fn training_precision(&self) -> crate::memory::Precision {
        match self.train_bytes {
            Some((_, training)) => training.precision(),
            None => crate::memory::Precision::Uniform,
        }
    }

    /// The mode whose figures are checked.
    pub const fn checked_mode(&self) -> Mode {
        self.mode
    }

    /// `Ok` if the memory of the model analysed in `train` (training mode) and `eval`
    /// (evaluation mode) is within the memory limits, else the first exceeded, with both
    /// numbers (an overflow is an error). O(1).
    pub const fn check_memory(&self, train: &Totals, eval: &Totals) -> Result<(), Error> {
        if let Some((b, training)) = self.train_bytes {
            let total = match training.memory(train) {
                Ok(m) => m.total(),
                Err(e) => return Err(e),
            };
            if total > b {
                return Err(over("training bytes", total, b));
            }
        }
        if let Some((b, inference)) = self.inference_bytes {
            let total = inference.memory(eval).total();
            if total > b {
                return Err(over("inference bytes", total, b));
            }
        }
        Ok(())
    }

    /// `Ok` if `totals` is within every limit but the memory limits (see
    /// [`Budget::check_memory`]), else the first exceeded, with both numbers.
    pub const fn check(&self, totals: &Totals) -> Result<(), Error> {
        if let Some(b) = self.params
            && totals.cost.params > b
        {
            return Err(over("parameters", totals.cost.params as u128, b as u128));
        }
        if let Some(b) = self.flops
            && totals.cost.flops > b
        {
            return Err(over("FLOPs", totals.cost.flops, b));
        }
        if let Some(b) = self.activations
            && totals.cost.activations > b
        {
            return Err(over(
                "activations",
                totals.cost.activations as u128,
                b as u128,
            ));
        }
        if let Some(b) = self.peak_elements
            && totals.cost.peak_elements > b
        {
            return Err(over(
                "peak activation elements",
                totals.cost.peak_elements,
                b,
            ));
        }
        Ok(())
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::new()
    }
}

const fn over(what: &'static str, actual: u128, budget: u128) -> Error {
    Error::new(ErrorKind::Budget {
        what,
        actual,
        budget,
    })
}

/// Fails compilation unless the model `$model` (a type implementing
/// [`Complexity`](crate::Complexity), generic ones at concrete parameters) analyses at the
/// given input within the given limits.
///
/// `input = [1, 3, 224, 224]` is the full shape; `input = (3, 224, 224)` is mmengine's
/// `input_shape`, with a batch of 1 prepended. The limits are [`Budget`]'s methods:
/// `max_params`, `max_flops`, `max_activations`, `max_peak_elements`, and `mode` to check
/// eval-mode figures.
///
/// ```
/// use complexity_core::{assert_complexity, Complexity};
///
/// #[derive(Complexity)]
/// struct Block<const C: usize> {
///     #[complexity(conv2d(out = C, kernel = 3, padding = 1))]
///     conv: (),
/// }
///
/// // 16·3·3·3·32·32 = 442,368 FLOPs.
/// assert_complexity!(Block<16>, input = (3, 32, 32), max_flops = 500_000, max_params = 1_000);
/// ```
///
/// Over budget, `cargo check` fails with both numbers:
///
/// ```compile_fail
/// # use complexity_core::{assert_complexity, Complexity};
/// # #[derive(Complexity)]
/// # struct Block<const C: usize> {
/// #     #[complexity(conv2d(out = C, kernel = 3, padding = 1))]
/// #     conv: (),
/// # }
/// assert_complexity!(Block<16>, input = (3, 32, 32), max_flops = 400_000);
/// // error: FLOPs 0.442M (442368) exceed the budget 0.4M (400000)
/// ```
#[macro_export]
macro_rules! assert_complexity {
    ($model:ty, input = [$($dim:expr),+ $(,)?] $(, $limit:ident = $value:expr)* $(,)?) => {
        const _: () = $crate::__private::enforce(
            &<$model as $crate::Complexity>::MODULE,
            $crate::__private::shape(&[$($dim),+]),
            $crate::Budget::new() $(.$limit($value))*,
        );
    };
    ($model:ty, input = ($($dim:expr),+ $(,)?) $(, $limit:ident = $value:expr)* $(,)?) => {
        const _: () = $crate::__private::enforce(
            &<$model as $crate::Complexity>::MODULE,
            $crate::Shape::batch_of_one(&[$($crate::__private::count($dim)),+]),
            $crate::Budget::new() $(.$limit($value))*,
        );
    };
}

/// The totals of a model type at an input, computed by the compiler: a
/// [`Totals`](crate::Totals) constant for any type that implements
/// [`Complexity`](crate::Complexity), generic ones at concrete parameters included (where
/// `#[complexity(input = …)]` cannot go). `input = [1, 128]` is the full shape, `input =
/// (3, 224, 224)` mmengine's `input_shape` (a batch of 1 prepended); `mode = Eval` for
/// eval-mode figures (default: training, mmengine's). A shape mistake fails `cargo check`
/// with the module path and the numbers.
///
/// ```
/// use complexity_core::{Complexity, Totals, totals};
///
/// #[derive(Complexity)]
/// struct Mlp<const H: usize> {
///     #[complexity(linear(out = 4 * H))]
///     up: (),
///     #[complexity(linear(out = H))]
///     down: (),
/// }
///
/// // (64·256 + 256) + (256·64 + 64) parameters; 2 · 128·64·256 FLOPs.
/// const MLP: Totals = totals!(Mlp<64>, input = [1, 128, 64]);
/// assert_eq!(MLP.params(), 33_088);
/// assert_eq!(MLP.flops(), 4_194_304);
/// ```
#[macro_export]
macro_rules! totals {
    ($model:ty, input = [$($dim:expr),+ $(,)?] $(, mode = $mode:ident)? $(,)?) => {
        $crate::__private::analyze_or_fail(
            &<$model as $crate::Complexity>::MODULE,
            $crate::__private::shape(&[$($dim),+]),
            $crate::__private::mode!($($mode)?),
        )
    };
    ($model:ty, input = ($($dim:expr),+ $(,)?) $(, mode = $mode:ident)? $(,)?) => {
        $crate::__private::analyze_or_fail(
            &<$model as $crate::Complexity>::MODULE,
            $crate::Shape::batch_of_one(&[$($crate::__private::count($dim)),+]),
            $crate::__private::mode!($($mode)?),
        )
    };
}

/// `Mode::Train` by default, else the mode named (`Eval`, `Train`).
#[doc(hidden)]
#[macro_export]
macro_rules! __complexity_mode {
    () => {
        $crate::Mode::Train
    };
    ($mode:ident) => {
        $crate::Mode::$mode
    };
}
