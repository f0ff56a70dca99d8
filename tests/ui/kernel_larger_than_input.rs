use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (3, 4, 4))]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 7))]
    conv: (),
}

fn main() {}
