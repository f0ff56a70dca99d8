use complexity_core::Complexity;

// `splice` on a single layer, which has no children to splice.
#[derive(Complexity)]
#[complexity(sequential)]
struct Features {
    #[complexity(conv2d(out = 8, kernel = 3), splice)]
    conv: (),
    #[complexity(relu)]
    relu: (),
}

const _: &complexity_core::Module = &<Features as Complexity>::MODULE;

fn main() {}
