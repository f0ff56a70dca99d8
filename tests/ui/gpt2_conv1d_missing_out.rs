use complexity_core::Complexity;

// GPT-2's `Conv1D` with only its input features.
#[derive(Complexity)]
struct Attention {
    #[complexity(gpt2_conv1d(in = 768))]
    c_attn: (),
}

fn main() {}
