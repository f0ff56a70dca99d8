use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = ())]
struct Nothing {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
