use complexity_core::Complexity;

// `frozen` freezes a module; a parameter field is not one.
#[derive(Complexity)]
#[complexity(forward = x * scale)]
struct Net {
    #[complexity(parameter(shape = (8,)), frozen)]
    scale: (),
}

fn main() {}
