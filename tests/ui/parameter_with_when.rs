use complexity_core::Complexity;

// `when` on a parameter.
#[derive(Complexity)]
#[complexity(forward = fc(x) + bias)]
struct Net<const BIAS: bool> {
    #[complexity(linear(out = 8, bias = false))]
    fc: (),
    #[complexity(parameter(shape = (8,)), when = BIAS)]
    bias: (),
}

fn main() {}
