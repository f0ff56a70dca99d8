use complexity_core::Complexity;

// A size read from a value where only numbers go (a dimension index).
#[derive(Complexity)]
#[complexity(forward = { let y = fc(x); y.transpose(y.size(0), 1) })]
struct Net {
    #[complexity(linear(out = 10))]
    fc: (),
}

fn main() {}
