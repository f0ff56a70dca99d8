use complexity_core::Complexity;

// A number is not a matrix.
#[derive(Complexity)]
#[complexity(input = (3, 8, 8), forward = matmul(conv(x), 2))]
struct Scaled {
    #[complexity(conv2d(out = 4, kernel = 3))]
    conv: (),
}

fn main() {}
