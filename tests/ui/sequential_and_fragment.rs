use complexity_core::Complexity;

// Both `sequential` and `fragment` on one struct.
#[derive(Complexity)]
#[complexity(sequential, fragment)]
struct Layers {
    #[complexity(conv2d(out = 8, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(relu)]
    relu: (),
}

fn main() {}
