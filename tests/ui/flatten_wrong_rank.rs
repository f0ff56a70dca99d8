use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (16,))]
struct Net {
    #[complexity(flatten(start_dim = 3))]
    flatten: (),
}

fn main() {}
