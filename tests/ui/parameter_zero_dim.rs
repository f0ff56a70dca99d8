use complexity_core::Complexity;

// A parameter with an empty dimension (a typo for 10), which broadcasts against size 1.
#[derive(Complexity)]
#[complexity(input = (1, 768), forward = x + pos)]
struct Net {
    #[complexity(parameter(shape = (1, 0, 768)))]
    pos: (),
}

fn main() {}
