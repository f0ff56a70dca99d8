use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(gelu(approximate = "erf"))]
    act: (),
}

fn main() {}
