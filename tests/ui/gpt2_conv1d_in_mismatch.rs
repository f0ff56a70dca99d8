use complexity_core::Complexity;

// GPT-2's projection declared for the wrong hidden size.
#[derive(Complexity)]
#[complexity(input = (128, 768))]
struct Attention {
    #[complexity(gpt2_conv1d(in = 1024, out = 2304))]
    c_attn: (),
}

fn main() {}
