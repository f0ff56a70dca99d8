use complexity_core::Complexity;

// `.functional` on the input instead of on a layer field.
#[derive(Complexity)]
#[complexity(forward = x.functional(out_proj))]
struct Net {
    #[complexity(linear(out = 8))]
    out_proj: (),
}

fn main() {}
