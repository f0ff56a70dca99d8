use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = conv2(relu(conv1(y))))]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 3))]
    conv1: (),
    #[complexity(relu)]
    relu: (),
}

fn main() {}
