use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (16,))]
struct Net {
    #[complexity(batch_norm2d)]
    bn: (),
}

fn main() {}
