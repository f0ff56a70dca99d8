use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = x + token)]
struct Net {
    #[complexity(parameter)]
    token: (),
    #[complexity(relu)]
    relu: (),
}

fn main() {}
