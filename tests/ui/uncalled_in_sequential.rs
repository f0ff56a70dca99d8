use complexity_core::Complexity;

// `uncalled` in a sequential struct, where every field runs.
#[derive(Complexity)]
#[complexity(sequential)]
struct Layers {
    #[complexity(linear(out = 8))]
    fc: (),
    #[complexity(dropout, uncalled)]
    drop: (),
}

fn main() {}
