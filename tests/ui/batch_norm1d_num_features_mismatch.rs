use complexity_core::Complexity;

// A batch norm after a linear layer, sized for the layer's input instead of its output.
#[derive(Complexity)]
#[complexity(input = (512,))]
struct Head {
    #[complexity(linear(out = 256))]
    fc: (),
    #[complexity(batch_norm1d(num_features = 512))]
    bn: (),
}

fn main() {}
