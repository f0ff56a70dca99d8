//! LeNet-5 as a burn 0.22 module, described on the same struct (`#[derive(Module, Debug,
//! Complexity)]`), and checked against burn: `cargo run --example burn_lenet`.
//!
//! Written by someone new to the library from its docs. Each field keeps its burn type
//! and says what it is in `#[complexity(…)]`; a layer burn has no module for (flatten) is
//! an operation of `forward` (`x.flatten(1)`), or a marker field of type `()`. The check
//! compares parameter names and shapes and `num_params()`; the settings that change no
//! parameter (padding, stride, pooling) show in the forward pass's output shape, which
//! `burn::assert_output` compares with `OUTPUT`. Needs the `burn` feature of
//! `complexity-core`, and burn with a backend (`features = ["flex", "std"]`,
//! `Device::flex()`).

use burn::nn::conv::{Conv2d, Conv2dConfig};
use burn::nn::pool::{MaxPool2d, MaxPool2dConfig};
use burn::nn::{Linear, LinearConfig, PaddingConfig2d, Relu};
use burn::prelude::*;
use complexity_core::Complexity;

/// LeNet-5 on a 28×28 grey image: conv(1→6, k5, pad 2) → relu → pool 2 →
/// conv(6→16, k5) → relu → pool 2 → flatten → 400→120 → relu → 120→84 → relu → 84→10.
///
/// One `Relu` and one `MaxPool2d` are shared (called several times), as burn code
/// usually does; the description calls them several times too.
#[derive(Module, Debug, Complexity)]
#[complexity(
    class = "LeNet5",
    input = (1, 28, 28),
    forward = {
        let x = pool(relu(conv1(x)));
        let x = pool(relu(conv2(x)));
        let x = x.flatten(1);
        fc3(relu(fc2(relu(fc1(x)))))
    }
)]
pub struct LeNet5 {
    #[complexity(conv2d(in = 1, out = 6, kernel = 5, padding = 2))]
    conv1: Conv2d,
    #[complexity(conv2d(out = 16, kernel = 5))]
    conv2: Conv2d,
    #[complexity(max_pool2d(kernel = 2))]
    pool: MaxPool2d,
    #[complexity(linear(out = 120))]
    fc1: Linear,
    #[complexity(linear(out = 84))]
    fc2: Linear,
    #[complexity(linear(out = 10))]
    fc3: Linear,
    #[complexity(relu)]
    relu: Relu,
}

impl LeNet5 {
    pub fn new(device: &Device) -> Self {
        Self {
            conv1: Conv2dConfig::new([1, 6], [5, 5])
                .with_padding(PaddingConfig2d::Explicit(2, 2, 2, 2))
                .init(device),
            conv2: Conv2dConfig::new([6, 16], [5, 5]).init(device),
            pool: MaxPool2dConfig::new([2, 2]).init(),
            fc1: LinearConfig::new(400, 120).init(device),
            fc2: LinearConfig::new(120, 84).init(device),
            fc3: LinearConfig::new(84, 10).init(device),
            relu: Relu::new(),
        }
    }

    pub fn forward(&self, x: Tensor<4>) -> Tensor<2> {
        let x = self.pool.forward(self.relu.forward(self.conv1.forward(x)));
        let x = self.pool.forward(self.relu.forward(self.conv2.forward(x)));
        let x: Tensor<2> = x.flatten(1, 3);
        let x = self.relu.forward(self.fc1.forward(x));
        let x = self.relu.forward(self.fc2.forward(x));
        self.fc3.forward(x)
    }
}

fn main() {
    let device = Device::flex();
    let model = LeNet5::new(&device);
    // Names, shapes and num_params() against the description (61,706 parameters).
    complexity_core::burn::check(&model);
    // A forward pass on zeros: its shape is the description's output, [1, 10].
    let y = model.forward(Tensor::zeros([1, 1, 28, 28], &device));
    complexity_core::burn::assert_output(&y.dims(), LeNet5::OUTPUT);
    let report =
        complexity_core::report::Report::of::<LeNet5>(LeNet5::INPUT, complexity_core::Mode::Eval)
            .expect("the description analyses");
    println!("{}", report.headline());
    print!("{}", report.table());
}
