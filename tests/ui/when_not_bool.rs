use complexity_core::Complexity;

// `when` given a `usize` (a stride) rather than a condition.
#[derive(Complexity)]
struct Block<const STRIDE: usize> {
    #[complexity(conv2d(out = 64, kernel = 3, stride = STRIDE, padding = 1))]
    conv: (),
    #[complexity(when = STRIDE, conv2d(out = 64, kernel = 1, stride = STRIDE))]
    downsample: (),
}

fn main() {}
