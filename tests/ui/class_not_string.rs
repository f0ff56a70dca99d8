use complexity_core::Complexity;

// `class` written as an identifier.
#[derive(Complexity)]
#[complexity(class = ResNet)]
struct Net {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
