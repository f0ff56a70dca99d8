use complexity_core::Complexity;

// `class` is a `&'static str`: a `String` is reported at the expression.
#[derive(Complexity)]
#[complexity(class = String::new())]
struct Net {
    #[complexity(stochastic_depth(p = 1, mode = "row"))]
    drop: (),
}

fn main() {}
