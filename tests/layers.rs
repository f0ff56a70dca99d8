//! Single layers against mmengine: for every layer measured by
//! `tests/fixtures/mmengine_layers.py` (torch 2.15, mmengine 0.10.7), the repr PyTorch
//! prints, the output shape, FLOPs, activations and parameters are exactly mmengine's, and
//! an operation mmengine has no rule for is counted as a zero op.

use complexity_core::layer::{
    Activation, ActivationKind as A, AdaptivePool, InstanceNorm, Layer, PixelShuffle, Pool,
    RmsNorm, Size, Upsample, UpsampleMode,
};
use complexity_core::module::Module;
use complexity_core::report::Report;
use complexity_core::{Mode, Shape};
use serde_json::Value;

/// The description of each measured layer, by the fixture's name for it.
fn layer(name: &str) -> Option<Layer> {
    let act = |k| Activation::new(k);
    let sq = Size::square;
    Some(match name {
        "Hardswish(inplace)" => Layer::Activation(act(A::Hardswish).inplace(true)),
        "Hardsigmoid(inplace)" => Layer::Activation(act(A::Hardsigmoid).inplace(true)),
        "Hardsigmoid()" => Layer::Activation(act(A::Hardsigmoid)),
        "Mish()" => Layer::Activation(act(A::Mish)),
        "Mish(inplace)" => Layer::Activation(act(A::Mish).inplace(true)),
        "SiLU(inplace)" => Layer::Activation(act(A::SiLU).inplace(true)),
        "ELU()" => Layer::Activation(act(A::ELU)),
        "ELU(alpha=0.5,inplace)" => Layer::Activation(act(A::ELU).a(0.5).inplace(true)),
        "LeakyReLU()" => Layer::Activation(act(A::LeakyReLU)),
        "LeakyReLU(0.2,inplace)" => Layer::Activation(act(A::LeakyReLU).a(0.2).inplace(true)),
        "Hardtanh()" => Layer::Activation(act(A::Hardtanh)),
        "Hardtanh(0,6,inplace)" => Layer::Activation(act(A::Hardtanh).a(0.0).b(6.0).inplace(true)),
        "ReLU6(inplace)" => Layer::Activation(act(A::ReLU6).inplace(true)),
        "Softplus()" => Layer::Activation(act(A::Softplus)),
        "Softplus(2,10)" => Layer::Activation(act(A::Softplus).a(2.0).b(10.0)),
        "PReLU()" => Layer::Activation(act(A::PReLU)),
        "PReLU(4)" => Layer::Activation(act(A::PReLU).num_parameters(4)),
        "GLU()" => Layer::Activation(act(A::GLU)),
        "GLU(1)" => Layer::Activation(act(A::GLU).dim(1)),
        "LogSoftmax(1)" => Layer::Activation(act(A::LogSoftmax).dim(1)),
        "MaxPool1d(3,2,1)" => Layer::Pool(Pool::max_pool1d(sq(3)).stride(sq(2)).padding(sq(1))),
        "MaxPool3d(2)" => Layer::Pool(Pool::max_pool3d(sq(2))),
        "MaxPool3d((1,3,3),(1,2,2),(0,1,1))" => Layer::Pool(
            Pool::max_pool3d(Size::of(&[1, 3, 3]))
                .stride(Size::of(&[1, 2, 2]))
                .padding(Size::of(&[0, 1, 1])),
        ),
        "AvgPool1d(3)" => Layer::Pool(Pool::avg_pool1d(sq(3))),
        "AvgPool2d(3,2,1)" => Layer::Pool(Pool::avg_pool2d(sq(3)).stride(sq(2)).padding(sq(1))),
        "AvgPool2d(2,ceil,count_include_pad=False)" => Layer::Pool(
            Pool::avg_pool2d(sq(2))
                .ceil_mode(true)
                .count_include_pad(false),
        ),
        "AvgPool3d(2)" => Layer::Pool(Pool::avg_pool3d(sq(2))),
        "AdaptiveAvgPool1d(1)" => Layer::AdaptivePool(AdaptivePool::adaptive_avg_pool1d(sq(1))),
        "AdaptiveAvgPool3d(1)" => Layer::AdaptivePool(AdaptivePool::adaptive_avg_pool3d(sq(1))),
        "AdaptiveAvgPool3d((1,2,2))" => {
            Layer::AdaptivePool(AdaptivePool::adaptive_avg_pool3d(Size::of(&[1, 2, 2])))
        }
        "AdaptiveMaxPool2d(1)" => Layer::AdaptivePool(AdaptivePool::adaptive_max_pool2d(sq(1))),
        "AdaptiveMaxPool1d(2)" => Layer::AdaptivePool(AdaptivePool::adaptive_max_pool1d(sq(2))),
        "AdaptiveMaxPool3d(2)" => Layer::AdaptivePool(AdaptivePool::adaptive_max_pool3d(sq(2))),
        "InstanceNorm1d(4)" => Layer::BatchNorm(InstanceNorm::instance_norm1d()),
        "InstanceNorm2d(4)" => Layer::BatchNorm(InstanceNorm::instance_norm2d()),
        "InstanceNorm2d(4,affine)" => {
            Layer::BatchNorm(InstanceNorm::instance_norm2d().affine(true))
        }
        "InstanceNorm3d(4)" => Layer::BatchNorm(InstanceNorm::instance_norm3d()),
        "Upsample(2,nearest)" | "Upsample(2,nearest) 1d" | "Upsample(2,nearest) 3d" => {
            Layer::Upsample(Upsample::new().scale_factor(2.0))
        }
        "Upsample(2,bilinear)" => Layer::Upsample(
            Upsample::new()
                .scale_factor(2.0)
                .mode(UpsampleMode::Bilinear),
        ),
        "Upsample(2,bilinear,ac)" => Layer::Upsample(
            Upsample::new()
                .scale_factor(2.0)
                .mode(UpsampleMode::Bilinear)
                .align_corners(false),
        ),
        "Upsample(size=(7,9),bilinear)" => Layer::Upsample(
            Upsample::new()
                .size(Size::pair(7, 9))
                .mode(UpsampleMode::Bilinear),
        ),
        "Upsample(2,bicubic)" => Layer::Upsample(
            Upsample::new()
                .scale_factor(2.0)
                .mode(UpsampleMode::Bicubic),
        ),
        "Upsample(2,linear) 1d" => {
            Layer::Upsample(Upsample::new().scale_factor(2.0).mode(UpsampleMode::Linear))
        }
        "Upsample(2,trilinear)" => Layer::Upsample(
            Upsample::new()
                .scale_factor(2.0)
                .mode(UpsampleMode::Trilinear),
        ),
        "PixelShuffle(2)" => Layer::PixelShuffle(PixelShuffle::shuffle(2)),
        "PixelUnshuffle(2)" => Layer::PixelShuffle(PixelShuffle::unshuffle(2)),
        "RMSNorm(16)" => Layer::RmsNorm(RmsNorm::new()),
        "RMSNorm(16,eps=1e-6)" => Layer::RmsNorm(RmsNorm::new().eps(1e-6)),
        "RMSNorm((5,16),no affine)" => Layer::RmsNorm(
            RmsNorm::new()
                .normalized_shape(Shape::new(&[5, 16]))
                .elementwise_affine(false),
        ),
        "Identity()" => Layer::Activation(act(A::Identity)),
        "Dropout(0.0)" => Layer::Activation(act(A::Dropout).p(0.0)),
        _ => return None,
    })
}

fn dims(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap())
        .collect()
}

#[test]
fn every_measured_layer_matches_mmengine() {
    let fixture: Value =
        serde_json::from_str(include_str!("fixtures/mmengine_layers.json")).unwrap();
    let rows = fixture["layers"].as_array().unwrap();
    assert_eq!(rows.len(), 53);
    for row in rows {
        let name = row["name"].as_str().unwrap();
        let layer = layer(name).unwrap_or_else(|| panic!("no description for {name}"));
        let module: &'static Module = Box::leak(Box::new(Module::layer(layer)));
        let input = Shape::new(&dims(&row["input"]));
        let report = Report::new(module, input, Mode::Train).unwrap();
        let m = report.model();
        assert_eq!(
            format!("{}({})", m.class(), m.extra_repr()),
            row["repr"].as_str().unwrap(),
            "{name}: repr"
        );
        let t = report.totals();
        assert_eq!(t.output.dims(), dims(&row["output"]), "{name}: output");
        assert_eq!(
            t.cost.flops,
            row["flops"].as_u64().unwrap() as u128,
            "{name}: FLOPs"
        );
        assert_eq!(
            t.cost.activations,
            row["activations"].as_u64().unwrap(),
            "{name}: acts"
        );
        assert_eq!(
            t.cost.params,
            row["params"].as_u64().unwrap(),
            "{name}: params"
        );
        // An op mmengine saw but has no rule for is a zero op here; a rule is not.
        let unsupported = !row["unsupported"].as_object().unwrap().is_empty();
        if unsupported {
            assert_eq!(t.cost.flops, 0, "{name}");
            assert!(!report.zero_ops().is_empty(), "{name}: a zero op");
        } else if t.cost.flops > 0 {
            assert!(report.zero_ops().is_empty(), "{name}: no zero op");
        }
    }
}
