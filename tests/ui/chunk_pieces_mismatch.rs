use complexity_core::Complexity;

// A GLU-style gate: chunk(2) bound to three names.
#[derive(Complexity)]
#[complexity(input = (16, 64), forward = { let (a, b, c) = fc(x).chunk(2, -1); a * b.sigmoid() + c })]
struct Net {
    #[complexity(linear(out = 128))]
    fc: (),
}

fn main() {}
