use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (8, 16, 16), forward = cat([a(x), b(x)], 1))]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 3, padding = 1))]
    a: (),
    #[complexity(conv2d(out = 8, kernel = 3, stride = 2, padding = 1))]
    b: (),
}

fn main() {}
