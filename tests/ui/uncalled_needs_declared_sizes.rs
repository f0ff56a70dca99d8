use complexity_core::Complexity;

// A layer forward never calls cannot infer its input features from an input.
#[derive(Complexity)]
#[complexity(input = (4,), forward = fc(x))]
struct Net {
    #[complexity(linear(in = 4, out = 4))]
    fc: (),
    #[complexity(linear(out = 4), uncalled)]
    head: (),
}

fn main() {}
