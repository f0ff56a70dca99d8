use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(max_params = 1_000)]
struct Net {
    #[complexity(linear(out = 10))]
    fc: (),
}

fn main() {}
