use complexity_core::Complexity;

// Two sizes left to infer in one view.
#[derive(Complexity)]
#[complexity(input = (64,), forward = fc(x).view(1, -1, -1))]
struct Net {
    #[complexity(linear(out = 64))]
    fc: (),
}

fn main() {}
