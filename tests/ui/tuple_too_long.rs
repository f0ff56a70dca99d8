use complexity_core::Complexity;

#[derive(Complexity)]
struct Block {
    #[complexity(relu)]
    relu: (),
}

// A 17-element tuple: tuples act as `nn.Sequential` up to 16 elements.
#[derive(Complexity)]
struct Net {
    layers: (Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block),
}

fn main() {}
