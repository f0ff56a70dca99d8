use complexity_core::Complexity;

#[derive(Complexity)]
struct Wide {
    #[complexity(linear(in = 8, out = 18446744073709551616))]
    fc: (),
}

fn main() {}
