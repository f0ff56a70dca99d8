use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = {
    let y = r(x);
    let a = matmul(y, y, y);
    let b = cat([y, y], 1, 2);
    cat(y, 1)
})]
struct Calls {
    #[complexity(relu)]
    r: (),
}

fn main() {}
