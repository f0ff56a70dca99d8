use complexity_core::Complexity;

// A difference of a projection and the input whose widths differ.
#[derive(Complexity)]
#[complexity(input = (10, 64), forward = proj(x) - x)]
struct Net {
    #[complexity(linear(out = 32))]
    proj: (),
}

fn main() {}
