use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (8, 3, 3))]
struct Net {
    #[complexity(max_pool2d(kernel = 4))]
    pool: (),
}

fn main() {}
