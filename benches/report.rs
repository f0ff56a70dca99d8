//! Run-time costs of the analysis and the reports: `cargo bench --bench report`.
//!
//! The targets (release unless said): `Report::of` for Llama-2-7B well under 100 µs;
//! `[ConvBnRelu; 1_000_000]` (4,000,002 modules) under 1 s (its peak memory, under
//! 500 MB, is measured by `examples/big_report.rs`); `table()` + `arch()` of ResNet-152
//! under 20 ms in a debug build (`cargo bench --bench report --profile dev`).

use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Shape, analyze};
use complexity_workspace::ConvBnRelu;

#[path = "../examples/llama/model.rs"]
#[allow(dead_code)]
mod llama;

#[path = "../examples/resnet50.rs"]
#[allow(dead_code)]
mod resnet50;

use llama::{Llama2_7B, LlamaForCausalLM};
use resnet50::Stage;

fn main() {
    divan::main();
}

/// torchvision's ResNet-152: ResNet-50's blocks in stages of 3, 8, 36 and 3.
#[derive(Complexity)]
#[complexity(
    class = "ResNet",
    forward = {
        let x = maxpool(relu(bn1(conv1(x))));
        let x = layer4(layer3(layer2(layer1(x))));
        fc(avgpool(x).flatten(1))
    }
)]
pub struct ResNet152 {
    #[complexity(conv2d(in = 3, out = 64, kernel = 7, stride = 2, padding = 3, bias = false))]
    conv1: (),
    #[complexity(batch_norm2d)]
    bn1: (),
    #[complexity(relu(inplace))]
    relu: (),
    #[complexity(max_pool2d(kernel = 3, stride = 2, padding = 1))]
    maxpool: (),
    layer1: Stage<64, 64, 256, 1, 2>,
    layer2: Stage<256, 128, 512, 2, 7>,
    layer3: Stage<512, 256, 1024, 2, 35>,
    layer4: Stage<1024, 512, 2048, 2, 2>,
    #[complexity(adaptive_avg_pool2d(output_size = (1, 1)))]
    avgpool: (),
    #[complexity(linear(in = 2048, out = 1000))]
    fc: (),
}

const IMAGE: [u64; 4] = [1, 3, 224, 224];

#[divan::bench]
fn analyze_resnet152() -> u128 {
    let t = analyze(
        divan::black_box(&ResNet152::MODULE),
        Shape::new(&IMAGE),
        Mode::Train,
    );
    t.unwrap().flops()
}

#[divan::bench]
fn report_resnet152() -> usize {
    Report::of::<ResNet152>(Shape::new(&IMAGE), Mode::Train)
        .unwrap()
        .len()
}

#[divan::bench]
fn report_llama2_7b() -> usize {
    Report::of::<LlamaForCausalLM<Llama2_7B, 32>>(Shape::new(&[1, 4096]), Mode::Train)
        .unwrap()
        .len()
}

/// The same under CUDA autocast: every value's dtype and autocast's copies followed too.
#[divan::bench]
fn report_llama2_7b_autocast() -> usize {
    let amp = complexity_core::memory::Precision::Autocast(complexity_core::memory::Device::Cuda);
    Report::of_in::<LlamaForCausalLM<Llama2_7B, 32>>(Shape::new(&[1, 4096]), Mode::Train, amp)
        .unwrap()
        .len()
}

#[divan::bench]
fn table_and_arch_resnet152(bencher: divan::Bencher) {
    let report = Report::of::<ResNet152>(Shape::new(&IMAGE), Mode::Train).unwrap();
    bencher.bench_local(|| report.table().len() + report.arch().len());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn report_a_million_blocks() -> usize {
    Report::of::<[ConvBnRelu; 1_000_000]>(Shape::new(&[1, 16, 32, 32]), Mode::Eval)
        .unwrap()
        .len()
}
