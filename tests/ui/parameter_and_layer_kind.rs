use complexity_core::Complexity;

// One field declared both as a parameter and a layer.
#[derive(Complexity)]
#[complexity(forward = fc(x))]
struct Net {
    #[complexity(parameter(shape = (8, 8)), linear(out = 8))]
    fc: (),
}

fn main() {}
