use complexity_core::Complexity;

// A literal zero in `normalized_shape`, which `linear(out = 0)` would have caught at the tokens.
#[derive(Complexity)]
struct Net {
    #[complexity(layer_norm(normalized_shape = 0))]
    ln: (),
}

const _: &complexity_core::Module = &<Net as Complexity>::MODULE;

fn main() {}
