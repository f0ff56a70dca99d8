use complexity_core::Complexity;

// `nn.Softmax(dim=2)` on a rank-2 tensor.
#[derive(Complexity)]
#[complexity(input = (10,))]
struct Net {
    #[complexity(linear(out = 10))]
    fc: (),
    #[complexity(softmax(dim = 2))]
    probs: (),
}

fn main() {}
