use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(input = [1, 4], forward = layers[3](x))]
struct OutOfRange {
    #[complexity(sequential(linear(out = 4), linear(out = 4)))]
    layers: (),
}

#[derive(Complexity)]
#[complexity(forward = fc[0](x) + layers[n](x) + missing[0](x))]
struct NotLiteral {
    #[complexity(linear(in = 4, out = 4))]
    fc: (),
    #[complexity(sequential(linear(in = 4, out = 4)))]
    layers: (),
}

fn main() {}
