use complexity_core::Complexity;

// A `let` without an initialiser.
#[derive(Complexity)]
#[complexity(forward = { let y; fc(x) })]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
