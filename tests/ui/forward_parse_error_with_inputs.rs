use complexity_core::Complexity;

// A `forward` that does not parse: that is the one error (not also "`inputs` names the
// inputs of a `forward`; add one that uses them").
#[derive(Complexity)]
#[complexity(inputs = (x, mask), forward = {
    let y = fc(x) + ;
    y.type(mask.dtype)
})]
struct Net {
    #[complexity(linear(in = 8, out = 8))]
    fc: (),
}

fn main() {}
