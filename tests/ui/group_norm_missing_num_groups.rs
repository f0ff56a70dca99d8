use complexity_core::Complexity;

// `group_norm` with only its channels: `num_groups` is required.
#[derive(Complexity)]
struct Net {
    #[complexity(group_norm(num_channels = 64))]
    norm: (),
}

fn main() {}
