use complexity_core::Complexity;

// An index past the end is reported at the call.
#[derive(Complexity)]
#[complexity(input = [1, 4], forward = layers[1](layers[-3](x)))]
struct OutOfRange {
    #[complexity(sequential(linear(out = 4), linear(out = 4)))]
    layers: (),
}

// Deeper than a child's own tensors; an empty loop; `input` with two `inputs`.
#[derive(Complexity)]
#[complexity(input = [1, 4], inputs = (x, y), class = "", forward = {
    for _ in 3..0 {
        x = x + y;
    }
    x + blk.fc.weight
})]
struct Deeper {
    blk: Inner,
}

#[derive(Complexity)]
struct Inner {
    #[complexity(linear(in = 4, out = 4))]
    fc: (),
}

fn main() {}
