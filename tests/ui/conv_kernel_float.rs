use complexity_core::Complexity;

// A size written as a float.
#[derive(Complexity)]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3.0))]
    conv: (),
}

fn main() {}
