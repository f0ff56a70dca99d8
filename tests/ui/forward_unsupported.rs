use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = relu(x) % 2)]
struct Net {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
