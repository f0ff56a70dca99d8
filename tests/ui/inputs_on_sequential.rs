use complexity_core::Complexity;

// `inputs` on a sequential struct.
#[derive(Complexity)]
#[complexity(sequential, inputs = (a, b))]
struct Layers {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
