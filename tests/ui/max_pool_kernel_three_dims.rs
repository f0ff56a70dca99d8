use complexity_core::Complexity;

// A 3-d kernel written for a 2-d pool, as a literal tuple.
#[derive(Complexity)]
#[complexity(input = (8, 16, 16))]
struct Net {
    #[complexity(max_pool2d(kernel = (2, 2, 2)))]
    pool: (),
}

fn main() {}
