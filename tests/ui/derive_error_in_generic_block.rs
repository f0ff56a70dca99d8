use complexity_core::Complexity;

// A typo in a generic block's attribute: the one error, none from the model using it.
#[derive(Complexity)]
struct Block<const C: usize> {
    #[complexity(conv2d(out = C, kernal = 3))]
    conv: (),
}

#[derive(Complexity)]
#[complexity(input = (3, 32, 32))]
struct Net {
    stem: Block<16>,
}

fn main() {}
