use complexity_core::Complexity;

// `budget_mode = "inference"`: the modes are "train" and "eval".
#[derive(Complexity)]
#[complexity(input = (3, 32, 32), max_flops = 1_000_000, budget_mode = "inference")]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
