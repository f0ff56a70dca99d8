use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (3, 32, 32), max_flops = 400_000)]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
