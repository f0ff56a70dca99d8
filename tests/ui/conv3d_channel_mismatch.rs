use complexity_core::Complexity;

// A video stem that expects RGB but gets a 1-channel clip.
#[derive(Complexity)]
#[complexity(input = (1, 8, 32, 32))]
struct Net {
    #[complexity(conv3d(in = 3, out = 16, kernel = 3))]
    stem: (),
}

fn main() {}
