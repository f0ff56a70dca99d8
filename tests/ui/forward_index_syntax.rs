use complexity_core::Complexity;

// Python indexing `x[:, 0]` instead of `x.select(1, 0)`.
#[derive(Complexity)]
#[complexity(forward = head(norm(x)[0]))]
struct Net {
    #[complexity(layer_norm)]
    norm: (),
    #[complexity(linear(out = 10))]
    head: (),
}

fn main() {}
