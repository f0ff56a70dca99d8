use complexity_core::Complexity;

// `unsqueeze`, which the forward language does not have.
#[derive(Complexity)]
#[complexity(forward = fc(x).unsqueeze(1))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
