use complexity_core::Complexity;

// A [1, 4, 768] parameter expanded to 8 along its middle dimension, which is 4, not 1.
#[derive(Complexity)]
#[complexity(input = (196, 768), forward = cat([cls.expand(1, 8, -1), x], 1))]
struct Net {
    #[complexity(parameter(shape = (1, 4, 768)))]
    cls: (),
}

fn main() {}
