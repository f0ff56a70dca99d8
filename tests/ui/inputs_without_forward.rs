use complexity_core::Complexity;

// `inputs` on a struct that runs its fields in order.
#[derive(Complexity)]
#[complexity(inputs = (hidden_states, mask))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
