use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(conv2d(out = 8, kernel = (3, 3, 3, 3)))]
    conv: (),
}

fn main() {}
