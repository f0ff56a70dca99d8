use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(relu)]
    relu: (),
    hidden_size: usize,
}

fn main() {}
