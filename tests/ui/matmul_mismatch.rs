use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (10, 64), forward = matmul(q(x), k(x)))]
struct Net {
    #[complexity(linear(out = 32))]
    q: (),
    #[complexity(linear(out = 32))]
    k: (),
}

fn main() {}
