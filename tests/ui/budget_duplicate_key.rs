use complexity_core::Complexity;

// `max_flops` given twice.
#[derive(Complexity)]
#[complexity(input = (8,), max_flops = 1_000, max_flops = 2_000)]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
