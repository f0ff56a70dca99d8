use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (256,))]
struct Net {
    #[complexity(linear(in = 512, out = 10))]
    fc: (),
}

fn main() {}
