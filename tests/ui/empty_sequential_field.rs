use complexity_core::Complexity;

// An empty `sequential(...)` on a field.
#[derive(Complexity)]
struct Net {
    #[complexity(sequential())]
    layers: (),
}

fn main() {}
