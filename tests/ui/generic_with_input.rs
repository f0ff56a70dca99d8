use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (3, 32, 32))]
struct Net<const C: usize> {
    #[complexity(conv2d(out = C, kernel = 3))]
    conv: (),
}

fn main() {}
