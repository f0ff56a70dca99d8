use complexity_core::Complexity;

// An L2 normalisation dividing by a norm reduced without `keepdim`: [1, 10, 64] / [1, 10].
#[derive(Complexity)]
#[complexity(input = (10, 64), forward = { let y = fc(x); y / y.pow(2).sum(-1).sqrt() })]
struct Net {
    #[complexity(linear(out = 64))]
    fc: (),
}

fn main() {}
