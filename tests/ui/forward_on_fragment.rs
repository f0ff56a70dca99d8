use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(fragment, forward = relu(x))]
struct Net {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
