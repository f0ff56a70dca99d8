use complexity_core::Complexity;

// `F.linear` with a weight stored [in, out] instead of PyTorch's [out, in].
#[derive(Complexity)]
#[complexity(input = (16, 64), forward = x.linear(in_proj_weight))]
struct Attention {
    #[complexity(parameter(shape = (64, 192)))]
    in_proj_weight: (),
}

fn main() {}
