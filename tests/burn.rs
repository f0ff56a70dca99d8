//! burn models described where they are defined (`#[derive(Module, Debug, Complexity)]`),
//! checked against burn itself: every parameter's name and shape through burn's module
//! visitor (burn's layouts mapped to PyTorch's), `num_params()` against the description's
//! parameters (plus batch norm's running statistics, which burn counts), and the output
//! shape of a real forward pass on zeros (burn's CPU backend, `flex`) against `OUTPUT`.

use burn::module::Module;
use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::{AdaptiveAvgPool2d, AdaptiveAvgPool2dConfig, MaxPool2d, MaxPool2dConfig};
use burn::nn::{
    BatchNorm, BatchNormConfig, Gelu, LayerNorm, LayerNormConfig, Linear, LinearConfig,
    PaddingConfig2d, Relu,
};
use burn::tensor::activation::softmax;
use burn::tensor::{Device, Tensor};
use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Shape};

fn conv(device: &Device, io: [usize; 2], k: usize, stride: usize, pad: usize) -> Conv2d {
    Conv2dConfig::new(io, [k, k])
        .with_stride([stride, stride])
        .with_padding(PaddingConfig2d::Explicit(pad, pad, pad, pad))
        .with_bias(false)
        .init(device)
}

/// torchvision's `BasicBlock` without a downsample, as a burn module.
#[derive(Module, Debug, Complexity)]
#[complexity(forward = relu(bn2(conv2(relu(bn1(conv1(x))))) + x))]
pub struct BasicBlock<const C: usize> {
    #[complexity(conv2d(in = C, out = C, kernel = 3, padding = 1, bias = false))]
    conv1: Conv2d,
    #[complexity(batch_norm2d)]
    bn1: BatchNorm,
    #[complexity(relu(inplace))]
    relu: Relu,
    #[complexity(conv2d(out = C, kernel = 3, padding = 1, bias = false))]
    conv2: Conv2d,
    #[complexity(batch_norm2d)]
    bn2: BatchNorm,
}

impl<const C: usize> BasicBlock<C> {
    fn new(device: &Device) -> Self {
        BasicBlock {
            conv1: conv(device, [C, C], 3, 1, 1),
            bn1: BatchNormConfig::new(C).init(device),
            relu: Relu::new(),
            conv2: conv(device, [C, C], 3, 1, 1),
            bn2: BatchNormConfig::new(C).init(device),
        }
    }

    fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let y = self
            .relu
            .forward(self.bn1.forward(self.conv1.forward(x.clone())));
        self.relu
            .forward(self.bn2.forward(self.conv2.forward(y)) + x)
    }
}

/// The first block of a stage: stride 2 and a projection shortcut (burn names the
/// shortcut's layers as fields, so they are described under these names).
#[derive(Module, Debug, Complexity)]
#[complexity(forward = relu(bn2(conv2(relu(bn1(conv1(x))))) + down_bn(down_conv(x))))]
pub struct DownBlock<const IN: usize, const OUT: usize> {
    #[complexity(conv2d(in = IN, out = OUT, kernel = 3, stride = 2, padding = 1, bias = false))]
    conv1: Conv2d,
    #[complexity(batch_norm2d)]
    bn1: BatchNorm,
    #[complexity(relu(inplace))]
    relu: Relu,
    #[complexity(conv2d(out = OUT, kernel = 3, padding = 1, bias = false))]
    conv2: Conv2d,
    #[complexity(batch_norm2d)]
    bn2: BatchNorm,
    #[complexity(conv2d(in = IN, out = OUT, kernel = 1, stride = 2, bias = false))]
    down_conv: Conv2d,
    #[complexity(batch_norm2d)]
    down_bn: BatchNorm,
}

impl<const IN: usize, const OUT: usize> DownBlock<IN, OUT> {
    fn new(device: &Device) -> Self {
        DownBlock {
            conv1: conv(device, [IN, OUT], 3, 2, 1),
            bn1: BatchNormConfig::new(OUT).init(device),
            relu: Relu::new(),
            conv2: conv(device, [OUT, OUT], 3, 1, 1),
            bn2: BatchNormConfig::new(OUT).init(device),
            down_conv: conv(device, [IN, OUT], 1, 2, 0),
            down_bn: BatchNormConfig::new(OUT).init(device),
        }
    }

    fn forward(&self, x: Tensor<4>) -> Tensor<4> {
        let y = self
            .relu
            .forward(self.bn1.forward(self.conv1.forward(x.clone())));
        let shortcut = self.down_bn.forward(self.down_conv.forward(x));
        self.relu
            .forward(self.bn2.forward(self.conv2.forward(y)) + shortcut)
    }
}

/// ResNet-18 in burn, described on its own struct; at 64×64 pixels so that the forward
/// pass on zeros stays quick in a debug build (the parameters do not depend on it).
#[derive(Module, Debug, Complexity)]
#[complexity(input = (3, 64, 64), class = "ResNet", forward = {
    let x = maxpool(relu(bn1(conv1(x))));
    let x = layer4(layer3(layer2(layer1(x))));
    fc(avgpool(x).flatten(1))
})]
pub struct ResNet18 {
    #[complexity(conv2d(out = 64, kernel = 7, stride = 2, padding = 3, bias = false))]
    conv1: Conv2d,
    #[complexity(batch_norm2d)]
    bn1: BatchNorm,
    #[complexity(relu(inplace))]
    relu: Relu,
    #[complexity(max_pool2d(kernel = 3, stride = 2, padding = 1))]
    maxpool: MaxPool2d,
    layer1: (BasicBlock<64>, BasicBlock<64>),
    layer2: (DownBlock<64, 128>, BasicBlock<128>),
    layer3: (DownBlock<128, 256>, BasicBlock<256>),
    layer4: (DownBlock<256, 512>, BasicBlock<512>),
    #[complexity(adaptive_avg_pool2d(output_size = 1))]
    avgpool: AdaptiveAvgPool2d,
    #[complexity(linear(out = 1000))]
    fc: Linear,
}

impl ResNet18 {
    fn new(device: &Device) -> Self {
        ResNet18 {
            conv1: conv(device, [3, 64], 7, 2, 3),
            bn1: BatchNormConfig::new(64).init(device),
            relu: Relu::new(),
            maxpool: MaxPool2dConfig::new([3, 3])
                .with_strides([2, 2])
                .with_padding(PaddingConfig2d::Explicit(1, 1, 1, 1))
                .init(),
            layer1: (BasicBlock::new(device), BasicBlock::new(device)),
            layer2: (DownBlock::new(device), BasicBlock::new(device)),
            layer3: (DownBlock::new(device), BasicBlock::new(device)),
            layer4: (DownBlock::new(device), BasicBlock::new(device)),
            avgpool: AdaptiveAvgPool2dConfig::new([1, 1]).init(),
            fc: LinearConfig::new(512, 1000).init(device),
        }
    }

    fn forward(&self, x: Tensor<4>) -> Tensor<2> {
        let x = self
            .maxpool
            .forward(self.relu.forward(self.bn1.forward(self.conv1.forward(x))));
        let x = self.layer1.1.forward(self.layer1.0.forward(x));
        let x = self.layer2.1.forward(self.layer2.0.forward(x));
        let x = self.layer3.1.forward(self.layer3.0.forward(x));
        let x = self.layer4.1.forward(self.layer4.0.forward(x));
        self.fc.forward(self.avgpool.forward(x).flatten::<2>(1, 3))
    }
}

#[test]
fn a_burn_resnet18_is_its_description() {
    let device = Device::flex();
    let model = ResNet18::new(&device);
    let report = Report::of::<ResNet18>(ResNet18::INPUT, Mode::Eval).unwrap();
    // torchvision's resnet18 has 11,689,512 parameters; burn also counts the 20 batch
    // norms' running means and variances: their channels are 64 (bn1), 4·64 (layer1),
    // 5·128, 5·256 and 5·512 (a stage's first block has three), 4,800 in all, so 2 · 4,800
    // = 9,600 more.
    assert_eq!(ResNet18::PARAMS, 11_689_512);
    assert_eq!(complexity_core::burn::running_stats(&report), 9_600);
    assert_eq!(model.num_params() as u64, 11_689_512 + 9_600);
    complexity_core::burn::assert_matches(&model, &report);
    // Burn's `Linear` stores `[d_input, d_output]`: mapped to PyTorch's `[out, in]`.
    let tensors = complexity_core::burn::tensors(&model);
    assert_eq!(tensors["fc.weight"].shape, [1000, 512]);
    assert_eq!(tensors["layer2.0.down_bn.weight"].shape, [128]);
    // A real forward pass on zeros has the description's output shape.
    let input: [usize; 4] = core::array::from_fn(|i| ResNet18::INPUT.dims()[i] as usize);
    let y = model.forward(Tensor::<4>::zeros(input, &device));
    assert_eq!(Shape::new(&y.dims().map(|d| d as u64)), ResNet18::OUTPUT);
}

/// A pre-norm transformer block (ViT's layout), its attention written out with four
/// projections, 4 heads of 16.
#[derive(Module, Debug, Complexity)]
#[complexity(input = [1, 16, 64], forward = {
    let h = norm1(x);
    let q = q(h).unflatten(-1, (4, 16)).transpose(1, 2);
    let k = k(h).unflatten(-1, (4, 16)).transpose(1, 2);
    let v = v(h).unflatten(-1, (4, 16)).transpose(1, 2);
    let a = (matmul(q, k.transpose(2, 3)) * 0.25).softmax(-1);
    let x = x + o(matmul(a, v).transpose(1, 2).flatten(2));
    x + fc2(gelu(fc1(norm2(x))))
})]
pub struct TransformerBlock {
    #[complexity(layer_norm)]
    norm1: LayerNorm,
    #[complexity(linear(out = 64))]
    q: Linear,
    #[complexity(linear(out = 64))]
    k: Linear,
    #[complexity(linear(out = 64))]
    v: Linear,
    #[complexity(linear(out = 64))]
    o: Linear,
    #[complexity(layer_norm)]
    norm2: LayerNorm,
    #[complexity(linear(out = 256))]
    fc1: Linear,
    #[complexity(gelu)]
    gelu: Gelu,
    #[complexity(linear(out = 64))]
    fc2: Linear,
}

impl TransformerBlock {
    fn new(device: &Device) -> Self {
        let linear = |i, o| LinearConfig::new(i, o).init(device);
        TransformerBlock {
            norm1: LayerNormConfig::new(64).init(device),
            q: linear(64, 64),
            k: linear(64, 64),
            v: linear(64, 64),
            o: linear(64, 64),
            norm2: LayerNormConfig::new(64).init(device),
            fc1: linear(64, 256),
            gelu: Gelu::new(),
            fc2: linear(256, 64),
        }
    }

    fn forward(&self, x: Tensor<3>) -> Tensor<3> {
        let [b, n, d] = x.dims();
        let h = self.norm1.forward(x.clone());
        let heads = |t: Tensor<3>| t.reshape([b, n, 4, 16]).swap_dims(1, 2);
        let q = heads(self.q.forward(h.clone()));
        let k = heads(self.k.forward(h.clone()));
        let v = heads(self.v.forward(h));
        let a = softmax(q.matmul(k.swap_dims(2, 3)) * 0.25, 3);
        let x = x + self
            .o
            .forward(a.matmul(v).swap_dims(1, 2).reshape([b, n, d]));
        x.clone()
            + self
                .fc2
                .forward(self.gelu.forward(self.fc1.forward(self.norm2.forward(x))))
    }
}

#[test]
fn a_burn_transformer_block_is_its_description() {
    // Params: 4 · (64·64 + 64) = 16,640, two layer norms 2 · 128, fc1 64·256 + 256,
    // fc2 256·64 + 64: 49,984; no running statistics, so burn's count is the same.
    // FLOPs: the projections 4 · 16·64·64 = 262,144, scores and weighted sum
    // 2 · 4·16·16·16 = 32,768, the MLP 2 · 16·64·256 = 524,288, the norms 2 · 16·64·5 =
    // 10,240: 829,440.
    assert_eq!(TransformerBlock::PARAMS, 49_984);
    assert_eq!(TransformerBlock::FLOPS, 829_440);
    let device = Device::flex();
    let model = TransformerBlock::new(&device);
    let report = Report::of::<TransformerBlock>(TransformerBlock::INPUT, Mode::Eval).unwrap();
    complexity_core::burn::assert_matches(&model, &report);
    // The same at the description's own input, in one call.
    complexity_core::burn::check(&model);
    assert_eq!(model.num_params() as u64, TransformerBlock::PARAMS);
    let y = model.forward(Tensor::<3>::zeros([1, 16, 64], &device));
    assert_eq!(
        Shape::new(&y.dims().map(|d| d as u64)),
        TransformerBlock::OUTPUT
    );
}

/// A description that drifted from the burn model (a classifier of 10 classes against a
/// burn `Linear(512, 1000)`) is reported tensor by tensor.
#[derive(Complexity)]
#[complexity(input = [1, 512])]
struct Head {
    #[complexity(linear(out = 10))]
    fc: (),
}

#[derive(Module, Debug)]
struct BurnHead {
    fc: Linear,
}

#[test]
fn a_drifted_description_is_reported() {
    let device = Device::flex();
    let model = BurnHead {
        fc: LinearConfig::new(512, 1000).init(&device),
    };
    let report = Report::of::<Head>(Head::INPUT, Mode::Eval).unwrap();
    let diff = complexity_core::burn::compare(&model, &report);
    assert!(!diff.is_match());
    let names: Vec<&str> = diff.mismatched.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["fc.weight", "fc.bias"]);
    assert_eq!(diff.mismatched[0].found.shape, [1000, 512]);
    // Burn's float type is its backend's: no dtype in the message.
    assert!(
        diff.to_string().contains(
            "mismatched fc.weight: the description has [10, 512], the burn model [1000, 512]\n"
        ),
        "{diff}"
    );
}
