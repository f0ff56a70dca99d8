use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(splice)]
    blocks: [Block; 2],
}

#[derive(Complexity)]
struct Block {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
