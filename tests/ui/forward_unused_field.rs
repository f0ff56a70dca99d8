use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = relu(conv1(x)))]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 3))]
    conv1: (),
    #[complexity(relu)]
    relu: (),
    #[complexity(batch_norm2d)]
    bn: (),
}

fn main() {}
