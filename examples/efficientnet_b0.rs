//! torchvision's `efficientnet_b0()` (default arguments) in training mode on
//! `[1, 3, 224, 224]`.
//!
//! Written by a newcomer from the docs alone, from torchvision 0.29's source: what
//! autograd keeps is PyTorch's own figure in float32 (88,530,180 bytes) and under
//! `torch.autocast("cpu", dtype=torch.bfloat16)` (54,905,538), in total, by dtype and by
//! module (`tests/autocast.rs`); 5,288,548 parameters, torchvision's figure.
//!
//! `cargo run --example efficientnet_b0` prints both memory lines and what training
//! with AdamW under CPU autocast takes.

use complexity_core::memory::{Device, Optimizer, Precision, Training};
use complexity_core::report::Report;
use complexity_core::{Complexity, DType, Mode};

/// `Conv2dNormActivation(in, OUT, kernel_size=K, stride=S, groups=G,
/// norm_layer=nn.BatchNorm2d, activation_layer=nn.SiLU)`: padding (K-1)/2, no bias,
/// `nn.SiLU(inplace=True)`.
#[derive(Complexity)]
#[complexity(class = "Conv2dNormActivation", sequential)]
pub struct ConvBnSiLU<const OUT: usize, const K: usize, const S: usize, const G: usize> {
    #[complexity(conv2d(out = OUT, kernel = K, stride = S, padding = (K - 1) / 2, groups = G, bias = false))]
    conv: (),
    #[complexity(batch_norm2d)]
    bn: (),
    #[complexity(silu(inplace))]
    act: (),
}

/// `Conv2dNormActivation(..., kernel_size=1, activation_layer=None)`: the projection.
#[derive(Complexity)]
#[complexity(class = "Conv2dNormActivation", sequential)]
pub struct ConvBn<const OUT: usize> {
    #[complexity(conv2d(out = OUT, kernel = 1, bias = false))]
    conv: (),
    #[complexity(batch_norm2d)]
    bn: (),
}

/// `SqueezeExcitation(C, max(1, IN // 4), activation=partial(nn.SiLU, inplace=True))`,
/// `scale_activation = nn.Sigmoid`; `forward`: `scale * input`.
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
pub struct SqueezeExcitation<const C: usize, const IN: usize> {
    #[complexity(adaptive_avg_pool2d(output_size = 1))]
    avgpool: (),
    #[complexity(conv2d(in = C, out = IN / 4, kernel = 1))]
    fc1: (),
    #[complexity(conv2d(in = IN / 4, out = C, kernel = 1))]
    fc2: (),
    #[complexity(silu(inplace))]
    activation: (),
    #[complexity(sigmoid)]
    scale_activation: (),
}

/// `MBConv.block`: expand (only when EXP != IN), depthwise, SE, project.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct MBBlock<
    const IN: usize,
    const EXP: usize,
    const OUT: usize,
    const K: usize,
    const S: usize,
> {
    #[complexity(when = EXP != IN)]
    expand: ConvBnSiLU<EXP, 1, 1, 1>,
    depthwise: ConvBnSiLU<EXP, K, S, EXP>,
    se: SqueezeExcitation<EXP, IN>,
    project: ConvBn<OUT>,
}

/// torchvision's `MBConv`: `result = self.block(input); if self.use_res_connect:
/// result = self.stochastic_depth(result); result += input`.
/// `ID` is `stage_block_id`: `sd_prob = 0.2 * ID / 16`.
#[derive(Complexity)]
#[complexity(
    class = "MBConv",
    forward = {
        let result = block(x);
        if S == 1 && IN == OUT {
            let result = stochastic_depth(result);
            result + x
        } else {
            result
        }
    }
)]
pub struct MBConv<
    const IN: usize,
    const EXP: usize,
    const OUT: usize,
    const K: usize,
    const S: usize,
    const ID: usize,
> {
    block: MBBlock<IN, EXP, OUT, K, S>,
    #[complexity(stochastic_depth(p = 0.2 * (ID as f64) / 16.0, mode = "row"))]
    stochastic_depth: (),
}

/// `features`: stem, 7 stages, last conv.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Features {
    stem: ConvBnSiLU<32, 3, 2, 1>,
    //       IN  EXP  OUT  K  S  ID
    s1: (MBConv<32, 32, 16, 3, 1, 0>,),
    s2: (MBConv<16, 96, 24, 3, 2, 1>, MBConv<24, 144, 24, 3, 1, 2>),
    s3: (MBConv<24, 144, 40, 5, 2, 3>, MBConv<40, 240, 40, 5, 1, 4>),
    s4: (
        MBConv<40, 240, 80, 3, 2, 5>,
        MBConv<80, 480, 80, 3, 1, 6>,
        MBConv<80, 480, 80, 3, 1, 7>,
    ),
    s5: (
        MBConv<80, 480, 112, 5, 1, 8>,
        MBConv<112, 672, 112, 5, 1, 9>,
        MBConv<112, 672, 112, 5, 1, 10>,
    ),
    s6: (
        MBConv<112, 672, 192, 5, 2, 11>,
        MBConv<192, 1152, 192, 5, 1, 12>,
        MBConv<192, 1152, 192, 5, 1, 13>,
        MBConv<192, 1152, 192, 5, 1, 14>,
    ),
    s7: (MBConv<192, 1152, 320, 3, 1, 15>,),
    last: ConvBnSiLU<1280, 1, 1, 1>,
}

/// torchvision's `efficientnet_b0()`.
#[derive(Complexity)]
#[complexity(
    class = "EfficientNet",
    input = [1, 3, 224, 224],
    forward = {
        let x = features(x);
        let x = avgpool(x);
        let x = torch.flatten(x, 1);
        classifier(x)
    }
)]
pub struct EfficientNetB0 {
    features: Features,
    #[complexity(adaptive_avg_pool2d(output_size = 1))]
    avgpool: (),
    #[complexity(sequential(dropout(p = 0.2, inplace), linear(in = 1280, out = 1000)))]
    classifier: (),
}

/// AdamW under CPU autocast in bf16: float32 weights, gradients and two states (16 bytes
/// per parameter) and the bf16 and float32 activations autograd keeps.
pub const AMP_TRAIN_BYTES: u128 = EfficientNetB0::train_bytes(
    1,
    Training::autocast(DType::BF16, Optimizer::AdamW).device(Device::Cpu),
);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for precision in [Precision::Uniform, Precision::Autocast(Device::Cpu)] {
        let report =
            Report::of_in::<EfficientNetB0>(EfficientNetB0::INPUT, Mode::Train, precision)?;
        println!("{}", report.memory());
    }
    println!("training with AdamW under CPU autocast: {AMP_TRAIN_BYTES} bytes");
    Ok(())
}
