use complexity_core::Complexity;

// A permutation that names dimension 1 twice.
#[derive(Complexity)]
#[complexity(input = (3, 8, 8), forward = conv(x).permute((0, 2, 1, 1)))]
struct Net {
    #[complexity(conv2d(out = 4, kernel = 1))]
    conv: (),
}

fn main() {}
