use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(inptu = (3, 8, 8))]
struct Net {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
