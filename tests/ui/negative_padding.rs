use complexity_core::Complexity;

// A negative literal in a size.
#[derive(Complexity)]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 3, padding = -1))]
    conv: (),
}

fn main() {}
