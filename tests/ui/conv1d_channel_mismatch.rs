use complexity_core::Complexity;

// An audio front end declared for 16 input channels, fed 8.
#[derive(Complexity)]
#[complexity(input = (8, 100))]
struct Net {
    #[complexity(conv1d(in = 16, out = 32, kernel = 3))]
    conv: (),
}

fn main() {}
