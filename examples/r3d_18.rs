//! torchvision's video ResNet `r3d_18()` (`torchvision.models.video.r3d_18`), described
//! with the same module names and classes, analysed by the compiler at mmengine's input
//! `[1, 3, 16, 112, 112]` (a clip of 16 frames of 112×112).
//!
//! `cargo run --example r3d_18` prints the totals and mmengine's `out_table` in training
//! mode (what `get_model_complexity_info` reports for a freshly built model), then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// torchvision's video `BasicBlock(inplanes = IN, planes = PLANES, conv_builder =
/// Conv3DSimple, stride = STRIDE)`. The `downsample` (a 1×1×1 convolution with stride
/// `Conv3DSimple.get_downsample_stride(STRIDE) = (STRIDE, STRIDE, STRIDE)` and a batch
/// norm) exists only when the block changes the shape, as in `VideoResNet._make_layer`;
/// otherwise calling it passes `x` through (`residual = x`).
#[derive(Complexity)]
#[complexity(forward = relu(conv2(conv1(x)) + downsample(x)))]
pub struct BasicBlock<const IN: usize, const PLANES: usize, const STRIDE: usize> {
    /// `nn.Sequential(Conv3DSimple(IN, PLANES, stride = STRIDE), nn.BatchNorm3d(PLANES),
    /// nn.ReLU(inplace = True))`. `Conv3DSimple` is an `nn.Conv3d` subclass (3×3×3,
    /// padding 1, no bias): a `conv3d` printed with its own class.
    #[complexity(sequential(
        conv3d(in = IN, out = PLANES, kernel = (3, 3, 3), stride = STRIDE, padding = 1, bias = false, class = "Conv3DSimple"),
        batch_norm3d,
        relu(inplace)
    ))]
    conv1: (),
    /// `nn.Sequential(Conv3DSimple(PLANES, PLANES), nn.BatchNorm3d(PLANES))`.
    #[complexity(sequential(
        conv3d(in = PLANES, out = PLANES, kernel = (3, 3, 3), padding = 1, bias = false, class = "Conv3DSimple"),
        batch_norm3d
    ))]
    conv2: (),
    #[complexity(relu(inplace))]
    relu: (),
    #[complexity(
        when = STRIDE != 1 || IN != PLANES,
        sequential(conv3d(in = IN, out = PLANES, kernel = 1, stride = STRIDE, bias = false), batch_norm3d)
    )]
    downsample: (),
}

/// torchvision's `r3d_18()`: `VideoResNet(BasicBlock, [Conv3DSimple] * 4, [2, 2, 2, 2],
/// BasicStem)`, 400 classes (Kinetics-400).
#[derive(Complexity)]
#[complexity(
    class = "VideoResNet",
    input = (3, 16, 112, 112),
    forward = {
        let x = stem(x);
        let x = layer4(layer3(layer2(layer1(x))));
        fc(avgpool(x).flatten(1))
    }
)]
pub struct R3D18 {
    /// `BasicStem`: an `nn.Sequential` of a (3, 7, 7) convolution with stride (1, 2, 2),
    /// a batch norm and a ReLU.
    #[complexity(
        class = "BasicStem",
        sequential(
            conv3d(in = 3, out = 64, kernel = (3, 7, 7), stride = (1, 2, 2), padding = (1, 3, 3), bias = false),
            batch_norm3d,
            relu(inplace)
        )
    )]
    stem: (),
    layer1: (BasicBlock<64, 64, 1>, BasicBlock<64, 64, 1>),
    layer2: (BasicBlock<64, 128, 2>, BasicBlock<128, 128, 1>),
    layer3: (BasicBlock<128, 256, 2>, BasicBlock<256, 256, 1>),
    layer4: (BasicBlock<256, 512, 2>, BasicBlock<512, 512, 1>),
    #[complexity(adaptive_avg_pool3d(output_size = (1, 1, 1)))]
    avgpool: (),
    #[complexity(linear(in = 512, out = 400))]
    fc: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "r3d_18 at {}: {} params, {} FLOPs (training mode), {} FLOPs (eval mode), {} activations, output {}",
        R3D18::INPUT,
        R3D18::PARAMS,
        R3D18::FLOPS,
        R3D18::FLOPS_EVAL,
        R3D18::ACTIVATIONS,
        R3D18::OUTPUT,
    );
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<R3D18>(R3D18::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
