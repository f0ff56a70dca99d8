use complexity_core::Complexity;

// 8 input channels in 4 groups is fine, but 6 output channels are not.
#[derive(Complexity)]
#[complexity(input = (8, 8, 8))]
struct Net {
    #[complexity(conv2d(out = 6, kernel = 3, groups = 4))]
    conv: (),
}

fn main() {}
