use complexity_core::Complexity;

// Every field skipped and no `forward`.
#[derive(Complexity)]
struct Config {
    #[complexity(skip)]
    hidden: usize,
    #[complexity(skip)]
    layers: usize,
}

fn main() {}
