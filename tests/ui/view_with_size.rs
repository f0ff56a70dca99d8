use complexity_core::Complexity;

// PyTorch's `x.view(x.size(0), -1)` idiom before a classifier.
#[derive(Complexity)]
#[complexity(input = (8, 4, 4), forward = { let y = conv(x); fc(y.view(y.size(0), -1)) })]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 1))]
    conv: (),
    #[complexity(linear(out = 10))]
    fc: (),
}

fn main() {}
