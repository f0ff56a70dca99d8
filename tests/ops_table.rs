//! The crate docs' operation table lists exactly the rows of `complexity_core::ops::OPS`,
//! each with its shape rule, mmengine's cost rule, what it saves for backward, which
//! spellings ptflops and calflops count, and its result's dtype and autocast policy. On a
//! mismatch the test prints the table the docs should hold.

use complexity_core::ops::{CostRule, Dtype, OPS, Op, Policy, Saved, Seen, ShapeRule};

fn row(op: &Op) -> String {
    let shape = match op.shape {
        ShapeRule::Elementwise => "elementwise (broadcast)",
        ShapeRule::InPlace => "in place: `x`'s (the others broadcast to it)",
        ShapeRule::Reduce => "reduction",
        ShapeRule::Unsqueeze => "a size-1 dimension inserted",
        ShapeRule::Squeeze => "size-1 dimensions removed",
        ShapeRule::Repeat => "dimensions multiplied",
        ShapeRule::RepeatInterleave => "`dim` multiplied",
        ShapeRule::Narrow => "`dim` cut to `length`",
        ShapeRule::Pad => "the last dimensions padded",
        ShapeRule::Gather => "the index's shape",
        ShapeRule::IndexSelect => "`dim` becomes the index's length",
        ShapeRule::Slice => "`dim` sliced",
        ShapeRule::Bmm => "`[n, c, t] @ [n, t, d]`: `[n, c, d]`",
        ShapeRule::Mm => "`[c, t] @ [t, d]`: `[c, d]`",
        ShapeRule::Addmm => "`input + [c, t] @ [t, d]`: `[c, d]`",
        ShapeRule::Baddbmm => "`input + [n, c, t] @ [n, t, d]`: `[n, c, d]`",
    };
    let cost = match op.cost {
        CostRule::Zero(z) => format!("0 (zero op `{}`)", z.name()),
        CostRule::Bmm => "`n·c·t·d` (op `bmm`); activations `numel(output)`".into(),
        CostRule::Mm => "`c·t·d` (op `mm`); no activations".into(),
        CostRule::Addmm => "`c·t·d` (op `addmm`); activations `numel(output)`".into(),
        CostRule::Baddbmm => {
            "0 (zero op `baddbmm`; its `n·c·t·d` kept for other conventions)".into()
        }
        CostRule::Cache => "0 (zero op `kv_cache`); its elements are the KV cache's".into(),
    };
    let saved = match op.saved {
        Saved::Nothing => "nothing",
        Saved::Input => "input",
        Saved::Output => "output",
        Saved::InputAndOutput => "input and output",
        Saved::Mask => "a mask",
        Saved::View => "nothing (a view)",
        Saved::Inputs => "both inputs",
        Saved::Factors => "each factor, for the other's gradient",
        Saved::Condition(_) => "the bool condition",
        Saved::Index => "the int64 index",
        Saved::IndexAndInput => "input and int64 index",
        Saved::Normalize => "input and 2 per row",
    };
    let seen = |s: Seen| {
        if s == Seen::NONE {
            "no"
        } else if s == Seen::FUNCTIONAL {
            "as `F.`"
        } else if s == Seen::TORCH {
            "as `torch.`"
        } else if s == Seen::TORCH_AND_METHOD {
            "as `torch.` or a method"
        } else {
            panic!("a set of spellings the docs have no words for")
        }
    };
    let tools = if op.tools.ptflops == op.tools.calflops {
        seen(op.tools.ptflops).to_string()
    } else {
        format!(
            "ptflops {}, calflops {}",
            seen(op.tools.ptflops),
            seen(op.tools.calflops)
        )
    };
    let dtype = match op.dtype {
        Dtype::Promoted => "promoted",
        Dtype::Float32 => "float32",
        Dtype::Half => "half",
        Dtype::Integer => "integer",
        Dtype::Argument => "its `dtype`'s, else promoted",
        Dtype::Selected => "`a`'s and `b`'s (float32 for numbers)",
    };
    let autocast = match (op.autocast.cpu, op.autocast.cuda) {
        (Policy::Input, Policy::Input) => "",
        (Policy::Lower, Policy::Lower) => "; autocast: half",
        (Policy::Input, Policy::Float32) => "; autocast: float32 on CUDA",
        _ => panic!("an autocast policy the docs have no words for"),
    };
    format!(
        "//! | `{}` | {shape} | {cost} | {saved} | {tools} | {dtype}{autocast} |",
        op.usage
    )
}

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
    let documented: Vec<&str> = section
        .lines()
        .filter(|l| l.starts_with("//! | `") && !l.starts_with("//! | written"))
        .collect();
    let expected: Vec<String> = OPS.iter().map(row).collect();
    if documented != expected {
        println!("{}", expected.join("\n"));
    }
    assert_eq!(
        documented, expected,
        "the docs' table (expected table printed above)"
    );
}

/// The README gives the table's size.
#[test]
fn the_readme_counts_the_operations() {
    let readme = include_str!("../README.md").replace('\n', " ");
    let claim = format!("the {} operations of", OPS.len());
    assert!(readme.contains(&claim), "the README should say \"{claim}\"");
}
