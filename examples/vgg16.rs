//! torchvision's VGG-16 (configuration "D"), described with the same module names.
//!
//! `cargo run --example vgg16` prints the totals and mmengine's `out_table` in training
//! mode, then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// `[conv2d, nn.ReLU(inplace=True)]`, what `make_layers` appends for a number in the
/// configuration: a fragment, whose layers take the next positions in `features`.
#[derive(Complexity)]
#[complexity(fragment)]
pub struct ConvReLU<const OUT: usize> {
    #[complexity(conv2d(out = OUT, kernel = 3, padding = 1))]
    conv: (),
    #[complexity(relu(inplace))]
    relu: (),
}

/// `CONVS` convolutions to `OUT` channels, then the `"M"` of the configuration: a max pool.
#[derive(Complexity)]
#[complexity(fragment)]
pub struct Block<const OUT: usize, const CONVS: usize> {
    #[complexity(splice)]
    convs: [ConvReLU<OUT>; CONVS],
    #[complexity(max_pool2d(kernel = 2, stride = 2))]
    pool: (),
}

/// `make_layers(cfgs["D"])`: `[64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512,
/// 512, "M", 512, 512, 512, "M"]`, one `nn.Sequential` numbered `0` to `30`.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Features {
    block1: Block<64, 2>,
    block2: Block<128, 2>,
    block3: Block<256, 3>,
    block4: Block<512, 3>,
    block5: Block<512, 3>,
}

/// torchvision's `vgg16()`.
#[derive(Complexity)]
#[complexity(
    class = "VGG",
    input = (3, 224, 224),
    forward = classifier(avgpool(features(x)).flatten(1))
)]
pub struct Vgg16 {
    features: Features,
    #[complexity(adaptive_avg_pool2d(output_size = (7, 7)))]
    avgpool: (),
    #[complexity(sequential(
        linear(in = 512 * 7 * 7, out = 4096),
        relu(inplace),
        dropout(p = 0.5),
        linear(out = 4096),
        relu(inplace),
        dropout(p = 0.5),
        linear(out = 1000),
    ))]
    classifier: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<Vgg16>(Vgg16::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
