use complexity_core::Complexity;

// `class` must be a `&'static str`; `padding = "same"` is not supported; a shape range
// is read by `interpolate` only.
#[derive(Complexity)]
#[complexity(class = String::new(), forward = {
    let y = F.conv2d(x, w, padding = "same");
    let z = F.max_pool2d(y, 2, padding = "valid");
    z.view(x.shape[1..])
})]
struct Net {
    #[complexity(parameter(shape = (4, 3, 3, 3)))]
    w: (),
}

fn main() {}
