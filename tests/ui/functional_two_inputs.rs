use complexity_core::Complexity;

// `.functional` with a weight argument, as `F.linear(x, w)` is written.
#[derive(Complexity)]
#[complexity(forward = out_proj.functional(x, x))]
struct Net {
    #[complexity(linear(out = 8))]
    out_proj: (),
}

fn main() {}
