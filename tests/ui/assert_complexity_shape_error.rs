use complexity_core::Complexity;

#[derive(Complexity)]
struct Block<const IN: usize, const C: usize> {
    #[complexity(conv2d(in = IN, out = C, kernel = 3, padding = 1))]
    conv: (),
}

// Checked at an input with 1 channel instead of the 3 the block declares.
complexity_core::assert_complexity!(Block<3, 16>, input = (1, 32, 32), max_flops = 1_000_000);

fn main() {}
