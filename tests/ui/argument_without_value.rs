use complexity_core::Complexity;

// `kernel` written as a flag, without its value.
#[derive(Complexity)]
struct Net {
    #[complexity(conv2d(out = 8, kernel))]
    conv: (),
}

fn main() {}
