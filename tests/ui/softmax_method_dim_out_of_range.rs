use complexity_core::Complexity;

// Softmax over dimension 3 of rank-3 scores.
#[derive(Complexity)]
#[complexity(input = (16, 64), forward = q(x).matmul(k(x).transpose(1, 2)).softmax(3))]
struct Attention {
    #[complexity(linear(out = 64))]
    q: (),
    #[complexity(linear(out = 64))]
    k: (),
}

fn main() {}
