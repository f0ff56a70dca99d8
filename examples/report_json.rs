//! A report as JSON (feature `serde`; the schema is documented in
//! `complexity-core/src/report/json.rs`), and a diff between two inputs as JSON.
//!
//! `cargo run --example report_json` writes ResNet-18's eval-mode report to
//! `target/resnet18.json` and prints its totals and the diff between 224² and 160²
//! inputs.

#[allow(dead_code)]
#[path = "resnet18.rs"]
mod resnet18;

use complexity_core::report::Report;
use complexity_core::{Mode, Shape};
use resnet18::ResNet18;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let report = Report::of::<ResNet18>(ResNet18::INPUT, Mode::Eval)?;
    let json = serde_json::to_string_pretty(&report)?;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/resnet18.json");
    std::fs::write(path, &json)?;
    let value: serde_json::Value = serde_json::from_str(&json)?;
    println!("wrote {path}: totals {}", value["totals"]);
    let smaller = Report::of::<ResNet18>(Shape::new(&[1, 3, 160, 160]), Mode::Eval)?;
    let diff = report.diff(&smaller);
    println!("{diff}");
    println!("{}", serde_json::to_string(&diff.totals)?);
    Ok(())
}
