use complexity_core::Complexity;

// Token 200 of a sequence of 197.
#[derive(Complexity)]
#[complexity(input = (197, 768), forward = ln(x).select(1, 200))]
struct Net {
    #[complexity(layer_norm)]
    ln: (),
}

fn main() {}
