use complexity_core::Complexity;

#[derive(Complexity)]
struct Block<const C: usize> {
    #[complexity(conv2d(out = C, kernel = 3, padding = 1))]
    conv: (),
}

// `max_param` (singular) is not a budget.
complexity_core::assert_complexity!(Block<16>, input = (3, 32, 32), max_param = 1_000);

fn main() {}
