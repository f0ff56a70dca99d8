use complexity_core::Complexity;

// A max pool with a stride but no kernel.
#[derive(Complexity)]
struct Net {
    #[complexity(max_pool2d(stride = 2))]
    pool: (),
}

fn main() {}
