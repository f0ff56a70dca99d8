use complexity_core::Complexity;

// `torch.cat`'s dimension is called `dim`, not `axis`.
#[derive(Complexity)]
#[complexity(input = (4,), forward = torch.cat((fc(x), x), axis = 1))]
struct Net {
    #[complexity(linear(out = 4))]
    fc: (),
}

fn main() {}
