use complexity_core::Complexity;

// A block whose last expression ends with `;`.
#[derive(Complexity)]
#[complexity(forward = { let y = fc(x); act(y); })]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
    #[complexity(relu)]
    act: (),
}

fn main() {}
