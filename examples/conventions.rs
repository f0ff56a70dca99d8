//! ResNet-18 (eval mode, `[1, 3, 224, 224]`) in every convention this crate reproduces,
//! next to the number each tool printed for torchvision's `resnet18()` (measured with
//! mmengine 0.10.7, fvcore 0.1.5, torch 2.15's `FlopCounterMode`, ptflops 0.7.5, calflops
//! 0.3.2, torchinfo 1.8.0 and thop 0.1.1; `tests/conventions.rs` checks all 15 reference
//! models against them), then torchinfo's summary of it at depth 1.
//!
//! `cargo run --example conventions`

#[allow(dead_code)]
#[path = "resnet18.rs"]
mod resnet18;

use complexity_core::report::Report;
use complexity_core::{Convention, Mode};
use resnet18::ResNet18;

/// What each tool printed for torchvision's `resnet18()` in eval mode.
const PUBLISHED: [(Convention, u128); 8] = [
    (Convention::Mmengine, 1_819_065_856),
    (Convention::Fvcore, 1_819_065_856),
    (Convention::TorchFlopCounter, 3_628_146_688),
    (Convention::Ptflops, 1_825_313_768),
    (Convention::CalflopsFlops, 3_636_250_112),
    (Convention::CalflopsMacs, 1_814_073_344),
    (Convention::Thop, 1_824_033_792),
    (Convention::Torchinfo, 1_814_083_944),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let report = Report::of::<ResNet18>(ResNet18::INPUT, Mode::Eval)?;
    let cost = &report.totals().cost;
    println!(
        "{:<24} {:<14} {:>16} {:>16}",
        "convention", "unit", "this crate", "the tool"
    );
    let mut differ = false;
    for (convention, published) in PUBLISHED {
        let ours = convention.flops(cost);
        differ |= ours != published;
        println!(
            "{:<24} {:<14} {:>16} {:>16}{}",
            convention.name(),
            convention.unit().name(),
            ours,
            published,
            if ours == published { "" } else { "  (differs)" }
        );
    }
    let summary = report.summary(1);
    println!("\n{summary}");
    if differ {
        return Err("a figure differs from the tool's".into());
    }
    Ok(())
}
