use complexity_core::Complexity;

// `conv3d` written as a bare flag, like `relu`: both required arguments are missing.
#[derive(Complexity)]
struct Net {
    #[complexity(conv3d)]
    conv: (),
}

fn main() {}
