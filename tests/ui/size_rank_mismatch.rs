use complexity_core::Complexity;

// A 3-d kernel for a 2-d convolution, written with a const so only the analysis sees it.
const KERNEL: usize = 3;

#[derive(Complexity)]
#[complexity(input = (3, 8, 8))]
struct Net {
    #[complexity(conv2d(out = 8, kernel = (KERNEL, KERNEL, KERNEL)))]
    conv: (),
}

fn main() {}
