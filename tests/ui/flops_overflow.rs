use complexity_core::Complexity;

// 2^32 · 2^32 · 2^32 inputs times 2^40 outputs is 2^136 multiply-adds: more than u128 holds.
#[derive(Complexity)]
#[complexity(input = [4294967296, 4294967296, 4294967296])]
struct Huge {
    #[complexity(linear(out = 1 << 40))]
    fc: (),
}

fn main() {}
