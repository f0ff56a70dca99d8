use complexity_core::Complexity;

// A field marked `skip` called in `forward`.
#[derive(Complexity)]
#[complexity(forward = head(fc(x)))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
    #[complexity(skip)]
    head: (),
}

fn main() {}
