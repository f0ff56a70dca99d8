use complexity_core::Complexity;

#[derive(Complexity)]
struct Net {
    #[complexity(linear(out = 0))]
    fc: (),
}

fn main() {}
