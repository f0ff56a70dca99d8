use complexity_core::Complexity;

// `torch.flatten(x, 2)` on a rank-2 tensor.
#[derive(Complexity)]
#[complexity(input = (64,), forward = fc(x).flatten(2))]
struct Net {
    #[complexity(linear(out = 10))]
    fc: (),
}

fn main() {}
