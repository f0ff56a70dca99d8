use complexity_core::Complexity;

// A layer kind written on the struct instead of on a field.
#[derive(Complexity)]
#[complexity(linear(out = 10))]
struct Head {
    #[complexity(relu)]
    act: (),
}

fn main() {}
