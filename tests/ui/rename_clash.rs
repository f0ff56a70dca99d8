use complexity_core::Complexity;

#[derive(Complexity)]
struct Block {
    #[complexity(linear(in = 8, out = 8))]
    a: (),
    #[complexity(linear(out = 8), rename = "a")]
    b: (),
    #[complexity(relu, rename = "")]
    c: (),
    #[complexity(relu, rename = "d.0")]
    d: (),
}

fn main() {}
