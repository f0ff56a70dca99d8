use complexity_core::Complexity;

// A budget written in scientific notation, a float.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32), max_flops = 1e6)]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
