use complexity_core::Complexity;

// `adaptive_avg_pool2d` written bare, as `nn.AdaptiveAvgPool2d` cannot be: the output size is required.
#[derive(Complexity)]
struct Net {
    #[complexity(adaptive_avg_pool2d)]
    pool: (),
}

fn main() {}
