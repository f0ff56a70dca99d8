use complexity_core::Complexity;

// An exponent tensor that does not broadcast against the base.
#[derive(Complexity)]
#[complexity(input = (10, 64), forward = x.pow(e(x)))]
struct Net {
    #[complexity(linear(out = 32))]
    e: (),
}

fn main() {}
