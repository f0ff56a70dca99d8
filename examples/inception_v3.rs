//! torchvision's Inception v3, `inception_v3(aux_logits = False, init_weights = False)`,
//! described with the same module names and classes, analysed by the compiler at
//! mmengine's input `[1, 3, 299, 299]`. `transform_input` is off (the default of
//! `inception_v3()` without weights) and `AuxLogits` is `None`, so neither appears.
//!
//! `cargo run --example inception_v3` prints the totals and mmengine's `out_table` in
//! training mode (what `get_model_complexity_info` reports for a freshly built model), then
//! eval mode.
//!
//! # The functional pools of the blocks' `forward`s
//!
//! `InceptionA`, `C` and `E` call `F.avg_pool2d(x, kernel_size=3, stride=1, padding=1)`
//! and `InceptionB` and `D` call `F.max_pool2d(x, kernel_size=3, stride=2)` in their
//! `forward`s: written the same way here, charged to the block, as mmengine does.

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode};

/// torchvision's `BasicConv2d(IN, OUT, kernel_size = (KH, KW), stride = STRIDE,
/// padding = (PH, PW))`: a convolution without bias, a batch norm with `eps = 0.001`, and
/// `F.relu(x, inplace=True)` in `forward` (a function, not a module).
#[derive(Complexity)]
#[complexity(forward = F.relu(bn(conv(x))))]
pub struct BasicConv2d<
    const IN: usize,
    const OUT: usize,
    const KH: usize,
    const KW: usize,
    const STRIDE: usize,
    const PH: usize,
    const PW: usize,
> {
    #[complexity(conv2d(
        in = IN,
        out = OUT,
        kernel = (KH, KW),
        stride = STRIDE,
        padding = (PH, PW),
        bias = false
    ))]
    conv: (),
    #[complexity(batch_norm2d(num_features = OUT, eps = 0.001))]
    bn: (),
}

/// `BasicConv2d(IN, OUT, kernel_size = 1)`.
pub type Conv1x1<const IN: usize, const OUT: usize> = BasicConv2d<IN, OUT, 1, 1, 1, 0, 0>;
/// `BasicConv2d(IN, OUT, kernel_size = 3, padding = 1)`.
pub type Conv3x3Same<const IN: usize, const OUT: usize> = BasicConv2d<IN, OUT, 3, 3, 1, 1, 1>;
/// `BasicConv2d(IN, OUT, kernel_size = 3, stride = 2)`.
pub type Conv3x3Down<const IN: usize, const OUT: usize> = BasicConv2d<IN, OUT, 3, 3, 2, 0, 0>;
/// `BasicConv2d(IN, OUT, kernel_size = (1, N), padding = (0, N // 2))`.
pub type Conv1xN<const IN: usize, const OUT: usize, const N: usize, const P: usize> =
    BasicConv2d<IN, OUT, 1, N, 1, 0, P>;
/// `BasicConv2d(IN, OUT, kernel_size = (N, 1), padding = (N // 2, 0))`.
pub type ConvNx1<const IN: usize, const OUT: usize, const N: usize, const P: usize> =
    BasicConv2d<IN, OUT, N, 1, 1, P, 0>;

/// torchvision's `InceptionA(IN, pool_features = POOL)`: 1×1, 1×1 → 5×5, 1×1 → 3×3 → 3×3
/// and a 3×3 average pool → 1×1, concatenated on channels (`64 + 64 + 96 + POOL`).
#[derive(Complexity)]
#[complexity(forward = {
    let branch1x1 = branch1x1(x);
    let branch5x5 = branch5x5_2(branch5x5_1(x));
    let branch3x3dbl = branch3x3dbl_3(branch3x3dbl_2(branch3x3dbl_1(x)));
    let branch_pool = branch_pool(F.avg_pool2d(x, kernel_size = 3, stride = 1, padding = 1));
    cat([branch1x1, branch5x5, branch3x3dbl, branch_pool], 1)
})]
pub struct InceptionA<const IN: usize, const POOL: usize> {
    branch1x1: Conv1x1<IN, 64>,
    branch5x5_1: Conv1x1<IN, 48>,
    branch5x5_2: BasicConv2d<48, 64, 5, 5, 1, 2, 2>,
    branch3x3dbl_1: Conv1x1<IN, 64>,
    branch3x3dbl_2: Conv3x3Same<64, 96>,
    branch3x3dbl_3: Conv3x3Same<96, 96>,
    branch_pool: Conv1x1<IN, POOL>,
}

/// torchvision's `InceptionB(IN)`: the grid reduction 35 → 17, a 3×3 stride-2 convolution,
/// 1×1 → 3×3 → 3×3 stride 2, and a 3×3 stride-2 max pool (`384 + 96 + IN` channels).
#[derive(Complexity)]
#[complexity(forward = {
    let branch3x3 = branch3x3(x);
    let branch3x3dbl = branch3x3dbl_3(branch3x3dbl_2(branch3x3dbl_1(x)));
    let branch_pool = F.max_pool2d(x, kernel_size = 3, stride = 2);
    cat([branch3x3, branch3x3dbl, branch_pool], 1)
})]
pub struct InceptionB<const IN: usize> {
    branch3x3: Conv3x3Down<IN, 384>,
    branch3x3dbl_1: Conv1x1<IN, 64>,
    branch3x3dbl_2: Conv3x3Same<64, 96>,
    branch3x3dbl_3: Conv3x3Down<96, 96>,
}

/// torchvision's `InceptionC(IN, channels_7x7 = C7)`: factorised 7×7 convolutions (1×7 and
/// 7×1) on `C7` channels, and a 3×3 average pool → 1×1 (`4 · 192` channels).
#[derive(Complexity)]
#[complexity(forward = {
    let branch1x1 = branch1x1(x);
    let branch7x7 = branch7x7_3(branch7x7_2(branch7x7_1(x)));
    let branch7x7dbl = branch7x7dbl_2(branch7x7dbl_1(x));
    let branch7x7dbl = branch7x7dbl_5(branch7x7dbl_4(branch7x7dbl_3(branch7x7dbl)));
    let branch_pool = branch_pool(F.avg_pool2d(x, kernel_size = 3, stride = 1, padding = 1));
    cat([branch1x1, branch7x7, branch7x7dbl, branch_pool], 1)
})]
pub struct InceptionC<const IN: usize, const C7: usize> {
    branch1x1: Conv1x1<IN, 192>,
    branch7x7_1: Conv1x1<IN, C7>,
    branch7x7_2: Conv1xN<C7, C7, 7, 3>,
    branch7x7_3: ConvNx1<C7, 192, 7, 3>,
    branch7x7dbl_1: Conv1x1<IN, C7>,
    branch7x7dbl_2: ConvNx1<C7, C7, 7, 3>,
    branch7x7dbl_3: Conv1xN<C7, C7, 7, 3>,
    branch7x7dbl_4: ConvNx1<C7, C7, 7, 3>,
    branch7x7dbl_5: Conv1xN<C7, 192, 7, 3>,
    branch_pool: Conv1x1<IN, 192>,
}

/// torchvision's `InceptionD(IN)`: the grid reduction 17 → 8, 1×1 → 3×3 stride 2,
/// 1×1 → 1×7 → 7×1 → 3×3 stride 2, and a 3×3 stride-2 max pool (`320 + 192 + IN`).
#[derive(Complexity)]
#[complexity(forward = {
    let branch3x3 = branch3x3_2(branch3x3_1(x));
    let branch7x7x3 = branch7x7x3_4(branch7x7x3_3(branch7x7x3_2(branch7x7x3_1(x))));
    let branch_pool = F.max_pool2d(x, kernel_size = 3, stride = 2);
    cat([branch3x3, branch7x7x3, branch_pool], 1)
})]
pub struct InceptionD<const IN: usize> {
    branch3x3_1: Conv1x1<IN, 192>,
    branch3x3_2: Conv3x3Down<192, 320>,
    branch7x7x3_1: Conv1x1<IN, 192>,
    branch7x7x3_2: Conv1xN<192, 192, 7, 3>,
    branch7x7x3_3: ConvNx1<192, 192, 7, 3>,
    branch7x7x3_4: Conv3x3Down<192, 192>,
}

/// torchvision's `InceptionE(IN)`: the expanded filter bank, whose 3×3 branches end in a
/// 1×3 and a 3×1 convolution side by side, and a 3×3 average pool → 1×1
/// (`320 + 768 + 768 + 192 = 2048` channels).
#[derive(Complexity)]
#[complexity(forward = {
    let branch1x1 = branch1x1(x);
    let branch3x3 = branch3x3_1(x);
    let branch3x3 = cat([branch3x3_2a(branch3x3), branch3x3_2b(branch3x3)], 1);
    let branch3x3dbl = branch3x3dbl_2(branch3x3dbl_1(x));
    let branch3x3dbl = cat([branch3x3dbl_3a(branch3x3dbl), branch3x3dbl_3b(branch3x3dbl)], 1);
    let branch_pool = branch_pool(F.avg_pool2d(x, kernel_size = 3, stride = 1, padding = 1));
    cat([branch1x1, branch3x3, branch3x3dbl, branch_pool], 1)
})]
pub struct InceptionE<const IN: usize> {
    branch1x1: Conv1x1<IN, 320>,
    branch3x3_1: Conv1x1<IN, 384>,
    branch3x3_2a: Conv1xN<384, 384, 3, 1>,
    branch3x3_2b: ConvNx1<384, 384, 3, 1>,
    branch3x3dbl_1: Conv1x1<IN, 448>,
    branch3x3dbl_2: Conv3x3Same<448, 384>,
    branch3x3dbl_3a: Conv1xN<384, 384, 3, 1>,
    branch3x3dbl_3b: ConvNx1<384, 384, 3, 1>,
    branch_pool: Conv1x1<IN, 192>,
}

/// torchvision's `Inception3` as built by `inception_v3(aux_logits = False,
/// init_weights = False)`: 1000 classes, dropout 0.5. The modules keep torchvision's
/// names (`Conv2d_1a_3x3`, `Mixed_5b`, …), given with `rename` since Rust fields are
/// snake case.
#[derive(Complexity)]
#[complexity(
    class = "Inception3",
    input = (3, 299, 299),
    forward = {
        // N x 3 x 299 x 299
        let x = conv2d_2b_3x3(conv2d_2a_3x3(conv2d_1a_3x3(x)));
        let x = maxpool1(x);
        // N x 64 x 73 x 73
        let x = conv2d_4a_3x3(conv2d_3b_1x1(x));
        let x = maxpool2(x);
        // N x 192 x 35 x 35
        let x = mixed_5d(mixed_5c(mixed_5b(x)));
        let x = mixed_6a(x);
        // N x 768 x 17 x 17
        let x = mixed_6e(mixed_6d(mixed_6c(mixed_6b(x))));
        let x = mixed_7a(x);
        // N x 1280 x 8 x 8
        let x = mixed_7c(mixed_7b(x));
        // N x 2048 x 8 x 8
        let x = dropout(avgpool(x));
        fc(x.flatten(1))
    }
)]
pub struct InceptionV3 {
    #[complexity(rename = "Conv2d_1a_3x3")]
    conv2d_1a_3x3: Conv3x3Down<3, 32>,
    #[complexity(rename = "Conv2d_2a_3x3")]
    conv2d_2a_3x3: BasicConv2d<32, 32, 3, 3, 1, 0, 0>,
    #[complexity(rename = "Conv2d_2b_3x3")]
    conv2d_2b_3x3: Conv3x3Same<32, 64>,
    #[complexity(max_pool2d(kernel = 3, stride = 2))]
    maxpool1: (),
    #[complexity(rename = "Conv2d_3b_1x1")]
    conv2d_3b_1x1: Conv1x1<64, 80>,
    #[complexity(rename = "Conv2d_4a_3x3")]
    conv2d_4a_3x3: BasicConv2d<80, 192, 3, 3, 1, 0, 0>,
    #[complexity(max_pool2d(kernel = 3, stride = 2))]
    maxpool2: (),
    #[complexity(rename = "Mixed_5b")]
    mixed_5b: InceptionA<192, 32>,
    #[complexity(rename = "Mixed_5c")]
    mixed_5c: InceptionA<256, 64>,
    #[complexity(rename = "Mixed_5d")]
    mixed_5d: InceptionA<288, 64>,
    #[complexity(rename = "Mixed_6a")]
    mixed_6a: InceptionB<288>,
    #[complexity(rename = "Mixed_6b")]
    mixed_6b: InceptionC<768, 128>,
    #[complexity(rename = "Mixed_6c")]
    mixed_6c: InceptionC<768, 160>,
    #[complexity(rename = "Mixed_6d")]
    mixed_6d: InceptionC<768, 160>,
    #[complexity(rename = "Mixed_6e")]
    mixed_6e: InceptionC<768, 192>,
    #[complexity(rename = "Mixed_7a")]
    mixed_7a: InceptionD<768>,
    #[complexity(rename = "Mixed_7b")]
    mixed_7b: InceptionE<1280>,
    #[complexity(rename = "Mixed_7c")]
    mixed_7c: InceptionE<2048>,
    #[complexity(adaptive_avg_pool2d(output_size = (1, 1)))]
    avgpool: (),
    #[complexity(dropout(p = 0.5))]
    dropout: (),
    #[complexity(linear(in = 2048, out = 1000))]
    fc: (),
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!(
        "inception_v3 at {}: {} params, {} FLOPs (training mode), {} FLOPs (eval mode), {} activations, output {}",
        InceptionV3::INPUT,
        InceptionV3::PARAMS,
        InceptionV3::FLOPS,
        InceptionV3::FLOPS_EVAL,
        InceptionV3::ACTIVATIONS,
        InceptionV3::OUTPUT,
    );
    for mode in [Mode::Train, Mode::Eval] {
        let report = Report::of::<InceptionV3>(InceptionV3::INPUT, mode)?;
        println!("{}", report.headline());
        print!("{}", report.table());
    }
    Ok(())
}
