use complexity_core::Complexity;

// `class` written as a number.
#[derive(Complexity)]
#[complexity(class = 5)]
struct Net {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
