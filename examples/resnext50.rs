//! torchvision's ResNeXt-50 (32×4d), described with the same module names, and what
//! changes from ResNet-50 to it, module by module (`Report::diff`): the same stages, each
//! bottleneck twice as wide in its middle and its 3×3 convolution in 32 groups.
//!
//! `cargo run --example resnext50` prints ResNeXt-50's totals in eval mode, then the diff.

#[allow(dead_code)]
#[path = "resnet50.rs"]
pub mod resnet50;

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// torchvision's `Bottleneck(inplanes = IN, planes = PLANES, stride = STRIDE, groups = 32,
/// base_width = 4)`: 1×1 to `WIDTH = PLANES · 4 / 64 · 32`, 3×3 in 32 groups with the
/// stride, 1×1 up to `PLANES · 4`; the `downsample` when the block changes the shape.
#[derive(Complexity)]
#[complexity(forward = relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + downsample(x)))]
pub struct Bottleneck<const IN: usize, const PLANES: usize, const WIDTH: usize, const STRIDE: usize>
{
    #[complexity(conv2d(in = IN, out = WIDTH, kernel = 1, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    bn1: (),
    #[complexity(conv2d(out = WIDTH, kernel = 3, stride = STRIDE, padding = 1, groups = 32, bias = false))]
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

/// `ResNet._make_layer(Bottleneck, PLANES, blocks = 1 + REST, stride = STRIDE)`.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Stage<
    const IN: usize,
    const PLANES: usize,
    const WIDTH: usize,
    const OUT: usize,
    const STRIDE: usize,
    const REST: usize,
> {
    first: Bottleneck<IN, PLANES, WIDTH, STRIDE>,
    #[complexity(splice)]
    rest: [Bottleneck<OUT, PLANES, WIDTH, 1>; REST],
}

/// torchvision's `resnext50_32x4d()`: `layers = [3, 4, 6, 3]`, `groups = 32`,
/// `width_per_group = 4`.
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
pub struct ResNeXt50 {
    #[complexity(conv2d(in = 3, out = 64, kernel = 7, stride = 2, padding = 3, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    bn1: (),
    #[complexity(relu(inplace))]
    relu: (),
    #[complexity(max_pool2d(kernel = 3, stride = 2, padding = 1))]
    maxpool: (),
    layer1: Stage<64, 64, 128, 256, 1, 2>,
    layer2: Stage<256, 128, 256, 512, 2, 3>,
    layer3: Stage<512, 256, 512, 1024, 2, 5>,
    layer4: Stage<1024, 512, 1024, 2048, 2, 2>,
    #[complexity(adaptive_avg_pool2d(output_size = (1, 1)))]
    avgpool: (),
    #[complexity(linear(in = 2048, out = 1000))]
    fc: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let resnet = Report::of::<resnet50::ResNet50>(resnet50::ResNet50::INPUT, Mode::Eval)?;
    let resnext = Report::of::<ResNeXt50>(ResNeXt50::INPUT, Mode::Eval)?;
    println!("{}", resnext.headline());
    println!("ResNet-50 → ResNeXt-50 (32×4d):\n{}", resnet.diff(&resnext));
    Ok(())
}
