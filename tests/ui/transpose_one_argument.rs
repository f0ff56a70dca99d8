use complexity_core::Complexity;

// `x.transpose(1)` with only one of the two dimensions.
#[derive(Complexity)]
#[complexity(forward = fc(x).transpose(1))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
