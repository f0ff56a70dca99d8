use complexity_core::Complexity;

// A float argument written as an integer literal.
#[derive(Complexity)]
struct Net {
    #[complexity(dropout(p = 0))]
    drop: (),
}

fn main() {}
