use complexity_core::Complexity;

// An MLP whose last layer declares the wrong hidden width.
#[derive(Complexity)]
#[complexity(input = (128,))]
struct Net {
    #[complexity(sequential(linear(out = 64), relu, linear(in = 32, out = 10)))]
    mlp: (),
}

fn main() {}
