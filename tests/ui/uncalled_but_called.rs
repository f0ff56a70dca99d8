use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = dropout(fc(x)))]
struct Net {
    #[complexity(linear(in = 4, out = 4))]
    fc: (),
    #[complexity(dropout, uncalled)]
    dropout: (),
}

fn main() {}
