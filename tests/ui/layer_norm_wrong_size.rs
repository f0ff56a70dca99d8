use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (10, 32))]
struct Net {
    #[complexity(layer_norm(normalized_shape = 64))]
    ln: (),
}

fn main() {}
