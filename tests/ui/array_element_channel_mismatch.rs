use complexity_core::Complexity;

// A block that doubles its channels, repeated: the second element gets 2·C channels.
#[derive(Complexity)]
struct Block<const C: usize> {
    #[complexity(conv2d(in = C, out = 2 * C, kernel = 3, padding = 1))]
    conv: (),
}

#[derive(Complexity)]
#[complexity(input = (16, 8, 8))]
struct Net {
    blocks: [Block<16>; 3],
}

fn main() {}
