use complexity_core::Complexity;

// The field form `sequential(...)` written on the struct.
#[derive(Complexity)]
#[complexity(sequential(conv, relu))]
struct Layers {
    #[complexity(conv2d(out = 8, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(relu)]
    relu: (),
}

fn main() {}
