use complexity_core::Complexity;

// Python's `self.self_attn(x, x, x)[0]` picks the first value of the tuple the module
// returns; written as is, it would pick the first row of the tensor.
#[derive(Complexity)]
#[complexity(forward = fc(x)[0])]
struct Net {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
}

fn main() {}
