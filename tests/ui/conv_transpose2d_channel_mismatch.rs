use complexity_core::Complexity;

// A decoder whose upsampling layer declares the encoder's width, not the bottleneck's.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32))]
struct Net {
    #[complexity(conv2d(out = 128, kernel = 3, stride = 2, padding = 1))]
    down: (),
    #[complexity(conv_transpose2d(in = 64, out = 3, kernel = 2, stride = 2))]
    up: (),
}

fn main() {}
