//! Property tests: sizes against brute-force window counts, costs against naive
//! enumerations, and random layer stacks that must analyse or fail cleanly, the same way
//! at run time as in the compiler's path.

use complexity_core::layer::window::output_size;
use complexity_core::layer::{
    Activation, ActivationKind, AdaptiveAvgPool2d, BatchNorm, Conv, Flatten, Layer, Linear,
    MaxPool2d, Size,
};
use complexity_core::module::{Body, Module};
use complexity_core::report::Report;
use complexity_core::{Mode, Shape, analyze};
use proptest::prelude::*;

/// Window positions along one dimension, one by one: windows start every `stride`
/// elements of the padded input and count if they fit. In ceil mode, when the fitting
/// windows leave the end of the padded input uncovered, one more window, overhanging the
/// right edge, covers it; and in ceil mode every window starts inside the input or the left
/// padding. (Ceil mode is the pools', whose padding PyTorch limits to half the kernel.)
fn brute_force_windows(
    input: u64,
    kernel: u64,
    stride: u64,
    padding: u64,
    dilation: u64,
    ceil: bool,
) -> Option<u64> {
    let window = dilation * (kernel - 1) + 1;
    let padded = input + 2 * padding;
    let mut count = 0;
    let mut start = 0;
    let mut covered = 0;
    while start + window <= padded && (!ceil || start < input + padding) {
        count += 1;
        covered = start + window;
        start += stride;
    }
    if ceil && count > 0 && covered < padded && start < input + padding {
        count += 1;
    }
    (count > 0).then_some(count)
}

proptest! {
    #[test]
    fn window_sizes_match_brute_force(
        input in 1u64..40, kernel in 1u64..8, stride in 1u64..5, padding in 0u64..4, dilation in 1u64..4, ceil: bool,
    ) {
        prop_assume!(!ceil || padding <= kernel / 2);
        let got = output_size("p", input, kernel, stride, padding, dilation, ceil).ok();
        prop_assert_eq!(got, brute_force_windows(input, kernel, stride, padding, dilation, ceil));
    }

    #[test]
    fn conv_and_pool_shapes_match_brute_force(
        h in 1u64..24, w in 1u64..24, kernel in 1u64..6, stride in 1u64..4, dilation in 1u64..3, ceil: bool,
    ) {
        let padding = kernel / 2;
        let input = Shape::new(&[1, 2, h, w]);
        let conv = Conv::conv2d(3, Size::square(kernel))
            .stride(Size::square(stride))
            .padding(Size::square(padding))
            .dilation(Size::square(dilation))
            .apply(input);
        let expected = brute_force_windows(h, kernel, stride, padding, dilation, false)
            .zip(brute_force_windows(w, kernel, stride, padding, dilation, false));
        prop_assert_eq!(conv.ok().map(|a| (a.output.dim(2), a.output.dim(3))), expected);
        let pool = MaxPool2d::new(Size::square(kernel))
            .stride(Size::square(stride))
            .padding(Size::square(padding))
            .dilation(Size::square(dilation))
            .ceil_mode(ceil)
            .apply(input);
        let expected = brute_force_windows(h, kernel, stride, padding, dilation, ceil)
            .zip(brute_force_windows(w, kernel, stride, padding, dilation, ceil));
        prop_assert_eq!(pool.ok().map(|a| (a.output.dim(2), a.output.dim(3))), expected);
    }

    /// mmengine counts every kernel tap of every output element (padding included), and
    /// every weight and bias element as a parameter: enumerated one by one here.
    #[test]
    fn conv_costs_match_naive_enumeration(
        n in 1u64..3, groups in 1u64..4, in_per_group in 1u64..4, out_per_group in 1u64..4,
        h in 3u64..10, w in 3u64..10, kh in 1u64..4, kw in 1u64..4, stride in 1u64..3, bias: bool,
    ) {
        let (c_in, c_out) = (groups * in_per_group, groups * out_per_group);
        let a = Conv::conv2d(c_out, Size::pair(kh, kw)).groups(groups).stride(Size::square(stride)).bias(bias)
            .apply(Shape::new(&[n, c_in, h, w])).unwrap();
        let (oh, ow) = (a.output.dim(2), a.output.dim(3));
        let mut macs: u128 = 0;
        let mut outputs: u64 = 0;
        for _batch in 0..n {
            for _oc in 0..c_out {
                for _y in 0..oh {
                    for _x in 0..ow {
                        outputs += 1;
                        for _ic in 0..in_per_group {
                            for _ky in 0..kh {
                                for _kx in 0..kw {
                                    macs += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        let mut params: u64 = 0;
        for _oc in 0..c_out {
            for _ic in 0..in_per_group {
                for _k in 0..kh * kw {
                    params += 1;
                }
            }
            if bias {
                params += 1;
            }
        }
        prop_assert_eq!((a.cost.flops, a.cost.activations, a.cost.params), (macs, outputs, params));
    }

    #[test]
    fn linear_costs_match_naive_enumeration(rows in 1u64..6, seq in 1u64..6, fin in 1u64..12, fout in 1u64..12, bias: bool) {
        let a = Linear::new(fout).bias(bias).apply(Shape::new(&[rows, seq, fin])).unwrap();
        let mut macs: u128 = 0;
        for _r in 0..rows * seq {
            for _o in 0..fout {
                for _i in 0..fin {
                    macs += 1;
                }
            }
        }
        let params = fout * fin + if bias { fout } else { 0 };
        prop_assert_eq!((a.cost.flops, a.cost.activations, a.cost.params), (macs, rows * seq * fout, params));
    }

    /// Random stacks of layers on random inputs: the analysis either succeeds or returns an
    /// error, never panics, and the run-time report gives exactly what the compile-time
    /// path (`analyze`, a `const fn`) gives.
    #[test]
    fn random_stacks_analyse_or_fail_cleanly(
        layers in prop::collection::vec(layer(), 1..8),
        dims in prop::collection::vec(0u64..20, 1..6),
        eval: bool,
    ) {
        let modules: Vec<&'static Module> = layers.into_iter().map(|l| &*Box::leak(Box::new(Module::layer(l)))).collect();
        let model: &'static Module = Box::leak(Box::new(Module {
            class: "Stack",
            extra_repr: None,
            tied: None,
            frozen: false,
            body: Body::Sequence { modules: Box::leak(modules.into_boxed_slice()), prefix: "" },
        }));
        let input = Shape::new(&dims);
        let mode = if eval { Mode::Eval } else { Mode::Train };
        let compile_time = analyze(model, input, mode);
        let run_time = Report::new(model, input, mode);
        match (compile_time, run_time) {
            (Ok(totals), Ok(report)) => prop_assert_eq!(&totals, report.totals()),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "the two paths disagree: {:?} vs {:?}", a, b.map(|r| *r.totals())),
        }
    }
}

fn size() -> impl Strategy<Value = Size> {
    prop_oneof![
        (0u64..5).prop_map(Size::square),
        (0u64..5, 0u64..5).prop_map(|(h, w)| Size::pair(h, w))
    ]
}

fn layer() -> impl Strategy<Value = Layer> {
    prop_oneof![
        (
            0u64..9,
            size(),
            size(),
            size(),
            0u64..4,
            any::<bool>(),
            prop::option::of(0u64..9)
        )
            .prop_map(|(out, k, s, p, g, bias, inc)| {
                let c = Conv::conv2d(out, k)
                    .stride(s)
                    .padding(p)
                    .groups(g)
                    .bias(bias);
                Layer::Conv(match inc {
                    Some(i) => c.in_channels(i),
                    None => c,
                })
            }),
        any::<bool>().prop_map(|affine| Layer::BatchNorm(BatchNorm::batch_norm2d().affine(affine))),
        Just(Layer::Activation(Activation::new(ActivationKind::ReLU))),
        (size(), prop::option::of(size()), size(), any::<bool>()).prop_map(|(k, s, p, c)| {
            let m = MaxPool2d::new(k).padding(p).ceil_mode(c);
            Layer::Pool(match s {
                Some(s) => m.stride(s),
                None => m,
            })
        }),
        size().prop_map(|s| Layer::AdaptivePool(AdaptiveAvgPool2d::new(s))),
        (-3i64..3, -3i64..3)
            .prop_map(|(a, b)| Layer::Flatten(Flatten::new().start_dim(a).end_dim(b))),
        (0u64..9, prop::option::of(0u64..9)).prop_map(|(out, inf)| Layer::Linear(match inf {
            Some(i) => Linear::new(out).in_features(i),
            None => Linear::new(out),
        })),
    ]
}
