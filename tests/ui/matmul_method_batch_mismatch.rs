use complexity_core::Complexity;

// Attention scores between queries split into 4 heads and keys split into 8: the batch
// (head) dimensions differ while the inner ones agree.
#[derive(Complexity)]
#[complexity(input = (16, 64), forward = {
    let q = q(x).unflatten(-1, (4, 16)).transpose(1, 2);
    let k = k(x).unflatten(-1, (8, 16)).transpose(1, 2);
    q.matmul(k.transpose(-2, -1))
})]
struct Attention {
    #[complexity(linear(out = 64))]
    q: (),
    #[complexity(linear(out = 128))]
    k: (),
}

fn main() {}
