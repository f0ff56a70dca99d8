use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 3, groups = 0))]
    conv: (),
}

fn main() {}
