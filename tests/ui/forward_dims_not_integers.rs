use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = r(x).flatten(1.9).unflatten(-1, (30.5, -1)).transpose(true, 'a'))]
struct Floats {
    #[complexity(relu)]
    r: (),
}

fn main() {}
