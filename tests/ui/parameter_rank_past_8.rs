use complexity_core::Complexity;

// Shapes have at most 8 dimensions.
#[derive(Complexity)]
#[complexity(forward = r(x) + table)]
struct Wide {
    #[complexity(relu)]
    r: (),
    #[complexity(parameter(shape = (1, 1, 1, 1, 1, 1, 1, 1, 2)))]
    table: (),
}

fn main() {}
