use complexity_core::Complexity;

// `cat` of an empty list.
#[derive(Complexity)]
#[complexity(input = (8,), forward = fc(cat([], 1)))]
struct Net {
    #[complexity(linear(out = 8))]
    fc: (),
}

fn main() {}
