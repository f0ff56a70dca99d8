use complexity_core::Complexity;

#[derive(Complexity)]
#[complexity(forward = r(x).adaptive_avg_pool2d(()))]
struct Pool {
    #[complexity(relu)]
    r: (),
}

fn main() {}
