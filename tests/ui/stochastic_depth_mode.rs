use complexity_core::Complexity;

#[derive(Complexity)]
struct Block {
    #[complexity(stochastic_depth(p = 0.1, mode = "rows"))]
    drop: (),
    #[complexity(stochastic_depth(p = 0.1))]
    missing: (),
}

fn main() {}
