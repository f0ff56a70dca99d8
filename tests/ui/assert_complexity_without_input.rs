use complexity_core::Complexity;

#[derive(Complexity)]
struct Block<const C: usize> {
    #[complexity(conv2d(out = C, kernel = 3, padding = 1))]
    conv: (),
}

// A budget assertion without the input to analyse at.
complexity_core::assert_complexity!(Block<16>, max_flops = 500_000);

fn main() {}
