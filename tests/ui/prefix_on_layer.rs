use complexity_core::Complexity;

// `prefix` names a sequence's children; a single layer has none.
#[derive(Complexity)]
struct Net {
    #[complexity(linear(out = 10), prefix = "head_")]
    head: (),
}

const _: &complexity_core::Module = &<Net as Complexity>::MODULE;

fn main() {}
