use complexity_core::Complexity;

// The pieces of a split used as one value.
#[derive(Complexity)]
#[complexity(forward = proj(c_attn(x).split(768, 2)))]
struct Attention {
    #[complexity(gpt2_conv1d(out = 2304))]
    c_attn: (),
    #[complexity(gpt2_conv1d(out = 768))]
    proj: (),
}

fn main() {}
