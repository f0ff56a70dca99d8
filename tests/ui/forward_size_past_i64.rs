use complexity_core::Complexity;

// `u64::MAX` would wrap to -1 (`infer`) in an `i64`: an error instead, at the size.
#[derive(Complexity)]
#[complexity(forward = r(x).reshape((1, u64::MAX)))]
struct Huge {
    #[complexity(relu)]
    r: (),
}

const _: &complexity_core::Module = &<Huge as Complexity>::MODULE;

fn main() {}
