use complexity_core::Complexity;

// A layer norm over [seq, hidden] applied to a rank-2 tensor [batch, hidden].
#[derive(Complexity)]
#[complexity(input = (768,))]
struct Net {
    #[complexity(layer_norm(normalized_shape = (128, 768, 1)))]
    ln: (),
}

fn main() {}
