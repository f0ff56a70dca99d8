use complexity_core::Complexity;

// 64 features reshaped into 7 groups.
#[derive(Complexity)]
#[complexity(input = (64,), forward = fc(x).reshape((1, 7, -1)))]
struct Net {
    #[complexity(linear(out = 64))]
    fc: (),
}

fn main() {}
