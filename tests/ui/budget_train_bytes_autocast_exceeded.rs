use complexity_core::memory::{Device, Optimizer, Training};
use complexity_core::{Complexity, DType};

// Adam under CPU autocast in bf16: 448 float32 parameters × (4 + 4 + 2·4) bytes = 7,168;
// the convolution keeps bf16 copies of its input (3·32·32) and its weight (16·3·3·3),
// (3,072 + 432) × 2 = 7,008 bytes: 14,176 in all, over a 10,000 budget (in float32 the
// input alone is 12,288 bytes).
#[derive(Complexity)]
#[complexity(
    input = (3, 32, 32),
    max_train_bytes = (10_000, Training::autocast(DType::BF16, Optimizer::Adam).device(Device::Cpu))
)]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
