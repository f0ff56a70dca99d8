use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = [2, 3], forward = x.new_zeros(x.shape()))]
struct Net {}

fn main() {}
