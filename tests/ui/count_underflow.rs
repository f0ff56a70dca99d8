use complexity_core::Complexity;

const HIDDEN: usize = 4;

// A count computed by a const expression that underflows.
#[derive(Complexity)]
struct Net {
    #[complexity(linear(out = HIDDEN - 8))]
    fc: (),
}

fn main() {}
