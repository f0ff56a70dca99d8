use complexity_core::memory::{Optimizer, Training};
use complexity_core::Complexity;

// Adam in float32: 448 parameters × (4 + 4 + 2·4) bytes = 7,168; the convolution keeps
// its input, 3·32·32 × 4 = 12,288 bytes: 19,456 in all, over a 10,000 budget.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32), max_train_bytes = (10_000, Training::new(Optimizer::Adam)))]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
