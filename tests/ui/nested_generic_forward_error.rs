use complexity_core::Complexity;

// A residual block whose shortcut is missing when the width changes, used at two widths.
#[derive(Complexity)]
#[complexity(forward = x + fc(x))]
struct Residual<const OUT: usize> {
    #[complexity(linear(out = OUT))]
    fc: (),
}

#[derive(Complexity)]
#[complexity(input = (64,))]
struct Net {
    blocks: (Residual<64>, Residual<128>),
}

fn main() {}
