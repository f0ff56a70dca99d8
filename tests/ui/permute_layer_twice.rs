use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = (8, 4, 4))]
struct Net {
    #[complexity(permute(dims = (0, 2, 2, 1)))]
    to_last: (),
}

fn main() {}
