use complexity_core::Complexity;

// `inputs` given shapes instead of names.
#[derive(Complexity)]
#[complexity(inputs = ((16, 64), (16, 64)), forward = fc(x))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
