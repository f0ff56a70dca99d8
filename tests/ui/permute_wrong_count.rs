use complexity_core::Complexity;

// NCHW → NHWC written with three dimensions for a rank-4 tensor.
#[derive(Complexity)]
#[complexity(input = (3, 8, 8), forward = conv(x).permute(0, 2, 3))]
struct Net {
    #[complexity(conv2d(out = 4, kernel = 1))]
    conv: (),
}

fn main() {}
