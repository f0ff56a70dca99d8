use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(conv2(out = 8, kernel = 3))]
    conv: (),
}

fn main() {}
