use complexity_core::Complexity;

// `x.linear(fc)` with a layer field rather than a `parameter`.
#[derive(Complexity)]
#[complexity(forward = x.linear(fc))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
