use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (8, 16, 16), forward = a(x) * b(x))]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 3, padding = 1))]
    a: (),
    #[complexity(conv2d(out = 8, kernel = 3))]
    b: (),
}

fn main() {}
