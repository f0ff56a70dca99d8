use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = {
    let a = torch.arange(x.size(1), 10);
    let b = torch.arange(10, 2, 2);
    let c = torch.arange(2, 10, 0);
    let d = torch.arange();
    let e = torch.arange(0, 4, stride = 2);
    a + b + c + d + e
})]
struct Net {}

fn main() {}
