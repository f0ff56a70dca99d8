use complexity_core::Complexity;

#[derive(Complexity)]
struct Block {
    #[complexity(relu)]
    relu: (),
}

// A 33-element tuple: tuples act as `nn.Sequential` up to 32 elements.
#[derive(Complexity)]
struct Net {
    layers: (Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block, Block),
}

fn main() {}
