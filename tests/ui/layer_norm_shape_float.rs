use complexity_core::Complexity;

// A shape written with a float.
#[derive(Complexity)]
struct Net {
    #[complexity(layer_norm(normalized_shape = (768.0,)))]
    ln: (),
}

fn main() {}
