use complexity_core::Complexity;

// 2^40 · 2^40 outputs do not fit the u64 activation count.
#[derive(Complexity)]
#[complexity(input = [1099511627776, 1])]
struct Net {
    #[complexity(linear(out = 1099511627776))]
    fc: (),
}

fn main() {}
