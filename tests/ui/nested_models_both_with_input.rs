use complexity_core::Complexity;

// A block that is itself a model (it has `input`) with a mistake, used in a larger model
// that also has `input`: one mistake.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32))]
struct Stem {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(batch_norm2d(num_features = 32))]
    bn: (),
}

#[derive(Complexity)]
#[complexity(input = (3, 32, 32))]
struct Net {
    stem: Stem,
}

fn main() {}
