//! torchvision's ResNet-18, described with the same module names, analysed by the compiler.
//!
//! `cargo run --example resnet18` prints the hand computation of the first convolution
//! next to the analyser's figures, the totals, and mmengine's `out_table` in training mode
//! (what `get_model_complexity_info` reports for a freshly built model), then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Model};

/// torchvision's `BasicBlock(inplanes = IN, planes = OUT, stride = STRIDE)`. Its
/// `downsample` (a 1×1 convolution and a batch norm) exists only when the block changes
/// the shape, as in torchvision's `_make_layer`; when it does not, calling it passes `x`
/// through, like `if self.downsample is not None`.
#[derive(Complexity)]
#[complexity(forward = relu(bn2(conv2(relu(bn1(conv1(x))))) + downsample(x)))]
pub struct BasicBlock<const IN: usize, const OUT: usize, const STRIDE: usize> {
    #[complexity(conv2d(in = IN, out = OUT, kernel = 3, stride = STRIDE, padding = 1, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    bn1: (),
    #[complexity(relu(inplace))]
    relu: (),
    #[complexity(conv2d(in = OUT, out = OUT, kernel = 3, padding = 1, bias = false))]
    conv2: (),
    #[complexity(batch_norm2d)]
    bn2: (),
    #[complexity(
        when = STRIDE != 1 || IN != OUT,
        sequential(conv2d(in = IN, out = OUT, kernel = 1, stride = STRIDE, bias = false), batch_norm2d)
    )]
    downsample: (),
}

/// torchvision's `resnet18()`: `layers = [2, 2, 2, 2]`.
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
pub struct ResNet18 {
    #[complexity(conv2d(in = 3, out = 64, kernel = 7, stride = 2, padding = 3, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    bn1: (),
    #[complexity(relu(inplace))]
    relu: (),
    #[complexity(max_pool2d(kernel = 3, stride = 2, padding = 1))]
    maxpool: (),
    layer1: (BasicBlock<64, 64, 1>, BasicBlock<64, 64, 1>),
    layer2: (BasicBlock<64, 128, 2>, BasicBlock<128, 128, 1>),
    layer3: (BasicBlock<128, 256, 2>, BasicBlock<256, 256, 1>),
    layer4: (BasicBlock<256, 512, 2>, BasicBlock<512, 512, 1>),
    #[complexity(adaptive_avg_pool2d(output_size = (1, 1)))]
    avgpool: (),
    #[complexity(linear(in = 512, out = 1000))]
    fc: (),
}

/// Computed by the compiler: a buffer for every parameter as `f32` bytes is an array type.
const PARAM_BYTES: usize = ResNet18::PARAMS as usize * size_of::<f32>();

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The hand computation of the first convolution: 3 → 64 channels, 7×7 kernel, stride 2,
    // padding 3, on 224×224: the output is ⌊(224 + 2·3 − 7) / 2⌋ + 1 = 112 pixels a side.
    let hand_params = 7 * 7 * 3 * 64;
    let hand_flops = 7 * 7 * 3 * 64 * 112 * 112;
    let hand_acts = 64 * 112 * 112;

    let train = Report::of::<ResNet18>(ResNet18::INPUT, Mode::Train)?;
    let conv1 = train.module("conv1").expect("conv1 is a module");
    println!(
        "conv1 by hand:  params 7·7·3·64 = {hand_params}, FLOPs 7·7·3·64·112·112 = {hand_flops}, activations 64·112·112 = {hand_acts}"
    );
    println!(
        "conv1 analysed: params {}, FLOPs {}, activations {}, output {}",
        conv1.cost().params,
        conv1.cost().flops,
        conv1.cost().activations,
        conv1.output().expect("conv1 is called")
    );
    println!();
    println!(
        "ResNet-18 at {} (training mode, mmengine's default): {} params ({}), {} FLOPs ({}), {} activations ({}), output {}",
        ResNet18::INPUT,
        ResNet18::PARAMS,
        train.params_str(),
        ResNet18::FLOPS,
        train.flops_str(),
        ResNet18::ACTIVATIONS,
        train.activations_str(),
        ResNet18::OUTPUT,
    );
    println!("float32 weights: {PARAM_BYTES} bytes");
    print!("{}", train.table());

    let eval = Report::of::<ResNet18>(<ResNet18 as Model>::INPUT, Mode::Eval)?;
    println!();
    println!(
        "eval mode: {} FLOPs ({}), batch norm counted 2× instead of 5× its input",
        ResNet18::FLOPS_EVAL,
        eval.flops_str()
    );
    print!("{}", eval.table());
    Ok(())
}
