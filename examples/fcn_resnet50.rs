//! torchvision's `fcn_resnet50(weights = None, weights_backbone = None, aux_loss =
//! False)` (`torchvision.models.segmentation`): a ResNet-50 backbone with dilation in its
//! last two stages (`replace_stride_with_dilation = [False, True, True]`), the `FCNHead`
//! and bilinear upsampling to the input's size, analysed by the compiler at mmengine's
//! input `[1, 3, 224, 224]`; at any other input the output follows it.
//!
//! `cargo run --example fcn_resnet50` prints the totals and mmengine's `out_table` in
//! training mode, then eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// torchvision's `Bottleneck(inplanes = IN, planes = PLANES, stride = STRIDE, dilation = DIL)`.
#[derive(Complexity)]
#[complexity(forward = relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + downsample(x)))]
pub struct Bottleneck<const IN: usize, const PLANES: usize, const STRIDE: usize, const DIL: usize> {
    #[complexity(conv2d(in = IN, out = PLANES, kernel = 1, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    bn1: (),
    #[complexity(conv2d(out = PLANES, kernel = 3, stride = STRIDE, padding = DIL, dilation = DIL, bias = false))]
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

/// `ResNet._make_layer(Bottleneck, PLANES, blocks = 1 + REST, stride, dilate)`: the first
/// block runs at the previous dilation `FIRST_DIL`, the rest at `DIL`.
#[derive(Complexity)]
#[complexity(class = "Sequential", sequential)]
pub struct Stage<
    const IN: usize,
    const PLANES: usize,
    const OUT: usize,
    const STRIDE: usize,
    const FIRST_DIL: usize,
    const DIL: usize,
    const REST: usize,
> {
    first: Bottleneck<IN, PLANES, STRIDE, FIRST_DIL>,
    #[complexity(splice)]
    rest: [Bottleneck<OUT, PLANES, 1, DIL>; REST],
}

/// `IntermediateLayerGetter(resnet50(replace_stride_with_dilation=[False, True, True]),
/// return_layers={"layer4": "out"})`: resnet's children up to `layer4`.
#[derive(Complexity)]
#[complexity(class = "IntermediateLayerGetter")]
pub struct Backbone {
    #[complexity(conv2d(in = 3, out = 64, kernel = 7, stride = 2, padding = 3, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    bn1: (),
    #[complexity(relu(inplace))]
    relu: (),
    #[complexity(max_pool2d(kernel = 3, stride = 2, padding = 1))]
    maxpool: (),
    layer1: Stage<64, 64, 256, 1, 1, 1, 2>,
    layer2: Stage<256, 128, 512, 2, 1, 1, 3>,
    layer3: Stage<512, 256, 1024, 1, 1, 2, 5>,
    layer4: Stage<1024, 512, 2048, 1, 2, 4, 2>,
}

/// `FCNHead(2048, 21)`: an `nn.Sequential` subclass.
#[derive(Complexity)]
#[complexity(class = "FCNHead", sequential)]
pub struct FcnHead {
    #[complexity(conv2d(in = 2048, out = 512, kernel = 3, padding = 1, bias = false))]
    conv: (),
    #[complexity(batch_norm2d)]
    bn: (),
    #[complexity(relu)]
    relu: (),
    #[complexity(dropout(p = 0.1))]
    drop: (),
    #[complexity(conv2d(out = 21, kernel = 1))]
    cls: (),
}

/// `FCN(backbone, classifier, aux_classifier=None)`: the backbone's `"out"` feature,
/// the head, and `F.interpolate(x, size = input_shape, mode = "bilinear",
/// align_corners = False)` back to the input's size (`input_shape = x.shape[-2:]`),
/// charged to the model itself, as in mmengine. torchvision returns `{"out": …}` (and
/// the backbone a dict too): here the tensor itself, no figure depends on the dict.
#[derive(Complexity)]
#[complexity(
    class = "FCN",
    input = (3, 224, 224),
    forward = {
        let features = backbone(x);
        let y = classifier(features);
        F.interpolate(y, size = x.shape[-2..], mode = "bilinear", align_corners = false)
    }
)]
pub struct FcnResNet50 {
    backbone: Backbone,
    classifier: FcnHead,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "fcn_resnet50 at {}: {} params, {} FLOPs (training mode), {} FLOPs (eval mode), {} activations, output {}",
        FcnResNet50::INPUT,
        FcnResNet50::PARAMS,
        FcnResNet50::FLOPS,
        FcnResNet50::FLOPS_EVAL,
        FcnResNet50::ACTIVATIONS,
        FcnResNet50::OUTPUT,
    );
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<FcnResNet50>(FcnResNet50::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
