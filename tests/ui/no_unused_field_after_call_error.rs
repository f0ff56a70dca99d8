use complexity_core::Complexity;

// `sofmax` is neither a field nor a function: the one error. `conv`, whose call is its
// argument, is not also reported as unused.
#[derive(Complexity)]
#[complexity(forward = sofmax(conv(x)))]
struct Block {
    #[complexity(conv2d(out = 64, kernel = 3))]
    conv: (),
}

fn main() {}
