use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(fragment)]
struct Stage {
    #[complexity(conv2d(out = 64, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(batch_norm2d(num_features = 128))]
    bn: (),
}

// A mistake in a fragment spliced into a sequential model.
#[derive(Complexity)]
#[complexity(sequential, input = (3, 32, 32))]
struct Features {
    #[complexity(conv2d(out = 32, kernel = 3, padding = 1))]
    stem: (),
    stage: Stage,
}

fn main() {}
