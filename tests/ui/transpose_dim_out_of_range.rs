use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (4, 8), forward = fc(x).transpose(1, 3))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
