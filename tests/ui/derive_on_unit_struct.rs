use complexity_core::Complexity;

#[derive(Complexity)]
struct Net;

fn main() {}
