use complexity_core::Complexity;

// `let (b, n, _) = x.size()` as in Python: sizes are read where they are used.
#[derive(Complexity)]
#[complexity(forward = {
    let (b, n, _) = x.size();
    fc(x).view(b, n, -1)
})]
struct Net {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
}

fn main() {}
