//! torchvision's MobileNetV2, described with the same module names.
//!
//! `cargo run --example mobilenet_v2` prints the totals and mmengine's `out_table` in
//! training mode, then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// torchvision's `Conv2dNormActivation(in, OUT, kernel_size = KERNEL, stride = STRIDE,
/// activation_layer = nn.ReLU6)`: convolution (padding `(KERNEL − 1) / 2`), batch norm,
/// ReLU6, numbered `0`, `1`, `2`.
#[derive(Complexity)]
#[complexity(class = "Conv2dNormActivation", sequential)]
pub struct ConvBNReLU6<const OUT: usize, const KERNEL: usize, const STRIDE: usize> {
    #[complexity(conv2d(out = OUT, kernel = KERNEL, stride = STRIDE, padding = (KERNEL - 1) / 2, bias = false))]
    conv: (),
    #[complexity(batch_norm2d)]
    bn: (),
    #[complexity(relu6(inplace))]
    act: (),
}

/// The `conv` of `InvertedResidual(IN, OUT, STRIDE, expand_ratio = T)`: an expanding
/// 1×1 (only when `T != 1`), a depthwise 3×3, and a linear 1×1 projection, numbered in
/// order, as torchvision builds the list.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct InvertedConv<const IN: usize, const OUT: usize, const STRIDE: usize, const T: usize> {
    #[complexity(
        when = T != 1,
        class = "Conv2dNormActivation",
        sequential(conv2d(out = IN * T, kernel = 1, bias = false), batch_norm2d, relu6(inplace))
    )]
    expand: (),
    #[complexity(
        class = "Conv2dNormActivation",
        sequential(
            conv2d(out = IN * T, kernel = 3, stride = STRIDE, padding = 1, groups = IN * T, bias = false),
            batch_norm2d,
            relu6(inplace)
        )
    )]
    depthwise: (),
    #[complexity(conv2d(out = OUT, kernel = 1, bias = false))]
    project: (),
    #[complexity(batch_norm2d)]
    bn: (),
}

/// torchvision's `InvertedResidual`: the shortcut only where the shape allows
/// (`use_res_connect = stride == 1 and inp == oup`).
#[derive(Complexity)]
#[complexity(forward = if STRIDE == 1 && IN == OUT { x + conv(x) } else { conv(x) })]
pub struct InvertedResidual<const IN: usize, const OUT: usize, const STRIDE: usize, const T: usize>
{
    conv: InvertedConv<IN, OUT, STRIDE, T>,
}

/// One row `[t, c, n, s]` of `inverted_residual_setting`: a first block from `IN` to `OUT`
/// channels with stride `S`, then `REST = n − 1` blocks on `OUT` channels; a fragment, so
/// the blocks take the next positions of `features`.
#[derive(Complexity)]
#[complexity(fragment)]
pub struct Stage<
    const IN: usize,
    const OUT: usize,
    const T: usize,
    const S: usize,
    const REST: usize,
> {
    first: InvertedResidual<IN, OUT, S, T>,
    #[complexity(splice)]
    rest: [InvertedResidual<OUT, OUT, 1, T>; REST],
}

/// `features`: the stem, the seven rows of `inverted_residual_setting`, the last
/// convolution; numbered `0` to `18`.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Features {
    stem: ConvBNReLU6<32, 3, 2>,
    s1: Stage<32, 16, 1, 1, 0>,
    s2: Stage<16, 24, 6, 2, 1>,
    s3: Stage<24, 32, 6, 2, 2>,
    s4: Stage<32, 64, 6, 2, 3>,
    s5: Stage<64, 96, 6, 1, 2>,
    s6: Stage<96, 160, 6, 2, 2>,
    s7: Stage<160, 320, 6, 1, 0>,
    last: ConvBNReLU6<1280, 1, 1>,
}

/// torchvision's `mobilenet_v2()`. The pool is functional
/// (`nn.functional.adaptive_avg_pool2d(x, (1, 1))`), so mmengine charges it to the model.
#[derive(Complexity)]
#[complexity(
    class = "MobileNetV2",
    input = (3, 224, 224),
    forward = classifier(features(x).adaptive_avg_pool2d((1, 1)).flatten(1))
)]
pub struct MobileNetV2 {
    features: Features,
    #[complexity(sequential(dropout(p = 0.2), linear(in = 1280, out = 1000)))]
    classifier: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<MobileNetV2>(MobileNetV2::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
        println!("counted as 0 FLOPs: {:?}", report.zero_ops());
    }
    Ok(())
}
