use complexity_core::Complexity;

// The functional adaptive pool applied after flattening.
#[derive(Complexity)]
#[complexity(input = (8, 7, 7), forward = conv(x).flatten(1).adaptive_avg_pool2d((1, 1)))]
struct Net {
    #[complexity(conv2d(out = 8, kernel = 1))]
    conv: (),
}

fn main() {}
