use complexity_core::Complexity;

const USE_ACT: usize = 1;

// An `if` on a `usize` constant.
#[derive(Complexity)]
#[complexity(forward = if USE_ACT { act(fc(x)) } else { fc(x) })]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
    #[complexity(relu)]
    act: (),
}

fn main() {}
