use complexity_core::Complexity;

// With the downsample absent (`when` false), calling it passes `x` through unchanged: the sum
// then adds a 128-channel map to a 64-channel one.
#[derive(Complexity)]
#[complexity(forward = conv(x) + downsample(x))]
struct Block<const IN: usize, const OUT: usize> {
    #[complexity(conv2d(out = OUT, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(when = IN == 0, conv2d(out = OUT, kernel = 1))]
    downsample: (),
}

#[derive(Complexity)]
#[complexity(input = (64, 8, 8))]
struct Net {
    block: Block<64, 128>,
}

fn main() {}
