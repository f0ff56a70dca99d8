use complexity_core::Complexity;

// The class token of a [batch, tokens, hidden] tensor, taken from dimension 3.
#[derive(Complexity)]
#[complexity(input = (197, 768), forward = ln(x).select(3, 0))]
struct Net {
    #[complexity(layer_norm)]
    ln: (),
}

fn main() {}
