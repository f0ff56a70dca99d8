//! torchvision's ResNet-50, described with the same module names.
//!
//! `cargo run --example resnet50` prints the totals and mmengine's `out_table` in training
//! mode (what `get_model_complexity_info` reports for a freshly built model), then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// torchvision's `Bottleneck(inplanes = IN, planes = PLANES, stride = STRIDE, groups =
/// GROUPS, base_width)`: 1×1 down to `WIDTH` (`PLANES` for ResNet-50; `PLANES ·
/// base_width / 64 · GROUPS` in general), 3×3 with the stride in `GROUPS` groups, 1×1 up
/// to `PLANES · 4` (`Bottleneck.expansion`). The `downsample` exists when the block
/// changes the shape, as in `ResNet._make_layer`.
#[derive(Complexity)]
#[complexity(forward = relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + downsample(x)))]
pub struct Bottleneck<
    const IN: usize,
    const PLANES: usize,
    const STRIDE: usize,
    const WIDTH: usize,
    const GROUPS: usize,
> {
    #[complexity(conv2d(in = IN, out = WIDTH, kernel = 1, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    bn1: (),
    #[complexity(conv2d(out = WIDTH, kernel = 3, stride = STRIDE, padding = 1, groups = GROUPS, bias = false))]
    conv2: (),
    #[complexity(batch_norm2d)]
    bn2: (),
    #[complexity(conv2d(out = PLANES * 4, kernel = 1, bias = false))]
    conv3: (),
    #[complexity(batch_norm2d)]
    bn3: (),
    #[complexity(relu(inplace))]
    relu: (),
    #[complexity(
        when = STRIDE != 1 || IN != PLANES * 4,
        sequential(conv2d(out = PLANES * 4, kernel = 1, stride = STRIDE, bias = false), batch_norm2d)
    )]
    downsample: (),
}

/// `ResNet._make_layer(Bottleneck, PLANES, blocks = 1 + REST, stride = STRIDE)` on `IN`
/// channels: an `nn.Sequential` of a first block, which changes the shape, and `REST`
/// blocks on `OUT = PLANES · 4` channels, numbered `0`, `1`, … in one sequence; the
/// blocks `WIDTH` wide in their middle, in `GROUPS` groups (ResNet-50: `PLANES`, 1).
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Stage<
    const IN: usize,
    const PLANES: usize,
    const OUT: usize,
    const STRIDE: usize,
    const REST: usize,
    const WIDTH: usize = PLANES,
    const GROUPS: usize = 1,
> {
    first: Bottleneck<IN, PLANES, STRIDE, WIDTH, GROUPS>,
    #[complexity(splice)]
    rest: [Bottleneck<OUT, PLANES, 1, WIDTH, GROUPS>; REST],
}

/// torchvision's `resnet50()`: `layers = [3, 4, 6, 3]`.
#[derive(Complexity)]
#[complexity(
    class = "ResNet",
    input = (3, 224, 224),
    forward = {
        let x = maxpool(relu(bn1(conv1(x))));
        let x = layer4(layer3(layer2(layer1(x))));
        fc(avgpool(x).flatten(1))
    }
)]
pub struct ResNet50 {
    #[complexity(conv2d(in = 3, out = 64, kernel = 7, stride = 2, padding = 3, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    bn1: (),
    #[complexity(relu(inplace))]
    relu: (),
    #[complexity(max_pool2d(kernel = 3, stride = 2, padding = 1))]
    maxpool: (),
    layer1: Stage<64, 64, 256, 1, 2>,
    layer2: Stage<256, 128, 512, 2, 3>,
    layer3: Stage<512, 256, 1024, 2, 5>,
    layer4: Stage<1024, 512, 2048, 2, 2>,
    #[complexity(adaptive_avg_pool2d(output_size = (1, 1)))]
    avgpool: (),
    #[complexity(linear(in = 2048, out = 1000))]
    fc: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<ResNet50>(ResNet50::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
