use complexity_core::Complexity;

// 768 hidden features unflattened into 12 heads of 32.
#[derive(Complexity)]
#[complexity(input = (16, 768), forward = qkv(x).unflatten(-1, (12, 32)))]
struct Net {
    #[complexity(linear(out = 768))]
    qkv: (),
}

fn main() {}
