use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = [1, 4], forward = x + proj.weight.select(0, 0))]
struct Undeclared {
    #[complexity(linear(out = 4))]
    proj: (),
}

#[derive(Complexity)]
#[complexity(input = [1, 4], forward = x + proj.scale)]
struct NoSuchTensor {
    #[complexity(linear(in = 4, out = 4))]
    proj: (),
}

fn main() {}
