use complexity_core::Complexity;

#[derive(Complexity)]
struct Block<const IN: usize, const OUT: usize> {
    #[complexity(conv2d(in = IN, out = OUT, kernel = 3, padding = 1))]
    conv1: (),
}

// The second block declares 32 input channels but receives 64.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32))]
struct Net {
    layer1: (Block<3, 64>, Block<32, 64>),
}

fn main() {}
