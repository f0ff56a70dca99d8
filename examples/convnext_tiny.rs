//! torchvision's `convnext_tiny()` (default arguments: stochastic depth 0.1, layer scale
//! 1e-6) in training mode on `[1, 3, 224, 224]`.
//!
//! Written by a newcomer from the docs alone, from torchvision 0.29's source: what
//! autograd keeps is PyTorch's own figure in float32 (109,155,876 bytes) and under
//! `torch.autocast("cpu", dtype=torch.bfloat16)` (112,764,900: the layer scale, a
//! float32 parameter, promotes each block's bf16 output to float32), in total, by dtype
//! and by module (`tests/autocast.rs`); 28,589,128 parameters.
//!
//! `cargo run --example convnext_tiny` prints both memory lines.

use complexity_core::Complexity;
use complexity_core::Mode;
use complexity_core::memory::{Device, Precision};
use complexity_core::report::Report;

/// torchvision's `LayerNorm2d(nn.LayerNorm)`: permute to channels-last, `F.layer_norm`, permute back.
#[derive(Complexity)]
#[complexity(class = "LayerNorm2d", forward = {
    let x = x.permute(0, 2, 3, 1);
    let x = F.layer_norm(x, (C,), weight, bias, 1e-6);
    x.permute(0, 3, 1, 2)
})]
pub struct LayerNorm2d<const C: usize> {
    #[complexity(parameter(shape = (C,)))]
    weight: (),
    #[complexity(parameter(shape = (C,)))]
    bias: (),
}

/// Stem: `Conv2dNormActivation(3, 96, kernel_size=4, stride=4, padding=0,
/// norm_layer=LayerNorm2d, activation_layer=None, bias=True)`.
#[derive(Complexity)]
#[complexity(class = "Conv2dNormActivation", sequential)]
pub struct Stem {
    #[complexity(conv2d(in = 3, out = 96, kernel = 4, stride = 4, padding = 0, bias = true))]
    conv: (),
    norm: LayerNorm2d<96>,
}

/// `CNBlock(dim, layer_scale=1e-6, sd_prob = 0.1 * ID / 17)`.
#[derive(Complexity)]
#[complexity(class = "CNBlock", forward = {
    let result = layer_scale * block(x);
    let result = stochastic_depth(result);
    result += x;
    result
})]
pub struct CNBlock<const DIM: usize, const ID: usize> {
    #[complexity(class = "Sequential", sequential(
        conv2d(in = DIM, out = DIM, kernel = 7, padding = 3, groups = DIM, bias = true),
        permute(dims = (0, 2, 3, 1)),
        layer_norm(eps = 1e-6),
        linear(out = 4 * DIM, bias = true),
        gelu,
        linear(out = DIM, bias = true),
        permute(dims = (0, 3, 1, 2))
    ))]
    block: (),
    #[complexity(parameter(shape = (DIM, 1, 1)))]
    layer_scale: (),
    #[complexity(stochastic_depth(p = 0.1 * (ID as f64) / 17.0, mode = "row"))]
    stochastic_depth: (),
}

/// Downsampling: `nn.Sequential(LayerNorm2d(IN), nn.Conv2d(IN, OUT, kernel_size=2, stride=2))`.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Downsample<const IN: usize, const OUT: usize> {
    norm: LayerNorm2d<IN>,
    #[complexity(conv2d(in = IN, out = OUT, kernel = 2, stride = 2))]
    conv: (),
}

#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Features {
    stem: Stem,
    s1: (CNBlock<96, 0>, CNBlock<96, 1>, CNBlock<96, 2>),
    d1: Downsample<96, 192>,
    s2: (CNBlock<192, 3>, CNBlock<192, 4>, CNBlock<192, 5>),
    d2: Downsample<192, 384>,
    s3: (
        CNBlock<384, 6>,
        CNBlock<384, 7>,
        CNBlock<384, 8>,
        CNBlock<384, 9>,
        CNBlock<384, 10>,
        CNBlock<384, 11>,
        CNBlock<384, 12>,
        CNBlock<384, 13>,
        CNBlock<384, 14>,
    ),
    d3: Downsample<384, 768>,
    s4: (CNBlock<768, 15>, CNBlock<768, 16>, CNBlock<768, 17>),
}

/// `nn.Sequential(LayerNorm2d(768), nn.Flatten(1), nn.Linear(768, 1000))`.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Classifier {
    norm: LayerNorm2d<768>,
    #[complexity(flatten(start_dim = 1))]
    flatten: (),
    #[complexity(linear(in = 768, out = 1000))]
    fc: (),
}

#[derive(Complexity)]
#[complexity(class = "ConvNeXt", input = [1, 3, 224, 224], forward = {
    let x = features(x);
    let x = avgpool(x);
    classifier(x)
})]
pub struct ConvNextTiny {
    features: Features,
    #[complexity(adaptive_avg_pool2d(output_size = 1))]
    avgpool: (),
    classifier: Classifier,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for precision in [Precision::Uniform, Precision::Autocast(Device::Cpu)] {
        let report = Report::of_in::<ConvNextTiny>(ConvNextTiny::INPUT, Mode::Train, precision)?;
        println!("{}", report.memory());
    }
    Ok(())
}
