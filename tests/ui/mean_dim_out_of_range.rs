use complexity_core::Complexity;

// Global average pooling over dimensions (2, 3) of a rank-3 tensor.
#[derive(Complexity)]
#[complexity(input = (64, 49), forward = fc(x).mean((2, 3)))]
struct Net {
    #[complexity(linear(out = 49))]
    fc: (),
}

fn main() {}
