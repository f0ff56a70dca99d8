use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(fragment, input = (3, 8, 8))]
struct Part {
    #[complexity(relu)]
    relu: (),
}

fn main() {}
