use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = F.conv2d(x, stride = 2) + F.layer_norm(x, w) + F.linear(x, w, scale = 2))]
struct Missing {
    #[complexity(parameter(shape = (4, 4)))]
    w: (),
}

#[derive(Complexity)]
#[complexity(input = [1, 4], forward = F.linear(x, w, b))]
struct WrongBias {
    #[complexity(parameter(shape = (8, 4)))]
    w: (),
    #[complexity(parameter(shape = (4,)))]
    b: (),
}

fn main() {}
