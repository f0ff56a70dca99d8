use complexity_core::Complexity;

// Padding 2 on a 2×2 pool, which PyTorch rejects.
#[derive(Complexity)]
#[complexity(input = (8, 16, 16))]
struct Net {
    #[complexity(max_pool2d(kernel = 2, padding = 2))]
    pool: (),
}

fn main() {}
