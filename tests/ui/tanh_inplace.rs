use complexity_core::Complexity;

// `inplace` on an activation that takes no arguments at all.
#[derive(Complexity)]
struct Net {
    #[complexity(tanh(inplace))]
    act: (),
}

fn main() {}
