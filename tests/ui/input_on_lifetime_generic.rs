use complexity_core::Complexity;

// A model holding a borrowed name: generic over a lifetime only, its description is still concrete.
#[derive(Complexity)]
#[complexity(input = (8,))]
struct Net<'a> {
    #[complexity(linear(out = 4))]
    fc: (),
    #[complexity(skip)]
    name: &'a str,
}

fn main() {}
