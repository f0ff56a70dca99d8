use complexity_core::Complexity;

// A layer field added as if it were a tensor.
#[derive(Complexity)]
#[complexity(forward = fc(x) + bias)]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
    #[complexity(identity)]
    bias: (),
}

fn main() {}
