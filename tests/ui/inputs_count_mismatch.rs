use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(inputs = (a, b), forward = relu(a + b))]
struct Sum {
    #[complexity(relu)]
    relu: (),
}

// `Sum` takes two inputs but is called with one.
#[derive(Complexity)]
#[complexity(input = (4,), forward = sum(x))]
struct Net {
    sum: Sum,
}

fn main() {}
