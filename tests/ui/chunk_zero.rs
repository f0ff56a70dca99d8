use complexity_core::Complexity;

// Zero chunks.
#[derive(Complexity)]
#[complexity(input = (16, 64), forward = { let (a, b) = fc(x).chunk(0, -1); a * b })]
struct Net {
    #[complexity(linear(out = 128))]
    fc: (),
}

fn main() {}
