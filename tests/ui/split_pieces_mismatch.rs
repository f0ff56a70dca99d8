use complexity_core::Complexity;

// 12 channels split by 4 give three pieces; the pattern names two.
#[derive(Complexity)]
#[complexity(input = (12, 4, 4), forward = { let (a, b) = x.split(4, 1); conv(a) + b })]
struct Net {
    #[complexity(conv2d(out = 4, kernel = 1))]
    conv: (),
}

fn main() {}
