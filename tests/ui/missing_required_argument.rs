use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(conv2d(out = 8))]
    conv: (),
    #[complexity(linear)]
    fc: (),
}

fn main() {}
