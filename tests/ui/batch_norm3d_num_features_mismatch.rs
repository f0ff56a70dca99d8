use complexity_core::Complexity;

// A 3-d batch norm declared for 32 channels after a 16-channel convolution.
#[derive(Complexity)]
#[complexity(input = (3, 8, 16, 16))]
struct Net {
    #[complexity(conv3d(out = 16, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(batch_norm3d(num_features = 32))]
    bn: (),
}

fn main() {}
