use complexity_core::Complexity;

// A class name on a fragment, which is not a module.
#[derive(Complexity)]
#[complexity(fragment, class = "ConvRelu")]
struct ConvRelu {
    #[complexity(conv2d(out = 8, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(relu)]
    relu: (),
}

fn main() {}
