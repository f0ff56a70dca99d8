use complexity_core::Complexity;

// `budget_mode` with no budget to check.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32), budget_mode = "eval")]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
