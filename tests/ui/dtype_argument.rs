use complexity_core::Complexity;

// A dtype is `torch.float32`, `torch.bfloat16`, … or a value's `y.dtype`: a Python
// variable holding one is not a value of the forward.
#[derive(Complexity)]
#[complexity(input = [1, 8], forward = {
    let y = fc(x);
    y.to(input_dtype)
})]
struct Net {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
}

fn main() {}
