use complexity_core::Complexity;

// Five inputs: more than a module may take.
#[derive(Complexity)]
#[complexity(inputs = (a, b, c, d, e), forward = fc(a + b + c + d + e))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
