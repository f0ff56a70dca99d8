use complexity_core::Complexity;

#[derive(Complexity)]
union Net {
    a: u32,
    b: f32,
}

fn main() {}
