use complexity_core::Complexity;

// A reduction naming the last dimension twice (-1 and 3).
#[derive(Complexity)]
#[complexity(input = (8, 4, 4), forward = conv(x).sum((2, 3, -1)))]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 1))]
    conv: (),
}

fn main() {}
