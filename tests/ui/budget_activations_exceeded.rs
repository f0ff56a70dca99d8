use complexity_core::Complexity;

// 16·32·32 = 16,384 activations, over a 10,000 budget.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32), max_activations = 10_000)]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
