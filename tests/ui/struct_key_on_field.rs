use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(relu, forward = x)]
    relu: (),
}

fn main() {}
