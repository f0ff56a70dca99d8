//! torchinfo's summary (`Report::summary`): every row of every reference model (class,
//! depth, output shape, parameters, mult-adds) and its totals, against the rows torchinfo
//! 1.8 printed (`peers_eval.torchinfo` in every fixture).

mod reference_models;
#[allow(dead_code)]
#[path = "../examples/transformer_encoder.rs"]
mod transformer_encoder;
use reference_models::reference_model_tests;

use complexity_core::report::Report;
use complexity_core::{Mode, Model};
use complexity_workspace::Fixture;

fn check<M: Model>(name: &str) {
    let fixture = Fixture::load(name);
    let torchinfo = &fixture.get("peers_eval")["torchinfo"];
    let report = Report::of::<M>(M::INPUT, Mode::Eval).unwrap();
    let summary = report.summary(3);
    let theirs = torchinfo["layers"].as_array().unwrap();
    let ours = summary.rows();
    let mut wrong = Vec::new();
    for (i, (t, o)) in theirs.iter().zip(ours).enumerate() {
        let out: Vec<u64> = t["output_shape"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_u64().unwrap())
            .collect();
        let our_out = o.output.map(|s| s.dims().to_vec()).unwrap_or_default();
        let theirs = (
            t["type"].as_str().unwrap(),
            t["depth"].as_u64().unwrap() as usize,
            out,
            t["params"].as_u64().unwrap(),
            t["mult_adds"].as_u64().unwrap() as u128,
        );
        let mine = (o.class, o.depth, our_out, o.params, o.mult_adds);
        if theirs != mine {
            wrong.push(format!(
                "row {i} ({}): torchinfo {theirs:?}, ours {mine:?}",
                o.name
            ));
        }
    }
    assert!(
        wrong.is_empty() && theirs.len() == ours.len(),
        "{name}: {} rows against torchinfo's {}; {} differ:\n{}",
        ours.len(),
        theirs.len(),
        wrong.len(),
        wrong
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(
        summary.total_params(),
        torchinfo["total_params"].as_u64().unwrap(),
        "{name}: total params"
    );
    assert_eq!(
        summary.total_mult_adds(),
        torchinfo["total_mult_adds"].as_u64().unwrap() as u128,
        "{name}: total mult-adds"
    );
}

reference_model_tests!(check);

/// The table torchinfo printed (`tests/fixtures/torchinfo/`), byte for byte.
fn table<M: Model>(file: &str, depth: usize, var_names: bool, input_element_bytes: u128) {
    let path = format!(
        "{}/tests/fixtures/torchinfo/{file}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let theirs = std::fs::read_to_string(&path).unwrap();
    let report = Report::of::<M>(M::INPUT, Mode::Eval).unwrap();
    let ours = report
        .summary(depth)
        .var_names(var_names)
        .input_element_bytes(input_element_bytes)
        .to_string();
    assert_eq!(ours, theirs.trim_end(), "{file}");
}

#[test]
fn resnet18_table() {
    table::<reference_models::resnet18::ResNet18>("resnet18_3", 3, false, 4);
}

#[test]
fn bert_table_with_var_names() {
    table::<reference_models::bert_base::BertBase>("bert_base_2_var", 2, true, 8);
}

#[test]
fn vit_table_at_depth_1() {
    table::<reference_models::vit_b_16::VitB16>("vit_b_16_1", 1, false, 4);
}

#[test]
fn whisper_table_frozen() {
    table::<reference_models::whisper_tiny_encoder::WhisperEncoder>("whisper_1", 1, false, 4);
}

#[test]
fn bart_table_tied() {
    table::<reference_models::bart_large::BartModel>("bart_large_2", 2, false, 8);
}

/// PyTorch's own `nn.TransformerEncoder` and `nn.MultiheadAttention`, described from the
/// docs by a newcomer (`examples/transformer_encoder.rs`), against figures measured for
/// this project (`tests/fixtures/tiny_encoder.json`).
#[test]
fn transformer_encoder() {
    check::<transformer_encoder::TinyEncoder>("tiny_encoder");
}
