use complexity_core::Complexity;

// A child called with more inputs than a module may take.
#[derive(Complexity)]
#[complexity(forward = fc(x, x, x, x, x))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
