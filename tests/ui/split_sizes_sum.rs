use complexity_core::Complexity;

// The sizes of `split([…], dim)` must add up to the dimension: 2 + 4 is not 8.
#[derive(Complexity)]
#[complexity(input = [1, 8, 12], forward = {
    let (a, _) = x.split([2, 4], 1);
    a
})]
struct Net {}

fn main() {}
