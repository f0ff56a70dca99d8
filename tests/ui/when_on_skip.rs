use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(relu)]
    relu: (),
    #[complexity(skip, when = true)]
    name: &'static str,
}

fn main() {}
