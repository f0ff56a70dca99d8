use complexity_core::Complexity;

// A group norm declared for 64 channels after a 32-channel convolution.
#[derive(Complexity)]
#[complexity(input = (3, 16, 16))]
struct Net {
    #[complexity(conv2d(out = 32, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(group_norm(num_groups = 8, num_channels = 64))]
    norm: (),
}

fn main() {}
