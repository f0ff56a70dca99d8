//! Support for the workspace's integration tests and benchmarks: the reference fixtures
//! measured with mmengine (`tests/fixtures/`, see its README for their provenance),
//! comparisons of a [`Report`] against them, and the block the scale tests and benchmarks
//! repeat.

use std::collections::BTreeMap;

use complexity_core::OpKind;
use complexity_core::report::Report;
use serde_json::Value;

/// A convolution, a batch norm and a ReLU: 16 channels in, 16 out, any spatial size.
#[derive(complexity_core::Complexity)]
pub struct ConvBnRelu {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1, bias = false))]
    conv: (),
    #[complexity(batch_norm2d)]
    bn: (),
    #[complexity(relu(inplace))]
    relu: (),
}

/// A fixture: one model measured with mmengine.
pub struct Fixture {
    json: Value,
}

/// One module's figures in a fixture.
#[derive(Debug, PartialEq, Eq)]
pub struct Figures {
    /// The PyTorch class.
    pub class: String,
    /// Parameters.
    pub params: u64,
    /// FLOPs.
    pub flops: u128,
    /// Activations.
    pub activations: u64,
    /// Non-zero FLOPs by op kind.
    pub flops_by_op: BTreeMap<String, u128>,
}

impl Fixture {
    /// Loads `tests/fixtures/{name}.json`.
    pub fn load(name: &str) -> Fixture {
        let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        Fixture {
            json: serde_json::from_str(&text).expect("fixture is JSON"),
        }
    }

    /// A string field, e.g. `mmengine_out_table_train`.
    /// The fixture's field `key` (`Null` when absent).
    pub fn get(&self, key: &str) -> &Value {
        &self.json[key]
    }

    pub fn string(&self, key: &str) -> &str {
        self.json[key]
            .as_str()
            .unwrap_or_else(|| panic!("fixture has no string `{key}`"))
    }

    /// The input shape.
    pub fn input_shape(&self) -> Vec<u64> {
        self.json["input_shape"]
            .as_array()
            .expect("input_shape")
            .iter()
            .map(|v| v.as_u64().expect("dim"))
            .collect()
    }

    /// `(params, flops, activations)` totals and their strings for `"train"` or `"eval"`.
    pub fn totals(&self, mode: &str) -> ((u64, u128, u64), [&str; 3]) {
        let m = &self.json[mode];
        let n = |k: &str| m[k].as_u64().unwrap_or_else(|| panic!("{mode}.{k}"));
        let s = |k: &str| m[k].as_str().unwrap_or_else(|| panic!("{mode}.{k}"));
        (
            (n("params"), n("flops") as u128, n("activations")),
            [s("params_str"), s("flops_str"), s("activations_str")],
        )
    }

    /// How many times mmengine saw `op` (`"aten::mul"`) and counted it 0, for `"train"`
    /// or `"eval"` (0 when it is not listed).
    pub fn unsupported(&self, mode: &str, op: &str) -> u64 {
        self.json[mode]["unsupported_ops"][op].as_u64().unwrap_or(0)
    }

    /// Every module's figures by dotted name (`""` for the model), for `"train"` or `"eval"`.
    pub fn modules(&self, mode: &str) -> BTreeMap<String, Figures> {
        self.json[mode]["modules"]
            .as_array()
            .expect("modules")
            .iter()
            .map(|m| {
                let by_op = m["flops_by_op"]
                    .as_object()
                    .expect("flops_by_op")
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_u64().expect("flops") as u128))
                    .filter(|(_, v)| *v != 0)
                    .collect();
                let figures = Figures {
                    class: m["type"].as_str().expect("type").into(),
                    params: m["params"].as_u64().expect("params"),
                    flops: m["flops"].as_u64().expect("flops") as u128,
                    activations: m["activations"].as_u64().expect("activations"),
                    flops_by_op: by_op,
                };
                (m["name"].as_str().expect("name").to_string(), figures)
            })
            .collect()
    }
}

/// Every module's figures in a report, in the fixture's form.
pub fn report_modules(report: &Report) -> BTreeMap<String, Figures> {
    report
        .modules()
        .map(|m| {
            let cost = m.cost();
            let flops_by_op = OpKind::ALL
                .iter()
                .map(|op| (op.name().to_string(), cost.flops_of(*op)))
                .filter(|(_, v)| *v != 0)
                .collect();
            let figures = Figures {
                class: m.class().into(),
                params: cost.params,
                flops: cost.flops,
                activations: cost.activations,
                flops_by_op,
            };
            (m.path(), figures)
        })
        .collect()
}

/// Asserts that the report has exactly the fixture's modules, each with its figures.
pub fn assert_modules_match(report: &Report, fixture: &Fixture, mode: &str) {
    let ours = report_modules(report);
    let theirs = fixture.modules(mode);
    let our_names: Vec<&String> = ours.keys().collect();
    let their_names: Vec<&String> = theirs.keys().collect();
    assert_eq!(our_names, their_names, "module names ({mode})");
    for (name, figures) in &theirs {
        assert_eq!(&ours[name], figures, "module `{name}` ({mode})");
    }
}

/// Asserts two long strings are equal, showing the first differing line.
pub fn assert_same_text(ours: &str, theirs: &str, what: &str) {
    if ours != theirs {
        let line = ours.lines().zip(theirs.lines()).position(|(a, b)| a != b);
        let detail = match line {
            Some(i) => format!(
                "first difference at line {}:\n ours:   {:?}\n theirs: {:?}",
                i + 1,
                ours.lines().nth(i).unwrap_or_default(),
                theirs.lines().nth(i).unwrap_or_default()
            ),
            None => format!("lengths differ: {} vs {} bytes", ours.len(), theirs.len()),
        };
        panic!("{what} differs from mmengine's; {detail}");
    }
}

/// Checks a model against its fixture in both modes: totals and their strings, every
/// module's figures, and mmengine's `out_table` (and `out_arch` when `arch` is true)
/// byte for byte.
pub fn assert_matches_fixture<M: complexity_core::Complexity>(name: &str, arch: bool) {
    use complexity_core::{Mode, Shape};
    let fixture = Fixture::load(name);
    let input = Shape::new(&fixture.input_shape());
    for (mode, key) in [(Mode::Train, "train"), (Mode::Eval, "eval")] {
        let report = Report::of::<M>(input, mode).unwrap_or_else(|e| panic!("{name} ({key}): {e}"));
        let ((params, flops, acts), strings) = fixture.totals(key);
        let t = &report.totals().cost;
        assert_eq!(
            (t.params, t.flops, t.activations),
            (params, flops, acts),
            "{name} totals ({key})"
        );
        assert_eq!(
            [
                report.params_str(),
                report.flops_str(),
                report.activations_str()
            ],
            strings.map(String::from),
            "{name} total strings ({key})"
        );
        assert_modules_match(&report, &fixture, key);
        assert_same_text(
            &report.table(),
            fixture.string(&format!("mmengine_out_table_{key}")),
            &format!("{name} out_table ({key})"),
        );
        if arch {
            assert_same_text(
                &report.arch(),
                fixture.string(&format!("mmengine_out_arch_{key}")),
                &format!("{name} out_arch ({key})"),
            );
        }
    }
    assert_state_dict_matches(&Report::of::<M>(input, Mode::Eval).unwrap(), &fixture, name);
}

/// The description's `state_dict` ([`Report::state_dict`]) is PyTorch's: every name, in
/// order, with its shape and dtype (`float32`, or `int64` for `num_batches_tracked`), tied
/// tensors under every name, and the fixture's `tied_parameters` as the description ties
/// them.
pub fn assert_state_dict_matches(report: &Report, fixture: &Fixture, name: &str) {
    let expected: Vec<(String, Vec<u64>, String)> = fixture.json["state_dict"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: the fixture has no state_dict"))
        .iter()
        .map(|t| {
            (
                t[0].as_str().unwrap().to_string(),
                t[1].as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_u64().unwrap())
                    .collect(),
                t[2].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let got: Vec<(String, Vec<u64>, String)> = report
        .state_dict()
        .into_iter()
        .map(|t| {
            let dtype = if t.integer { "int64" } else { "float32" };
            (t.name, t.shape.dims().to_vec(), dtype.to_string())
        })
        .collect();
    for (i, (e, g)) in expected.iter().zip(&got).enumerate() {
        assert_eq!(g, e, "{name}: state_dict entry {i}");
    }
    assert_eq!(got.len(), expected.len(), "{name}: state_dict length");
    // Each tied group: the later names are tied to the first.
    for group in fixture.json["tied_parameters"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let names: Vec<&str> = group
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        for later in &names[1..] {
            let t = report
                .state_dict()
                .into_iter()
                .find(|t| t.name == *later)
                .unwrap();
            assert_eq!(t.tied.as_deref(), Some(names[0]), "{name}: {later} is tied");
        }
    }
}

/// Checks the constants a model with `input` gets against its fixture: the input is
/// mmengine's, the fixture's training totals are `train` (params, FLOPs, activations, as
/// written in the test) and its eval FLOPs `eval_flops`, the compile-time totals
/// ([`Model::TRAIN`](complexity_core::Model::TRAIN), `EVAL`) equal them and the run-time
/// report's, and the output shape is `output`.
pub fn assert_constants_match<M: complexity_core::Model>(
    name: &str,
    train: (u64, u128, u64),
    eval_flops: u128,
    output: &[u64],
) {
    use complexity_core::Mode;
    let fixture = Fixture::load(name);
    assert_eq!(
        M::INPUT.dims(),
        fixture.input_shape().as_slice(),
        "{name} input"
    );
    assert_eq!(
        fixture.totals("train").0,
        train,
        "{name}: the fixture's totals"
    );
    let t = M::TRAIN.cost;
    assert_eq!((t.params, t.flops, t.activations), train, "{name} (train)");
    let ((params, flops, acts), _) = fixture.totals("eval");
    assert_eq!(flops, eval_flops, "{name}: the fixture's eval FLOPs");
    let e = M::EVAL.cost;
    assert_eq!(
        (e.params, e.flops, e.activations),
        (params, flops, acts),
        "{name} (eval)"
    );
    assert_eq!(M::TRAIN.output.dims(), output, "{name} output");
    for (mode, totals) in [(Mode::Train, M::TRAIN), (Mode::Eval, M::EVAL)] {
        let report = Report::of::<M>(M::INPUT, mode).unwrap();
        assert_eq!(
            *report.totals(),
            totals,
            "{name} ({mode:?}): run time and compile time"
        );
    }
}

/// What `report` (analysed in training mode in `precision`) says autograd keeps, against
/// PyTorch's figures in `theirs` (`saved_bytes`, `by_module`, and `by_dtype` when
/// given): in total, by module (each module's own share) and by dtype. Bytes are
/// float32 on the CPU for `Precision::Uniform` and half precision at 2 bytes, float32
/// at 4 under autocast.
pub fn assert_saved_matches(
    name: &str,
    report: &Report,
    precision: complexity_core::memory::Precision,
    theirs: &Value,
) {
    use complexity_core::DType;
    use complexity_core::memory::{Device, Precision};
    let saved = report.totals().cost.saved;
    let ours = precision.saved_bytes(&saved);
    let mut by_module = BTreeMap::new();
    for m in report.modules() {
        let own = precision.saved_bytes(&m.own_saved());
        if own > 0 {
            *by_module.entry(m.path()).or_insert(0u128) += own;
        }
    }
    let theirs_by_module: BTreeMap<String, u128> = theirs["by_module"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap() as u128))
        .collect();
    let mut diff = String::new();
    for k in by_module.keys().chain(theirs_by_module.keys()) {
        let (a, b) = (by_module.get(k), theirs_by_module.get(k));
        if a != b && !diff.contains(&format!("\n{k}:")) {
            diff += &format!("\n{k}: ours {a:?} theirs {b:?}");
        }
    }
    // `[bfloat16, float32, int64, bool]`: in one dtype, activations, masks (float32 on
    // the CPU) and statistics are all `float32`.
    let by_dtype = match precision {
        Precision::Uniform => {
            let [float, stats, int64, bools] = saved.bytes_by_class(DType::F32, Device::Cpu);
            [0, float + stats, int64, bools]
        }
        Precision::Autocast(device) => saved.bytes_by_class(DType::BF16, device),
    };
    assert_eq!(
        ours,
        theirs["saved_bytes"].as_u64().unwrap() as u128,
        "{name}: saved bytes (ours by dtype {by_dtype:?}; theirs {}); by module:{diff}",
        theirs["by_dtype"]
    );
    assert!(diff.is_empty(), "{name}: by module:{diff}");
    if theirs["by_dtype"].is_null() {
        return;
    }
    let dtype = |k: &str| theirs["by_dtype"][k].as_u64().unwrap_or(0) as u128;
    assert_eq!(
        by_dtype,
        [
            dtype("bfloat16"),
            dtype("float32"),
            dtype("int64"),
            dtype("bool")
        ],
        "{name}: by dtype"
    );
}
