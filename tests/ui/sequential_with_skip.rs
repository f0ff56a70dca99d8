use complexity_core::Complexity;

// `skip` is a field option, not a layer kind inside `sequential(…)`.
#[derive(Complexity)]
struct Block {
    #[complexity(sequential(conv2d(out = 4, kernel = 3), skip))]
    body: (),
}

fn main() {}
