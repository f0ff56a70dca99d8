use complexity_core::Complexity;

// A 2-d kernel on a 1-d convolution, in a model without `input`.
#[derive(Complexity)]
struct Net {
    #[complexity(conv1d(out = 8, kernel = (3, 3)))]
    conv: (),
}

const _: &complexity_core::Module = &<Net as Complexity>::MODULE;

fn main() {}
