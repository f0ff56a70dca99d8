use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (64, 56, 56), forward = a(x) + b(x))]
struct Net {
    #[complexity(conv2d(out = 64, kernel = 3, padding = 1))]
    a: (),
    #[complexity(conv2d(out = 128, kernel = 1, stride = 2))]
    b: (),
}

fn main() {}
