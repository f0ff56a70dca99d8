use complexity_core::Complexity;

// `when` reading a field of the struct, which is not a constant.
#[derive(Complexity)]
struct Block {
    #[complexity(conv2d(out = 64, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(when = self.use_downsample, conv2d(out = 64, kernel = 1))]
    downsample: (),
    #[complexity(skip)]
    use_downsample: bool,
}

fn main() {}
