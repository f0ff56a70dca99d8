use complexity_core::Complexity;

// A typo in the block's forward: the one error. The model holding the block reports
// nothing more (no "expects … input features" from an analysis of the broken block).
#[derive(Complexity)]
#[complexity(forward = relu(conv(x)).softmx(-1))]
struct Block {
    #[complexity(conv2d(out = 64, kernel = 3))]
    conv: (),
    #[complexity(relu)]
    relu: (),
}

#[derive(Complexity)]
#[complexity(input = (3, 32, 32))]
struct Model {
    block: Block,
    #[complexity(flatten)]
    flatten: (),
    #[complexity(linear(in = 10, out = 10))]
    fc: (),
}

fn main() {}
