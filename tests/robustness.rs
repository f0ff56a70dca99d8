//! Random descriptions, absurd sizes included, built through the public API: the analysis
//! returns `Ok` or `Err` and never panics, and the run-time report agrees with it exactly.
//! CI runs this file in debug and in release (`cargo test --release --test robustness`),
//! so overflow checks on or off give the same results.

use complexity_core::layer::{
    Activation, ActivationKind, BatchNorm, Conv, Embedding, Layer, LayerNorm, Linear, MaxPool2d,
    Size,
};
use complexity_core::module::{
    BinaryOp, Body, Child, ExpandSize, Graph, Module, Naming, SizeArg, Split, Step,
};
use complexity_core::ops::{OPS, Spelling};
use complexity_core::report::Report;
use complexity_core::{Mode, Shape, analyze};
use proptest::prelude::*;

/// Sizes small and absurd: the edges of `u32`, `i64` and `u64`.
fn extent() -> impl Strategy<Value = u64> + Clone {
    prop_oneof![
        6 => 0u64..12,
        1 => Just(u64::MAX),
        1 => Just(1 << 63),
        1 => Just(i64::MAX as u64),
        1 => Just(u32::MAX as u64 + 1),
    ]
}

fn dim() -> impl Strategy<Value = i64> + Clone {
    prop_oneof![4 => -5i64..5, 1 => Just(i64::MIN), 1 => Just(i64::MAX)]
}

fn size() -> impl Strategy<Value = Size> {
    prop_oneof![
        extent().prop_map(Size::square),
        (extent(), extent()).prop_map(|(h, w)| Size::pair(h, w))
    ]
}

fn layer() -> impl Strategy<Value = Layer> {
    prop_oneof![
        (
            1usize..4,
            any::<bool>(),
            extent(),
            size(),
            size(),
            size(),
            extent()
        )
            .prop_map(|(rank, transposed, out, k, s, p, g)| {
                Layer::Conv(
                    Conv::new(rank, transposed, out, k)
                        .stride(s)
                        .padding(p)
                        .groups(g),
                )
            }),
        Just(Layer::BatchNorm(BatchNorm::batch_norm2d())),
        Just(Layer::Activation(Activation::new(ActivationKind::ReLU))),
        (size(), size()).prop_map(|(k, p)| Layer::Pool(MaxPool2d::new(k).padding(p))),
        extent().prop_map(|out| Layer::Linear(Linear::new(out))),
        (extent(), extent()).prop_map(|(n, d)| Layer::Embedding(Embedding::new(n, d))),
        Just(Layer::LayerNorm(LayerNorm::new())),
    ]
}

/// One step, reading values below `defined` (any index: the analysis checks them).
fn step(defined: usize) -> impl Strategy<Value = Step> {
    let v = 0..defined;
    let dims = prop::collection::vec(dim(), 0..4);
    prop_oneof![
        (0usize..3, v.clone()).prop_map(|(child, a)| Step::Call {
            child,
            inputs: leak(vec![a])
        }),
        (0usize..4, v.clone(), v.clone()).prop_map(|(op, left, right)| Step::Binary {
            op: [BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Div][op],
            left,
            right
        }),
        (
            0..OPS.len(),
            prop::collection::vec(v.clone(), 1..3),
            dims.clone(),
            any::<bool>(),
            prop::sample::select(vec![
                Spelling::Method,
                Spelling::Torch,
                Spelling::Functional
            ])
        )
            .prop_map(|(op, inputs, dims, keepdim, spelling)| Step::Op {
                op,
                inputs: leak(inputs),
                dims: leak(dims),
                keepdim,
                spelling,
                dtype: complexity_core::module::DtypeArg::Unset
            }),
        (v.clone(), v.clone()).prop_map(|(left, right)| Step::MatMul { left, right }),
        (prop::collection::vec(v.clone(), 1..4), dim()).prop_map(|(inputs, dim)| Step::Cat {
            inputs: leak(inputs),
            dim
        }),
        (v.clone(), dims.clone(), any::<bool>()).prop_map(|(input, sizes, view)| {
            Step::Reshape {
                input,
                sizes: leak(sizes.into_iter().map(SizeArg::Fixed).collect()),
                view,
            }
        }),
        (v.clone(), dims.clone()).prop_map(|(input, dims)| Step::Permute {
            input,
            dims: leak(dims)
        }),
        (v.clone(), dim(), dim()).prop_map(|(input, dim0, dim1)| Step::Transpose {
            input,
            dim0,
            dim1
        }),
        (v.clone(), dim(), dim()).prop_map(|(input, dim, index)| Step::Select {
            input,
            dim,
            index
        }),
        (v.clone(), dim(), dim()).prop_map(|(input, start_dim, end_dim)| Step::Flatten {
            input,
            start_dim,
            end_dim
        }),
        (v.clone(), dim(), dims.clone()).prop_map(|(input, dim, sizes)| Step::Unflatten {
            input,
            dim,
            sizes: leak(sizes.into_iter().map(SizeArg::Fixed).collect())
        }),
        (
            v.clone(),
            prop::collection::vec(
                prop_oneof![Just(ExpandSize::Keep), extent().prop_map(ExpandSize::Size)],
                0..5
            )
        )
            .prop_map(|(input, sizes)| Step::Expand {
                input,
                sizes: leak(sizes)
            }),
        (
            v.clone(),
            dim(),
            extent(),
            0usize..4,
            0usize..4,
            any::<bool>()
        )
            .prop_map(|(input, dim, n, index, count, chunks)| Step::Piece {
                input,
                dim,
                split: if chunks {
                    Split::Chunks(n)
                } else {
                    Split::Size(n)
                },
                index,
                count
            }),
        Just(Step::Scalar),
    ]
}

fn leak<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

/// A struct with three layer children and a random forward of up to 12 steps.
fn graph() -> impl Strategy<Value = &'static Module> {
    (
        prop::collection::vec(layer(), 3),
        prop::collection::vec(any::<prop::sample::Index>(), 1..12),
    )
        .prop_flat_map(|(layers, seeds)| {
            let steps: Vec<BoxedStrategy<Step>> =
                (0..seeds.len()).map(|i| step(i + 1).boxed()).collect();
            (Just(layers), steps, any::<prop::sample::Index>())
        })
        .prop_map(|(layers, steps, out)| {
            let children: Vec<Child> = layers
                .into_iter()
                .zip(["a", "b", "c"])
                .map(|(l, name)| Child {
                    name,
                    module: Box::leak(Box::new(Module::layer(l))),
                    present: true,
                    splice: false,
                })
                .collect();
            let output = out.index(steps.len() + 1);
            &*Box::leak(Box::new(Module {
                class: "Random",
                extra_repr: None,
                tied: None,
                frozen: false,
                body: Body::Graph(Graph {
                    rust: "",
                    naming: Naming::Fields,
                    inputs: 1,
                    children: leak(children),
                    params: &[],
                    steps: leak(steps),
                    output,
                    more_outputs: &[],
                    prefix: "",
                    start: 0,
                }),
            }))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_descriptions_analyse_or_fail_cleanly(
        model in graph(),
        dims in prop::collection::vec(extent(), 0..6),
        eval: bool,
    ) {
        let input = Shape::new(&dims);
        let mode = if eval { Mode::Eval } else { Mode::Train };
        let compile_time = analyze(model, input, mode);
        let run_time = Report::new(model, input, mode);
        match (compile_time, run_time) {
            (Ok(totals), Ok(report)) => {
                prop_assert_eq!(&totals, report.totals());
                // Rendering never panics either.
                let _ = (report.table(), report.arch(), report.to_string());
            }
            (Err(a), Err(b)) => {
                prop_assert_eq!(a, b);
                prop_assert!(!a.to_string().is_empty());
            }
            (a, b) => prop_assert!(false, "the two paths disagree: {:?} vs {:?}", a, b.map(|r| *r.totals())),
        }
    }
}
