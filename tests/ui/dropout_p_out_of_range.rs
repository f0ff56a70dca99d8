use complexity_core::Complexity;

// A dropout probability written as a percentage.
#[derive(Complexity)]
#[complexity(input = (64,))]
struct Net {
    #[complexity(dropout(p = 10.0))]
    drop: (),
}

fn main() {}
