use complexity_core::Complexity;

// `input = [3, 32, 32]` is a full shape, batch included: the batch was forgotten (the tuple form prepends it).
#[derive(Complexity)]
#[complexity(input = [3, 32, 32])]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3))]
    conv: (),
}

fn main() {}
