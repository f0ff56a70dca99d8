use complexity_core::Complexity;

// Both mistakes are reported together, and the unknown argument gets a suggestion.
#[derive(Complexity)]
struct Net {
    #[complexity(conv2d(out = 8, kernal = 3))]
    conv: (),
    #[complexity(max_pool2d(kernel = 2, strides = 2))]
    pool: (),
}

fn main() {}
