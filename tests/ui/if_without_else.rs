use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = if true { relu(x) })]
struct Net {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
