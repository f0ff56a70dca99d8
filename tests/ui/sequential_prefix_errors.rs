use complexity_core::Complexity;

// A shape error inside a numbered `sequential` struct names the child as PyTorch does.
#[derive(Complexity)]
#[complexity(sequential, prefix = "denselayer", start = 1)]
struct Block {
    #[complexity(linear(in = 8, out = 8))]
    a: (),
    #[complexity(linear(in = 9, out = 8))]
    b: (),
}

#[derive(Complexity)]
#[complexity(input = [1, 8])]
struct Net {
    block: Block,
}

// `prefix` and `start` number a `sequential` struct's children only.
#[derive(Complexity)]
#[complexity(prefix = "layer", start = 1)]
struct Named {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
