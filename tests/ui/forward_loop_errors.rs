use complexity_core::Complexity;

// A loop over a const generic is not unrolled by the derive.
#[derive(Complexity)]
#[complexity(forward = {
    for _ in 0..N {
        x = layer(x);
    }
    x
})]
struct Generic<const N: usize> {
    #[complexity(linear(in = 4, out = 4))]
    layer: (),
}

// Assigning a name that is no value yet.
#[derive(Complexity)]
#[complexity(forward = {
    y = layer(x);
    y
})]
struct Unbound {
    #[complexity(linear(in = 4, out = 4))]
    layer: (),
}

// The counter chooses elements (`layers[i](x)`); it is not a value.
#[derive(Complexity)]
#[complexity(forward = {
    for i in 0..2 {
        x = layer(x) * i;
    }
    x
})]
struct Counter {
    #[complexity(linear(in = 4, out = 4))]
    layer: (),
}

fn main() {}
