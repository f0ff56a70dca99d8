use complexity_core::{Complexity, assert_complexity};

#[derive(Complexity)]
struct Block {
    #[complexity(relu)]
    r: (),
}

assert_complexity!(Block, input = [1, 1, 1, 1, 1, 1, 1, 1, 2], max_flops = 10);

fn main() {}
