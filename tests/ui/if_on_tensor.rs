use complexity_core::Complexity;

// An `if` on a tensor of the forward, which is not a compile-time condition.
#[derive(Complexity)]
#[complexity(forward = { let y = fc(x); if y { act(y) } else { y } })]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
    #[complexity(relu)]
    act: (),
}

fn main() {}
