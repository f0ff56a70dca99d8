use complexity_core::Complexity;

// (2 − 1)·1 + 0 + 1 = 2 before padding, minus 2·3: the output would be negative.
#[derive(Complexity)]
#[complexity(input = (4, 2, 2))]
struct Net {
    #[complexity(conv_transpose2d(out = 4, kernel = 1, padding = 3))]
    up: (),
}

fn main() {}
