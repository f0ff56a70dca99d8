use complexity_core::{Complexity, Totals, totals};

#[derive(Complexity)]
struct Wrapper<B> {
    inner: B,
}

// The generic wrapper instantiated with a type that is not a block.
const T: Totals = totals!(Wrapper<u32>, input = [1, 8]);

fn main() {}
