use complexity_core::Complexity;

// With `inputs = (hidden_states, input_tensor)` there is no `x`.
#[derive(Complexity)]
#[complexity(inputs = (hidden_states, input_tensor), forward = norm(dense(x) + input_tensor))]
struct BertSelfOutput {
    #[complexity(linear(out = 768))]
    dense: (),
    #[complexity(layer_norm)]
    norm: (),
}

fn main() {}
