use complexity_core::Complexity;

const STRIDE: usize = 0;

// A zero that only the analysis can see is reported with the field's path.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32))]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 3, stride = STRIDE))]
    conv: (),
}

fn main() {}
