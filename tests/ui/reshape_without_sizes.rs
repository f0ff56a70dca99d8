use complexity_core::Complexity;

// `x.reshape()` without the new sizes.
#[derive(Complexity)]
#[complexity(forward = fc(x).reshape())]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
