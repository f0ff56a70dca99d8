use complexity_core::Complexity;

// `x.relu(true, 1)`: relu takes at most `inplace`.
#[derive(Complexity)]
#[complexity(forward = fc(x).relu(true, 1))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
