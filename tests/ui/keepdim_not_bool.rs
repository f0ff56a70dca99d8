use complexity_core::Complexity;

// `keepdim` written as 1.
#[derive(Complexity)]
#[complexity(forward = { let y = fc(x); y - y.mean(-1, 1) })]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
