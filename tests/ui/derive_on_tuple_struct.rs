use complexity_core::Complexity;

#[derive(Complexity)]
struct Net(#[complexity(relu)] ());

fn main() {}
