use complexity_core::Complexity;

// `x.split(768)` with PyTorch's default dimension left out.
#[derive(Complexity)]
#[complexity(forward = { let (q, k, v) = c_attn(x).split(768); q + k + v })]
struct Attention {
    #[complexity(gpt2_conv1d(out = 2304))]
    c_attn: (),
}

fn main() {}
