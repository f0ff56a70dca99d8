use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(inputs = (x, x), forward = fc(x))]
struct Twice {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
}

#[derive(Complexity)]
#[complexity(inputs = (x, fc), forward = fc(x))]
struct Shadow {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
}

fn main() {}
