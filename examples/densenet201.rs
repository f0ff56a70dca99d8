//! torchvision's DenseNet-201 (`torchvision.models.densenet201()`: growth rate 32, dense
//! blocks of 6, 12, 48 and 32 layers, 64 initial features, bottleneck size 4, no dropout),
//! described with the same module names and classes, analysed by the compiler at
//! mmengine's input `[1, 3, 224, 224]`.
//!
//! `cargo run --example densenet201` prints the totals and mmengine's `out_table` in
//! training mode (what `get_model_complexity_info` reports for a freshly built model), then
//! eval mode.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// `growth_rate`: the channels each `_DenseLayer` adds.
pub const GROWTH_RATE: usize = 32;
/// `bn_size`: the bottleneck (`conv1`) has `BN_SIZE · GROWTH_RATE` channels.
pub const BN_SIZE: usize = 4;

/// torchvision's `_DenseLayer(num_input_features = IN, growth_rate = 32, bn_size = 4,
/// drop_rate = 0)`: batch norm, ReLU and a 1×1 convolution to 128 channels (the
/// bottleneck, `bn_function`), then batch norm, ReLU and a 3×3 convolution to the 32 new
/// features, which it returns.
///
/// In torchvision the layer receives the list of all previous features and starts with
/// `torch.cat(inputs, 1)`; here it receives that concatenation, `IN` channels, made by
/// the block's `forward` (see [`DenseBlock1`]). Its own forward is the default, the
/// fields in order.
#[derive(Complexity)]
#[complexity(class = "_DenseLayer")]
pub struct DenseLayer<const IN: usize> {
    #[complexity(batch_norm2d(num_features = IN))]
    norm1: (),
    #[complexity(relu(inplace))]
    relu1: (),
    #[complexity(conv2d(in = IN, out = BN_SIZE * GROWTH_RATE, kernel = 1, stride = 1, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    norm2: (),
    #[complexity(relu(inplace))]
    relu2: (),
    #[complexity(conv2d(out = GROWTH_RATE, kernel = 3, stride = 1, padding = 1, bias = false))]
    conv2: (),
}

/// torchvision's `_Transition(num_input_features = IN, num_output_features = OUT)` (an
/// `nn.Sequential` subclass): batch norm, ReLU, a 1×1 convolution halving the channels
/// and a 2×2 average pool halving height and width.
#[derive(Complexity)]
#[complexity(class = "_Transition")]
pub struct Transition<const IN: usize, const OUT: usize> {
    #[complexity(batch_norm2d(num_features = IN))]
    norm: (),
    #[complexity(relu(inplace))]
    relu: (),
    #[complexity(conv2d(in = IN, out = OUT, kernel = 1, stride = 1, bias = false))]
    conv: (),
    #[complexity(avg_pool2d(kernel = 2, stride = 2))]
    pool: (),
}

/// torchvision's `_DenseBlock(num_layers = 6, num_input_features = 64, bn_size = 4,
/// growth_rate = 32)` (`features.denseblock1`): 6 `_DenseLayer`s on 64, 96, …,
/// 224 channels; it returns 64 + 6·32 = 256 channels.
///
/// torchvision's forward is a loop over a list: `features = [init_features]`, then for
/// each layer `new_features = layer(features)` and `features.append(new_features)`, and
/// it returns `torch.cat(features, 1)`; the layer itself begins with `torch.cat(inputs,
/// 1)`. A `forward` here has no lists or loops, and a module takes at most 4 inputs, so
/// the loop is unrolled into the equivalent chain: `x` is `init_features`, `fK` the new
/// features of `denselayerK`, and each layer is called on `cat([x, f1, …], 1)` of
/// everything before it. The only difference is where those concatenations run: in the
/// block's forward, not at the start of each `_DenseLayer`'s. They are as many as
/// torchvision's (one per layer and the block's last), and cost 0 FLOPs in mmengine
/// (`aten::cat` is ignored), so every module's figures are torchvision's. `x` and every
/// `fK` stay alive until the block's last `cat`, as torchvision's list keeps them, which
/// is what the peak-activation bound counts.
#[derive(Complexity)]
#[complexity(
    class = "_DenseBlock",
    forward = {
        let f1 = denselayer1(cat([x], 1));
        let f2 = denselayer2(cat([x, f1], 1));
        let f3 = denselayer3(cat([x, f1, f2], 1));
        let f4 = denselayer4(cat([x, f1, f2, f3], 1));
        let f5 = denselayer5(cat([x, f1, f2, f3, f4], 1));
        let f6 = denselayer6(cat([x, f1, f2, f3, f4, f5], 1));
        cat([x, f1, f2, f3, f4, f5, f6], 1)
    }
)]
pub struct DenseBlock1 {
    denselayer1: DenseLayer<64>,
    denselayer2: DenseLayer<96>,
    denselayer3: DenseLayer<128>,
    denselayer4: DenseLayer<160>,
    denselayer5: DenseLayer<192>,
    denselayer6: DenseLayer<224>,
}

/// torchvision's `_DenseBlock(num_layers = 12, num_input_features = 128, bn_size = 4,
/// growth_rate = 32)` (`features.denseblock2`): 12 `_DenseLayer`s on 128, 160, …,
/// 480 channels; it returns 128 + 12·32 = 512 channels.
/// Its loop is unrolled into a chain of `cat`s as in [`DenseBlock1`].
#[derive(Complexity)]
#[complexity(
    class = "_DenseBlock",
    forward = {
        let f1 = denselayer1(cat([x], 1));
        let f2 = denselayer2(cat([x, f1], 1));
        let f3 = denselayer3(cat([x, f1, f2], 1));
        let f4 = denselayer4(cat([x, f1, f2, f3], 1));
        let f5 = denselayer5(cat([x, f1, f2, f3, f4], 1));
        let f6 = denselayer6(cat([x, f1, f2, f3, f4, f5], 1));
        let f7 = denselayer7(cat([x, f1, f2, f3, f4, f5, f6], 1));
        let f8 = denselayer8(cat([x, f1, f2, f3, f4, f5, f6, f7], 1));
        let f9 = denselayer9(cat([x, f1, f2, f3, f4, f5, f6, f7, f8], 1));
        let f10 = denselayer10(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9], 1));
        let f11 = denselayer11(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10], 1));
        let f12 = denselayer12(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11], 1));
        cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12], 1)
    }
)]
pub struct DenseBlock2 {
    denselayer1: DenseLayer<128>,
    denselayer2: DenseLayer<160>,
    denselayer3: DenseLayer<192>,
    denselayer4: DenseLayer<224>,
    denselayer5: DenseLayer<256>,
    denselayer6: DenseLayer<288>,
    denselayer7: DenseLayer<320>,
    denselayer8: DenseLayer<352>,
    denselayer9: DenseLayer<384>,
    denselayer10: DenseLayer<416>,
    denselayer11: DenseLayer<448>,
    denselayer12: DenseLayer<480>,
}

/// torchvision's `_DenseBlock(num_layers = 48, num_input_features = 256, bn_size = 4,
/// growth_rate = 32)` (`features.denseblock3`): 48 `_DenseLayer`s on 256, 288, …,
/// 1760 channels; it returns 256 + 48·32 = 1792 channels.
/// Its loop is unrolled into a chain of `cat`s as in [`DenseBlock1`].
#[derive(Complexity)]
#[complexity(
    class = "_DenseBlock",
    forward = {
        let f1 = denselayer1(cat([x], 1));
        let f2 = denselayer2(cat([x, f1], 1));
        let f3 = denselayer3(cat([x, f1, f2], 1));
        let f4 = denselayer4(cat([x, f1, f2, f3], 1));
        let f5 = denselayer5(cat([x, f1, f2, f3, f4], 1));
        let f6 = denselayer6(cat([x, f1, f2, f3, f4, f5], 1));
        let f7 = denselayer7(cat([x, f1, f2, f3, f4, f5, f6], 1));
        let f8 = denselayer8(cat([x, f1, f2, f3, f4, f5, f6, f7], 1));
        let f9 = denselayer9(cat([x, f1, f2, f3, f4, f5, f6, f7, f8], 1));
        let f10 = denselayer10(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9], 1));
        let f11 = denselayer11(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10], 1));
        let f12 = denselayer12(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11], 1));
        let f13 = denselayer13(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11,
            f12], 1));
        let f14 = denselayer14(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13], 1));
        let f15 = denselayer15(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14], 1));
        let f16 = denselayer16(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15], 1));
        let f17 = denselayer17(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16], 1));
        let f18 = denselayer18(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17], 1));
        let f19 = denselayer19(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18], 1));
        let f20 = denselayer20(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19], 1));
        let f21 = denselayer21(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20], 1));
        let f22 = denselayer22(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21], 1));
        let f23 = denselayer23(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22], 1));
        let f24 = denselayer24(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23], 1));
        let f25 = denselayer25(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24], 1));
        let f26 = denselayer26(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25], 1));
        let f27 = denselayer27(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26], 1));
        let f28 = denselayer28(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27], 1));
        let f29 = denselayer29(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27,
            f28], 1));
        let f30 = denselayer30(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29], 1));
        let f31 = denselayer31(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30], 1));
        let f32 = denselayer32(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31], 1));
        let f33 = denselayer33(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32], 1));
        let f34 = denselayer34(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33], 1));
        let f35 = denselayer35(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34], 1));
        let f36 = denselayer36(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35], 1));
        let f37 = denselayer37(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36], 1));
        let f38 = denselayer38(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37], 1));
        let f39 = denselayer39(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37, f38], 1));
        let f40 = denselayer40(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39], 1));
        let f41 = denselayer41(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40], 1));
        let f42 = denselayer42(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40, f41], 1));
        let f43 = denselayer43(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42], 1));
        let f44 = denselayer44(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42, f43], 1));
        let f45 = denselayer45(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42, f43,
            f44], 1));
        let f46 = denselayer46(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42, f43, f44,
            f45], 1));
        let f47 = denselayer47(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42, f43, f44,
            f45, f46], 1));
        let f48 = denselayer48(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31, f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42, f43, f44,
            f45, f46, f47], 1));
        cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
            f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32, f33,
            f34, f35, f36, f37, f38, f39, f40, f41, f42, f43, f44, f45, f46, f47, f48], 1)
    }
)]
pub struct DenseBlock3 {
    denselayer1: DenseLayer<256>,
    denselayer2: DenseLayer<288>,
    denselayer3: DenseLayer<320>,
    denselayer4: DenseLayer<352>,
    denselayer5: DenseLayer<384>,
    denselayer6: DenseLayer<416>,
    denselayer7: DenseLayer<448>,
    denselayer8: DenseLayer<480>,
    denselayer9: DenseLayer<512>,
    denselayer10: DenseLayer<544>,
    denselayer11: DenseLayer<576>,
    denselayer12: DenseLayer<608>,
    denselayer13: DenseLayer<640>,
    denselayer14: DenseLayer<672>,
    denselayer15: DenseLayer<704>,
    denselayer16: DenseLayer<736>,
    denselayer17: DenseLayer<768>,
    denselayer18: DenseLayer<800>,
    denselayer19: DenseLayer<832>,
    denselayer20: DenseLayer<864>,
    denselayer21: DenseLayer<896>,
    denselayer22: DenseLayer<928>,
    denselayer23: DenseLayer<960>,
    denselayer24: DenseLayer<992>,
    denselayer25: DenseLayer<1024>,
    denselayer26: DenseLayer<1056>,
    denselayer27: DenseLayer<1088>,
    denselayer28: DenseLayer<1120>,
    denselayer29: DenseLayer<1152>,
    denselayer30: DenseLayer<1184>,
    denselayer31: DenseLayer<1216>,
    denselayer32: DenseLayer<1248>,
    denselayer33: DenseLayer<1280>,
    denselayer34: DenseLayer<1312>,
    denselayer35: DenseLayer<1344>,
    denselayer36: DenseLayer<1376>,
    denselayer37: DenseLayer<1408>,
    denselayer38: DenseLayer<1440>,
    denselayer39: DenseLayer<1472>,
    denselayer40: DenseLayer<1504>,
    denselayer41: DenseLayer<1536>,
    denselayer42: DenseLayer<1568>,
    denselayer43: DenseLayer<1600>,
    denselayer44: DenseLayer<1632>,
    denselayer45: DenseLayer<1664>,
    denselayer46: DenseLayer<1696>,
    denselayer47: DenseLayer<1728>,
    denselayer48: DenseLayer<1760>,
}

/// torchvision's `_DenseBlock(num_layers = 32, num_input_features = 896, bn_size = 4,
/// growth_rate = 32)` (`features.denseblock4`): 32 `_DenseLayer`s on 896, 928, …,
/// 1888 channels; it returns 896 + 32·32 = 1920 channels.
/// Its loop is unrolled into a chain of `cat`s as in [`DenseBlock1`].
#[derive(Complexity)]
#[complexity(
    class = "_DenseBlock",
    forward = {
        let f1 = denselayer1(cat([x], 1));
        let f2 = denselayer2(cat([x, f1], 1));
        let f3 = denselayer3(cat([x, f1, f2], 1));
        let f4 = denselayer4(cat([x, f1, f2, f3], 1));
        let f5 = denselayer5(cat([x, f1, f2, f3, f4], 1));
        let f6 = denselayer6(cat([x, f1, f2, f3, f4, f5], 1));
        let f7 = denselayer7(cat([x, f1, f2, f3, f4, f5, f6], 1));
        let f8 = denselayer8(cat([x, f1, f2, f3, f4, f5, f6, f7], 1));
        let f9 = denselayer9(cat([x, f1, f2, f3, f4, f5, f6, f7, f8], 1));
        let f10 = denselayer10(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9], 1));
        let f11 = denselayer11(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10], 1));
        let f12 = denselayer12(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11], 1));
        let f13 = denselayer13(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11,
            f12], 1));
        let f14 = denselayer14(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13], 1));
        let f15 = denselayer15(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14], 1));
        let f16 = denselayer16(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15], 1));
        let f17 = denselayer17(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16], 1));
        let f18 = denselayer18(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17], 1));
        let f19 = denselayer19(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18], 1));
        let f20 = denselayer20(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19], 1));
        let f21 = denselayer21(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20], 1));
        let f22 = denselayer22(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21], 1));
        let f23 = denselayer23(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22], 1));
        let f24 = denselayer24(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23], 1));
        let f25 = denselayer25(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24], 1));
        let f26 = denselayer26(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25], 1));
        let f27 = denselayer27(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26], 1));
        let f28 = denselayer28(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27], 1));
        let f29 = denselayer29(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27,
            f28], 1));
        let f30 = denselayer30(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29], 1));
        let f31 = denselayer31(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30], 1));
        let f32 = denselayer32(cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12,
            f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28,
            f29, f30, f31], 1));
        cat([x, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16, f17,
            f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31, f32], 1)
    }
)]
pub struct DenseBlock4 {
    denselayer1: DenseLayer<896>,
    denselayer2: DenseLayer<928>,
    denselayer3: DenseLayer<960>,
    denselayer4: DenseLayer<992>,
    denselayer5: DenseLayer<1024>,
    denselayer6: DenseLayer<1056>,
    denselayer7: DenseLayer<1088>,
    denselayer8: DenseLayer<1120>,
    denselayer9: DenseLayer<1152>,
    denselayer10: DenseLayer<1184>,
    denselayer11: DenseLayer<1216>,
    denselayer12: DenseLayer<1248>,
    denselayer13: DenseLayer<1280>,
    denselayer14: DenseLayer<1312>,
    denselayer15: DenseLayer<1344>,
    denselayer16: DenseLayer<1376>,
    denselayer17: DenseLayer<1408>,
    denselayer18: DenseLayer<1440>,
    denselayer19: DenseLayer<1472>,
    denselayer20: DenseLayer<1504>,
    denselayer21: DenseLayer<1536>,
    denselayer22: DenseLayer<1568>,
    denselayer23: DenseLayer<1600>,
    denselayer24: DenseLayer<1632>,
    denselayer25: DenseLayer<1664>,
    denselayer26: DenseLayer<1696>,
    denselayer27: DenseLayer<1728>,
    denselayer28: DenseLayer<1760>,
    denselayer29: DenseLayer<1792>,
    denselayer30: DenseLayer<1824>,
    denselayer31: DenseLayer<1856>,
    denselayer32: DenseLayer<1888>,
}

/// `DenseNet.features`: an `nn.Sequential` built from an `OrderedDict`, so its children
/// have names, not positions: the stem (`conv0`, `norm0`, `relu0`, `pool0`), the four
/// dense blocks with a transition after each of the first three, and `norm5`.
#[derive(Complexity)]
#[complexity(class = "Sequential")]
pub struct Features {
    #[complexity(conv2d(in = 3, out = 64, kernel = 7, stride = 2, padding = 3, bias = false))]
    conv0: (),
    #[complexity(batch_norm2d)]
    norm0: (),
    #[complexity(relu(inplace))]
    relu0: (),
    #[complexity(max_pool2d(kernel = 3, stride = 2, padding = 1))]
    pool0: (),
    denseblock1: DenseBlock1,
    transition1: Transition<256, 128>,
    denseblock2: DenseBlock2,
    transition2: Transition<512, 256>,
    denseblock3: DenseBlock3,
    transition3: Transition<1792, 896>,
    denseblock4: DenseBlock4,
    #[complexity(batch_norm2d(num_features = 1920))]
    norm5: (),
}

/// torchvision's `densenet201()`: `DenseNet(growth_rate = 32, block_config = (6, 12, 48,
/// 32), num_init_features = 64)`, 1000 classes. Its forward applies the functional ReLU,
/// `F.adaptive_avg_pool2d(out, (1, 1))` (charged to the model itself, as in mmengine) and
/// `torch.flatten(out, 1)` between `features` and `classifier`, written here as there.
#[derive(Complexity)]
#[complexity(
    class = "DenseNet",
    input = (3, 224, 224),
    forward = {
        let features = features(x);
        let out = F.relu(features);
        let out = F.adaptive_avg_pool2d(out, (1, 1));
        let out = torch.flatten(out, 1);
        classifier(out)
    }
)]
pub struct DenseNet201 {
    features: Features,
    #[complexity(linear(in = 1920, out = 1000))]
    classifier: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "densenet201 at {}: {} params, {} FLOPs (training mode), {} FLOPs (eval mode), {} activations, output {}",
        DenseNet201::INPUT,
        DenseNet201::PARAMS,
        DenseNet201::FLOPS,
        DenseNet201::FLOPS_EVAL,
        DenseNet201::ACTIVATIONS,
        DenseNet201::OUTPUT,
    );
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<DenseNet201>(DenseNet201::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
