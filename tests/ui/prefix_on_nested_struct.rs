use complexity_core::Complexity;

#[derive(Complexity)]
struct Block {
    #[complexity(linear(out = 8))]
    fc: (),
}

// `prefix` on a field whose type is a struct, not a sequence.
#[derive(Complexity)]
struct Net {
    #[complexity(prefix = "layer_")]
    block: Block,
}

const _: &complexity_core::Module = &<Net as Complexity>::MODULE;

fn main() {}
