use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = norm(x).rsqt())]
struct Block {
    #[complexity(layer_norm)]
    norm: (),
}

fn main() {}
