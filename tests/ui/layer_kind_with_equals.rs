use complexity_core::Complexity;

// A layer kind given a value with `=` instead of arguments in parentheses.
#[derive(Complexity)]
struct Net {
    #[complexity(linear = 10)]
    fc: (),
}

fn main() {}
