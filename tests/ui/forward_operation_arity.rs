use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = { let y = norm(x); y.softmax() + y.mean(1, true, 2) })]
struct Block {
    #[complexity(layer_norm)]
    norm: (),
}

fn main() {}
