use complexity_core::Complexity;

// A KV cache's `update` takes and returns the keys and the values.
#[derive(Complexity)]
#[complexity(forward = {
    let k = k_proj(x);
    let (k, v) = past_key_values.update(k);
    k + v
})]
struct Attention {
    #[complexity(linear(in = 8, out = 8))]
    k_proj: (),
}

fn main() {}
