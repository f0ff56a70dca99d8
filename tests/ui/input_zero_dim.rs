use complexity_core::Complexity;

// An input with an empty dimension.
#[derive(Complexity)]
#[complexity(input = (0,))]
struct Net {
    #[complexity(linear(out = 10))]
    fc: (),
}

fn main() {}
