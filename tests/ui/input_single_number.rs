use complexity_core::Complexity;

// `input = 224`: a number, not a shape.
#[derive(Complexity)]
#[complexity(input = 224)]
struct Net {
    #[complexity(linear(out = 4))]
    fc: (),
}

fn main() {}
