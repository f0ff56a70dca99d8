use complexity_core::memory::Inference;
use complexity_core::{Complexity, DType};

// Float32: 448 parameters × 4 = 1,792 bytes of weights; an arena of the input and the
// output, (3 + 16)·32·32 × 4 = 77,824 bytes: 79,616 in all, over a 50,000 budget.
#[derive(Complexity)]
#[complexity(
    input = (3, 32, 32),
    max_inference_bytes = (50_000, Inference::new(DType::F32, DType::F32))
)]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
