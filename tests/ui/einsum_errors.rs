use complexity_core::Complexity;

// Three operands (mmengine counts them by numpy's optimal path, not reproduced).
#[derive(Complexity)]
#[complexity(input = [4, 4], forward = torch.einsum("ij,jk,kl->il", x, x, x))]
struct Three {}

// The equation is not a literal.
const EQ: &str = "ij,jk->ik";
#[derive(Complexity)]
#[complexity(input = [4, 4], forward = torch.einsum(EQ, x, x))]
struct NotLiteral {}

fn main() {}
