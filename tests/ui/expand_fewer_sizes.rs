use complexity_core::Complexity;

// A rank-3 parameter expanded with two sizes.
#[derive(Complexity)]
#[complexity(input = (196, 768), forward = cat([cls.expand(-1, -1), x], 1))]
struct Net {
    #[complexity(parameter(shape = (1, 1, 768)))]
    cls: (),
}

fn main() {}
