use complexity_core::Complexity;

// A block that ends with an assignment returns nothing.
#[derive(Complexity)]
#[complexity(input = (4,), forward = {
    x = fc(x);
})]
struct Net {
    #[complexity(linear(out = 4))]
    fc: (),
}

fn main() {}
