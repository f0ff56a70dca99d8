//! ResNet-18 (eval mode, `[1, 3, 224, 224]`) in every convention this crate reproduces,
//! next to the number each tool printed for torchvision's `resnet18()` (measured with
//! mmengine 0.10.7, fvcore 0.1.5, torch 2.15's `FlopCounterMode` and calflops 0.3.2;
//! `tests/conventions.rs` checks all 15 reference models against them), torchinfo's
//! total mult-adds, and the tools whose rules are not reproduced, with their numbers for
//! comparison.
//!
//! `cargo run --example conventions`

#[allow(dead_code)]
#[path = "resnet18.rs"]
mod resnet18;

use complexity_core::report::Report;
use complexity_core::{Convention, Mode};
use resnet18::ResNet18;

/// What each tool printed for torchvision's `resnet18()` in eval mode.
const PUBLISHED: [(Convention, u128); 4] = [
    (Convention::Mmengine, 1_819_065_856),
    (Convention::Fvcore, 1_819_065_856),
    (Convention::TorchFlopCounter, 3_628_146_688),
    (Convention::CalflopsMacs, 1_814_073_344),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let report = Report::of::<ResNet18>(ResNet18::INPUT, Mode::Eval)?;
    let cost = &report.totals().cost;
    println!(
        "{:<24} {:<14} {:>16} {:>16}",
        "convention", "unit", "this crate", "the tool"
    );
    for (convention, published) in PUBLISHED {
        let ours = convention.flops(cost);
        println!(
            "{:<24} {:<14} {:>16} {:>16}{}",
            convention.name(),
            convention.unit().name(),
            ours,
            published,
            if ours == published { "" } else { "  (differs)" }
        );
    }
    // torchinfo's rule works on modules, so it is the report's (`torchinfo_mult_adds`).
    println!(
        "{:<24} {:<14} {:>16} {:>16}",
        "torchinfo (mult-adds)",
        "multiply-adds",
        report.torchinfo_mult_adds(),
        1_814_083_944u64
    );
    println!(
        "{:<24} {:<14} {:>16} {:>16}",
        "thop",
        "multiply-adds",
        report.thop().0,
        1_824_033_792u64
    );
    println!("not reproduced (their own rules for biases, elementwise operations and modules):");
    for (tool, unit, published) in [
        ("ptflops", "multiply-adds", 1_825_313_768u64),
        ("calflops (FLOPs)", "FLOPs", 3_636_250_112),
    ] {
        println!("{tool:<24} {unit:<14} {:>16} {published:>16}", "-");
    }
    Ok(())
}
