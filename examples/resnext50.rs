//! torchvision's ResNeXt-50 (32×4d), described with the same module names (ResNet-50's
//! blocks, as torchvision shares them), and what changes from ResNet-50 to it, module by
//! module (`Report::diff`): the same stages, each bottleneck twice as wide in its middle
//! and its 3×3 convolution in 32 groups.
//!
//! `cargo run --example resnext50` prints ResNeXt-50's totals in eval mode, then the diff.

#[allow(dead_code)]
#[path = "resnet50.rs"]
pub mod resnet50;

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};
use resnet50::Stage;

/// torchvision's `resnext50_32x4d()`: `layers = [3, 4, 6, 3]`, `groups = 32`,
/// `width_per_group = 4`: ResNet-50's stages ([`Stage`]) with blocks `PLANES · 4 / 64 · 32`
/// wide in their middle, their 3×3 convolution in 32 groups.
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
    layer1: Stage<64, 64, 256, 1, 2, 128, 32>,
    layer2: Stage<256, 128, 512, 2, 3, 256, 32>,
    layer3: Stage<512, 256, 1024, 2, 5, 512, 32>,
    layer4: Stage<1024, 512, 2048, 2, 2, 1024, 32>,
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
