use complexity_core::Complexity;

#[derive(Complexity)]
enum Net {
    Small,
    Large,
}

fn main() {}
