//! Constants a program can size buffers with, the activation peak, and budgets, against
//! figures derived by hand next to each assertion.

#[allow(dead_code)]
#[path = "../examples/embedded_buffers.rs"]
mod embedded;

use complexity_core::report::Report;
use complexity_core::{Budget, Complexity, DType, Mode, Model, Shape, assert_complexity};
use embedded::LeNet5;

#[test]
fn lenet5_constants_by_hand() {
    // conv1 6·1·25 + 6 = 156, conv2 16·6·25 + 16 = 2,416, fc1 400·120 + 120 = 48,120,
    // fc2 120·84 + 84 = 10,164, fc3 84·10 + 10 = 850.
    assert_eq!(LeNet5::PARAMS, 156 + 2_416 + 48_120 + 10_164 + 850);
    // conv1 6·25·28·28 = 117,600, conv2 16·6·25·10·10 = 240,000, fc 48,000 + 10,080 + 840.
    assert_eq!(
        LeNet5::FLOPS_EVAL,
        117_600 + 240_000 + 48_000 + 10_080 + 840
    );
    // The largest input + output: pool1, 6·28·28 = 4,704 in and 6·14·14 = 1,176 out (the
    // in-place ReLUs hold one buffer; conv1 holds 1,024 + 4,704 = 5,728).
    assert_eq!(LeNet5::PEAK_ACTIVATIONS, 4_704 + 1_176);
    assert_eq!(LeNet5::param_bytes(DType::F32), 4 * 61_706);
    assert_eq!(LeNet5::param_bytes(DType::I8), 61_706);
    assert_eq!(LeNet5::peak_activation_bytes(DType::F16), 2 * 5_880);
    // The example's buffers have those lengths.
    assert_eq!(embedded::WEIGHTS.len(), 61_706);
    assert_eq!(embedded::ARENA.len(), 5_880);
    assert_eq!(embedded::LOGITS.len(), 10);
}

#[derive(Complexity)]
#[complexity(forward = conv2(conv1(x)) + x)]
struct Residual {
    #[complexity(conv2d(out = 4, kernel = 3, padding = 1))]
    conv1: (),
    #[complexity(conv2d(out = 4, kernel = 3, padding = 1))]
    conv2: (),
}

#[test]
fn residual_branches_are_held_alive() {
    // On [1, 4, 8, 8] every tensor has 256 elements. While conv2 runs, x is held for the
    // `+`: 256 (x) + 256 (conv2's input) + 256 (its output) = 768; the `+` itself reads two
    // and writes one, 768 too.
    let r = Report::of::<Residual>(Shape::new(&[1, 4, 8, 8]), Mode::Eval).unwrap();
    assert_eq!(r.totals().peak_elements(), 768);
    assert_eq!(r.module("conv1").unwrap().cost().peak_elements, 512);
}

#[derive(Complexity)]
struct Block<const C: usize> {
    #[complexity(conv2d(out = C, kernel = 3, padding = 1))]
    conv: (),
}

// Generic models are checked at concrete parameters: 16·3·3·3·32·32 = 442,368 FLOPs;
// 16·27 + 16 = 448 params; 16·32·32 = 16,384 activations.
assert_complexity!(
    Block<16>,
    input = (3, 32, 32),
    max_flops = 442_368,
    max_params = 448,
    max_activations = 16_384
);
assert_complexity!(
    Block<8>,
    input = [2, 3, 32, 32],
    max_flops = 2 * 221_184,
    mode = Mode::Eval
);

#[test]
fn budgets_report_both_numbers() {
    let t = <LeNet5 as Model>::EVAL;
    assert_eq!(
        Budget::new()
            .max_params(61_706)
            .max_flops(416_520)
            .check(&t),
        Ok(())
    );
    let e = Budget::new().max_params(60_000).check(&t).unwrap_err();
    assert_eq!(
        e.to_string(),
        "parameters 61.706K (61706) exceed the budget 60K (60000)"
    );
    let e = Budget::new()
        .max_peak_elements(4_096)
        .check(&t)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "peak activation elements 5.88K (5880) exceed the budget 4.096K (4096)"
    );
    let e = Budget::new().max_activations(1_000).check(&t).unwrap_err();
    // Activations: 4,704 + 1,600 + 120 + 84 + 10 = 6,518.
    assert_eq!(
        e.to_string(),
        "activations 6.518K (6518) exceed the budget 1K (1000)"
    );
}

/// Memory budgets: under them, the model compiles (over them, `cargo check` fails with
/// both numbers: `tests/ui/budget_train_bytes_exceeded.rs`).
mod memory_budgets {
    use complexity_core::memory::{Inference, Optimizer, Training};
    use complexity_core::{Complexity, DType};

    // 19,456 bytes to train with Adam in float32; 79,616 to serve in float32 (see the
    // compile-fail cases for the derivations).
    #[derive(Complexity)]
    #[complexity(
        input = (3, 32, 32),
        max_train_bytes = (19_456, Training::new(Optimizer::Adam)),
        max_inference_bytes = (79_616, Inference::new(DType::F32, DType::F32))
    )]
    pub struct Net {
        #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
        conv: (),
    }

    #[test]
    fn at_the_limit_compiles() {
        assert_eq!(Net::train_bytes(1, Training::new(Optimizer::Adam)), 19_456);
        assert_eq!(
            Net::inference_bytes(1, Inference::new(DType::F32, DType::F32)),
            79_616
        );
    }
}
