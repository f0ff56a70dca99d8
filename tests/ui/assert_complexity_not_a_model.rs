// A budget assertion on a type with no model description.
struct Config {
    hidden: usize,
}

complexity_core::assert_complexity!(Config, input = (8,), max_params = 1_000);

fn main() {}
