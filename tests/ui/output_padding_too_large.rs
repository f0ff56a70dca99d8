use complexity_core::Complexity;

// An output padding as large as the stride.
#[derive(Complexity)]
#[complexity(input = (16, 8, 8))]
struct Net {
    #[complexity(conv_transpose2d(out = 8, kernel = 3, stride = 2, padding = 1, output_padding = 2))]
    up: (),
}

fn main() {}
