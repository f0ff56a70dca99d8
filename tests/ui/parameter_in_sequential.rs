use complexity_core::Complexity;

// A parameter in a sequential struct, which has no forward to use it in.
#[derive(Complexity)]
#[complexity(sequential)]
struct Layers {
    #[complexity(linear(out = 8))]
    fc: (),
    #[complexity(parameter(shape = (8,)))]
    scale: (),
}

fn main() {}
