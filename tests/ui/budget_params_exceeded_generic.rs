use complexity_core::Complexity;

#[derive(Complexity)]
struct Block<const C: usize> {
    #[complexity(conv2d(out = C, kernel = 3, padding = 1))]
    conv: (),
}

// 64·3·3·3 + 64 = 1,792 parameters.
complexity_core::assert_complexity!(Block<64>, input = (3, 32, 32), max_params = 1_000);

fn main() {}
