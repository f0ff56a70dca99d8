//! torchvision's `mobilenet_v3_small()` (default arguments), described with the same
//! module names, classes and forward operations as torchvision's source, by a newcomer
//! from the docs alone. What autograd keeps after a training forward is PyTorch's own
//! figure to the byte (16,266,720 bytes in float32, every module;
//! `tests/fixtures/saved/mobilenet_v3_small.json`, measured with `saved_tensors_hooks`).
//!
//! `cargo run --example mobilenet_v3_small` prints the totals, the memory line and the
//! training memory with AdamW in float32.

use complexity_core::layer::{Activation, ActivationKind, Layer};
use complexity_core::memory::{Device, Optimizer, Training};
use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Module};

/// `nn.ReLU(inplace=True)` (the `RE` activation of a `Conv2dNormActivation`).
pub struct ReLU;
impl Complexity for ReLU {
    const MODULE: Module = Module::layer(Layer::Activation(
        Activation::new(ActivationKind::ReLU).inplace(true),
    ));
}

/// `nn.Hardswish(inplace=True)` (the `HS` activation of a `Conv2dNormActivation`).
pub struct Hardswish;
impl Complexity for Hardswish {
    const MODULE: Module = Module::layer(Layer::Activation(
        Activation::new(ActivationKind::Hardswish).inplace(true),
    ));
}

/// `Conv2dNormActivation(in, OUT, kernel_size=K, stride=S, groups=G, norm_layer=BN(eps=1e-3,
/// momentum=0.01), activation_layer=A)`: padding `(K − 1) / 2`, no bias.
#[derive(Complexity)]
#[complexity(class = "Conv2dNormActivation", sequential)]
pub struct ConvNormAct<
    const OUT: usize,
    const K: usize,
    const S: usize,
    const G: usize,
    A: Complexity,
> {
    #[complexity(conv2d(out = OUT, kernel = K, stride = S, padding = (K - 1) / 2, groups = G, bias = false))]
    conv: (),
    #[complexity(batch_norm2d(eps = 0.001, momentum = 0.01))]
    bn: (),
    act: A,
}

/// `Conv2dNormActivation(..., kernel_size=1, activation_layer=None)`: the projection.
#[derive(Complexity)]
#[complexity(class = "Conv2dNormActivation", sequential)]
pub struct ConvNorm<const OUT: usize> {
    #[complexity(conv2d(out = OUT, kernel = 1, bias = false))]
    conv: (),
    #[complexity(batch_norm2d(eps = 0.001, momentum = 0.01))]
    bn: (),
}

/// torchvision's `ops.SqueezeExcitation(C, SQ, scale_activation=nn.Hardsigmoid)`:
/// `scale = scale_activation(fc2(activation(fc1(avgpool(input))))); return scale * input`.
#[derive(Complexity)]
#[complexity(
    class = "SqueezeExcitation",
    forward = {
        let scale = avgpool(x);
        let scale = fc1(scale);
        let scale = activation(scale);
        let scale = fc2(scale);
        let scale = scale_activation(scale);
        scale * x
    }
)]
pub struct SqueezeExcitation<const C: usize, const SQ: usize> {
    #[complexity(adaptive_avg_pool2d(output_size = 1))]
    avgpool: (),
    #[complexity(conv2d(in = C, out = SQ, kernel = 1))]
    fc1: (),
    #[complexity(conv2d(in = SQ, out = C, kernel = 1))]
    fc2: (),
    #[complexity(relu)]
    activation: (),
    #[complexity(hardsigmoid)]
    scale_activation: (),
}

/// `InvertedResidual.block`: expand (only when `EXP != IN`), depthwise, SE (when `SE`),
/// project; numbered from 0 over the present ones.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Block<
    const IN: usize,
    const K: usize,
    const EXP: usize,
    const OUT: usize,
    const SE: bool,
    const S: usize,
    const SQ: usize,
    A: Complexity,
> {
    #[complexity(when = EXP != IN)]
    expand: ConvNormAct<EXP, 1, 1, 1, A>,
    depthwise: ConvNormAct<EXP, K, S, EXP, A>,
    #[complexity(when = SE)]
    se: SqueezeExcitation<EXP, SQ>,
    project: ConvNorm<OUT>,
}

/// torchvision's `InvertedResidual`: `result = self.block(input); if self.use_res_connect:
/// result += input; return result`.
#[derive(Complexity)]
#[complexity(forward = {
    let result = block(x);
    if S == 1 && IN == OUT { result + x } else { result }
})]
pub struct InvertedResidual<
    const IN: usize,
    const K: usize,
    const EXP: usize,
    const OUT: usize,
    const SE: bool,
    const S: usize,
    const SQ: usize,
    A: Complexity,
> {
    block: Block<IN, K, EXP, OUT, SE, S, SQ, A>,
}

/// `features`: the stem, the 11 bneck blocks of `mobilenet_v3_small`, the last conv.
/// Squeeze channels are `_make_divisible(EXP // 4, 8)`.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Features {
    stem: ConvNormAct<16, 3, 2, 1, Hardswish>,
    //                 IN  K  EXP  OUT SE     S  SQ   act
    b1: InvertedResidual<16, 3, 16, 16, true, 2, 8, ReLU>,
    b2: InvertedResidual<16, 3, 72, 24, false, 2, 0, ReLU>,
    b3: InvertedResidual<24, 3, 88, 24, false, 1, 0, ReLU>,
    b4: InvertedResidual<24, 5, 96, 40, true, 2, 24, Hardswish>,
    b5: InvertedResidual<40, 5, 240, 40, true, 1, 64, Hardswish>,
    b6: InvertedResidual<40, 5, 240, 40, true, 1, 64, Hardswish>,
    b7: InvertedResidual<40, 5, 120, 48, true, 1, 32, Hardswish>,
    b8: InvertedResidual<48, 5, 144, 48, true, 1, 40, Hardswish>,
    b9: InvertedResidual<48, 5, 288, 96, true, 2, 72, Hardswish>,
    b10: InvertedResidual<96, 5, 576, 96, true, 1, 144, Hardswish>,
    b11: InvertedResidual<96, 5, 576, 96, true, 1, 144, Hardswish>,
    last: ConvNormAct<576, 1, 1, 1, Hardswish>,
}

/// torchvision's `mobilenet_v3_small()`: `features`, `avgpool`, `torch.flatten(x, 1)`,
/// `classifier`.
#[derive(Complexity)]
#[complexity(
    class = "MobileNetV3",
    input = [1, 3, 224, 224],
    forward = {
        let x = features(x);
        let x = avgpool(x);
        let x = torch.flatten(x, 1);
        classifier(x)
    }
)]
pub struct MobileNetV3Small {
    features: Features,
    #[complexity(adaptive_avg_pool2d(output_size = 1))]
    avgpool: (),
    #[complexity(sequential(
        linear(in = 576, out = 1024),
        hardswish(inplace),
        dropout(p = 0.2, inplace),
        linear(in = 1024, out = 1000)
    ))]
    classifier: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let report = Report::of::<MobileNetV3Small>(MobileNetV3Small::INPUT, Mode::Train)?;
    println!("{}", report.headline());
    println!("{}", report.memory());
    let adamw = Training::new(Optimizer::AdamW).device(Device::Cpu);
    println!("AdamW, float32, CPU: {}", adamw.memory(report.totals())?);
    Ok(())
}
