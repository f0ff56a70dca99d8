use complexity_core::Complexity;

// Eight dimensions plus the prepended batch: past the rank limit of 8.
#[derive(Complexity)]
#[complexity(input = (2, 2, 2, 2, 2, 2, 2, 2))]
struct Net {
    #[complexity(linear(out = 4))]
    fc: (),
}

fn main() {}
