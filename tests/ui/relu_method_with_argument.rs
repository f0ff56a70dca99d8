use complexity_core::Complexity;

// `x.relu(true)`, as if it took `inplace`.
#[derive(Complexity)]
#[complexity(forward = fc(x).relu(true))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
