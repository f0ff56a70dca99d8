use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(conv2d(out = 8u32, kernel = 3))]
    conv: (),
}

fn main() {}
