use complexity_core::Complexity;

// An error inside a sequential struct, which names its children by position.
#[derive(Complexity)]
#[complexity(sequential, input = (3, 32, 32))]
struct Features {
    #[complexity(conv2d(out = 64, kernel = 3, padding = 1))]
    conv1: (),
    #[complexity(batch_norm2d(num_features = 32))]
    bn1: (),
}

fn main() {}
