use complexity_core::Complexity;

// The conv's input (3·32·32) and output (16·32·32) are alive at once: over 10,000 elements.
#[derive(Complexity)]
#[complexity(input = (3, 32, 32), max_peak_elements = 10_000)]
struct Net {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

fn main() {}
