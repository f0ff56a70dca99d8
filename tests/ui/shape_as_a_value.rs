use complexity_core::Complexity;

// A shape is read where it is used, not bound as a value.
#[derive(Complexity)]
#[complexity(forward = {
    let s = x.shape;
    fc(x).view(s)
})]
struct Net {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
}

fn main() {}
