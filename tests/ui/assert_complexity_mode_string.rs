use complexity_core::Complexity;

#[derive(Complexity)]
struct Block<const C: usize> {
    #[complexity(conv2d(out = C, kernel = 3, padding = 1))]
    conv: (),
}

// The mode written as the attribute's string, not `Mode::Eval`.
complexity_core::assert_complexity!(Block<16>, input = (3, 32, 32), max_flops = 500_000, mode = "eval");

fn main() {}
