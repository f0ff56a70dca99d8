use complexity_core::Complexity;

// `update` returns two values: bind both.
#[derive(Complexity)]
#[complexity(forward = {
    let k = k_proj(x);
    let kv = past_key_values.update(k, k, 0);
    kv
})]
struct Attention {
    #[complexity(linear(in = 8, out = 8))]
    k_proj: (),
}

fn main() {}
