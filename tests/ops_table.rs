//! The crate docs' operation table lists exactly the rows of `complexity_core::ops::OPS`,
//! each with its shape rule and what it saves for backward.

use complexity_core::ops::{OPS, Saved, ShapeRule};

#[test]
fn the_docs_table_is_the_operation_table() {
    let docs = include_str!("../complexity-core/src/lib.rs");
    let section = docs
        .split("//! # Operations")
        .nth(1)
        .expect("an Operations section")
        .split("//! #")
        .next()
        .unwrap();
    let rows: Vec<Vec<&str>> = section
        .lines()
        .filter_map(|l| l.strip_prefix("//! | `x."))
        .map(|l| l.split(" | ").map(|c| c.trim_end_matches(" |")).collect())
        .collect();
    assert_eq!(rows.len(), OPS.len(), "one docs row per operation");
    for (row, op) in rows.iter().zip(OPS) {
        assert_eq!(format!("x.{}", row[0].trim_end_matches('`')), op.usage);
        let shape = match op.shape {
            ShapeRule::Elementwise => "elementwise (broadcast)",
            ShapeRule::Reduce => "reduction",
        };
        assert_eq!(row[1], shape, "{}", op.name);
        assert_eq!(row[2], "0", "{}", op.name);
        let saved = match op.saved {
            Saved::Nothing => "nothing",
            Saved::Input => "input",
            Saved::Output => "output",
            Saved::InputAndOutput => "input and output",
            Saved::Mask => "a mask",
        };
        assert_eq!(row[3], saved, "{}", op.name);
    }
}
