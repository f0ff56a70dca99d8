use complexity_core::Complexity;

// Raw identifiers work: the struct and its module `type` (not `r#type`).
#[derive(Complexity)]
#[complexity(input = (8,))]
struct r#Tiny {
    #[complexity(linear(out = 4))]
    r#type: (),
}

const _: () = assert!(r#Tiny::PARAMS == 36);

// A mistake in it is still reported, by its unraw name.
#[derive(Complexity)]
#[complexity(input = (8,))]
struct r#Bad {
    #[complexity(linear(in = 9, out = 4))]
    r#type: (),
}

fn main() {}
