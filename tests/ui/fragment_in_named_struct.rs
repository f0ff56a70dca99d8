use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(fragment)]
struct ConvRelu {
    #[complexity(conv2d(out = 8, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(relu)]
    relu: (),
}

// A fragment used as a named field of an ordinary struct, not inside a `sequential` one.
#[derive(Complexity)]
#[complexity(input = (3, 8, 8))]
struct Net {
    block: ConvRelu,
}

fn main() {}
