use complexity_core::Complexity;

// A struct with braces but no fields.
#[derive(Complexity)]
struct Net {}

fn main() {}
