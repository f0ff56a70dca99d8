use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(sequential, forward = relu(x))]
struct Net {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
