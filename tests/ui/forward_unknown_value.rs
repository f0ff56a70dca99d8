use complexity_core::Complexity;

// `xs` for the input `x`.
#[derive(Complexity)]
#[complexity(forward = fc(xs))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
