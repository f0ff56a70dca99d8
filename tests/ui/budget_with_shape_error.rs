use complexity_core::Complexity;

// A shape mistake in a model with an eval-mode budget: the mistake is the one error.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32), max_flops = 1_000, max_peak_elements = 10, budget_mode = "eval")]
struct Net {
    #[complexity(conv2d(in = 1, out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
