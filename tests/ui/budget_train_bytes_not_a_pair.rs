use complexity_core::Complexity;

// The limit comes with how the model trains: `(bytes, Training)`.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32), max_train_bytes = 10_000)]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
