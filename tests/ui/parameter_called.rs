use complexity_core::Complexity;

// A parameter called like a layer.
#[derive(Complexity)]
#[complexity(forward = fc(x) * scale(x))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
    #[complexity(parameter(shape = (8,)))]
    scale: (),
}

fn main() {}
