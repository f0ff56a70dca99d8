use complexity_core::Complexity;

// Eval mode: conv 442,368 + batch norm 2·16·32·32 = 475,136 FLOPs, over 450,000.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32), max_flops = 450_000, budget_mode = "eval")]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1, bias = false))]
    conv: (),
    #[complexity(batch_norm2d)]
    bn: (),
}

fn main() {}
