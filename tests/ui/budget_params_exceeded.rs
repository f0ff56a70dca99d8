use complexity_core::Complexity;

// 784·128 + 128 + 128·10 + 10 = 101,770 parameters, over a 100,000 budget.
#[derive(Complexity)]
#[complexity(input = (784,), max_params = 100_000)]
struct Mlp {
    #[complexity(linear(out = 128))]
    fc1: (),
    #[complexity(relu)]
    relu: (),
    #[complexity(linear(out = 10))]
    fc2: (),
}

fn main() {}
