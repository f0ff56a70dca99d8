use complexity_core::Complexity;

// A size is read where a size is expected, not bound as a value.
#[derive(Complexity)]
#[complexity(forward = {
    let n = x.size(1);
    fc(x).view(1, n, -1)
})]
struct Net {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
}

fn main() {}
