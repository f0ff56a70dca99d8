//! Checks the ResNet-18 description (`examples/resnet18.rs`) against a `.safetensors`
//! checkpoint of torchvision's `resnet18()`, tensor by tensor, reading only the file's
//! header (feature `safetensors` of `complexity-core`).
//!
//! `cargo run --example check_checkpoint -- resnet18.safetensors` (a sharded checkpoint:
//! its `model.safetensors.index.json`); without an argument it checks the repository's
//! `tests/fixtures/checkpoints/resnet18.safetensors`. It prints what matches, what is
//! missing, unexpected or mismatched, and exits with status 1 on any difference.

#[allow(dead_code)]
#[path = "resnet18.rs"]
mod resnet18;

use complexity_core::checkpoint::{Checkpoint, compare};
use complexity_core::report::Report;
use complexity_core::{DType, Mode};
use resnet18::ResNet18;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        format!(
            "{}/tests/fixtures/checkpoints/resnet18.safetensors",
            env!("CARGO_MANIFEST_DIR")
        )
    });
    let checkpoint = Checkpoint::open(&path)?;
    let report = Report::of::<ResNet18>(ResNet18::INPUT, Mode::Eval)?;
    let diff = compare(&report, &checkpoint, DType::F32);
    print!("{path}: {diff}");
    if !diff.is_match() {
        std::process::exit(1);
    }
    Ok(())
}
