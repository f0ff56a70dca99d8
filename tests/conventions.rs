//! Other tools' conventions from the same analysis: each model's eval-mode totals in
//! fvcore's, torch `FlopCounterMode`'s, ptflops', calflops' (FLOPs and MACs), thop's and
//! torchinfo's conventions, parameters included, against the figures those tools
//! printed (`peers_eval` in every fixture).

mod reference_models;
#[allow(dead_code)]
#[path = "../examples/transformer_encoder.rs"]
mod transformer_encoder;
use reference_models::reference_model_tests;

use complexity_core::report::Report;
use complexity_core::{Convention, Mode, Model, Unit};
use complexity_workspace::Fixture;

fn check<M: Model>(name: &str) {
    let fixture = Fixture::load(name);
    let peers = fixture.get("peers_eval");
    let report = Report::of::<M>(M::INPUT, Mode::Eval).unwrap();
    let cost = &report.totals().cost;
    let theirs = |tool: &str, key: &str| peers[tool][key].as_u64().unwrap() as u128;
    assert_eq!(
        Convention::Fvcore.flops(cost),
        theirs("fvcore", "flops"),
        "{name}: fvcore"
    );
    assert_eq!(
        cost.activations as u128,
        theirs("fvcore", "activations"),
        "{name}: fvcore activations"
    );
    assert_eq!(
        Convention::TorchFlopCounter.flops(cost),
        theirs("torch_flop_counter", "flops"),
        "{name}: FlopCounterMode"
    );
    assert_eq!(
        Convention::CalflopsMacs.flops(cost),
        theirs("calflops", "macs"),
        "{name}: calflops MACs"
    );
    assert_eq!(
        Convention::CalflopsFlops.flops(cost),
        theirs("calflops", "flops"),
        "{name}: calflops FLOPs"
    );
    assert_eq!(
        Convention::Ptflops.flops(cost),
        theirs("ptflops", "macs"),
        "{name}: ptflops MACs"
    );
    assert_eq!(
        Convention::Ptflops.params(cost) as u128,
        theirs("ptflops", "params"),
        "{name}: ptflops params"
    );
    let torchinfo = peers["torchinfo"]["total_mult_adds"].as_u64().unwrap() as u128;
    assert_eq!(
        Convention::Torchinfo.flops(cost),
        torchinfo,
        "{name}: torchinfo's total mult-adds"
    );
    // The same from its rows (`tests/summary.rs` checks each).
    assert_eq!(report.summary(3).total_mult_adds(), torchinfo, "{name}");
    assert_eq!(
        report.thop(),
        (Convention::Thop.flops(cost), Convention::Thop.params(cost))
    );
    let (macs, params) = report.thop();
    assert_eq!(
        (macs as f64, params as f64),
        (
            peers["thop"]["macs"].as_f64().unwrap(),
            peers["thop"]["params"].as_f64().unwrap()
        ),
        "{name}: thop"
    );
    // calflops counts trainable parameters: all but a frozen module's (Whisper's
    // `embed_positions`, 1500 × 384).
    assert_eq!(
        Convention::CalflopsFlops.params(cost) as u128,
        theirs("calflops", "params"),
        "{name}: calflops params"
    );
}

#[test]
fn units() {
    assert_eq!(Convention::TorchFlopCounter.unit(), Unit::Flops);
    assert_eq!(Convention::Mmengine.unit(), Unit::MultiplyAdds);
    assert_eq!(Convention::CalflopsMacs.unit().name(), "multiply-adds");
}

reference_model_tests!(check);

/// A report in another convention says so and shows that tool's figures.
#[test]
fn a_report_in_another_convention() {
    use reference_models::resnet18::ResNet18;
    let report = Report::of::<ResNet18>(ResNet18::INPUT, Mode::Eval)
        .unwrap()
        .in_convention(Convention::CalflopsFlops);
    assert_eq!(report.convention(), Convention::CalflopsFlops);
    let headline = report.headline();
    // calflops' FLOPs of torchvision's resnet18, as it printed them (`peers_eval`).
    assert!(
        headline.contains("calflops (FLOPs) convention (FLOPs): 11689512 params (11.69M), 3636250112 FLOPs (3.636G)"),
        "{headline}"
    );
    let shown = report.to_string();
    assert!(shown.contains("flops (calflops (FLOPs), FLOPs)"), "{shown}");
    assert!(
        shown.contains("total (Eval): 11689512 params, 3636250112 FLOPs"),
        "{shown}"
    );
    // Per module too: ptflops counts `layer1`'s convolutions, batch norms (2·numel) and
    // ReLUs (module and function: 2·numel) there.
    let report = report.in_convention(Convention::Ptflops);
    let layer1 = report.module("layer1").unwrap();
    let conv = 4 * 64 * 64 * 9 * 56 * 56u128;
    let bn = 4 * 2 * 64 * 56 * 56u128;
    let relu = 4 * 2 * 64 * 56 * 56u128;
    assert_eq!(Convention::Ptflops.flops(layer1.cost()), conv + bn + relu);
}

/// PyTorch's own `nn.TransformerEncoder` and `nn.MultiheadAttention`, described from the
/// docs by a newcomer (`examples/transformer_encoder.rs`), against figures measured for
/// this project (`tests/fixtures/tiny_encoder.json`).
#[test]
fn transformer_encoder() {
    check::<transformer_encoder::TinyEncoder>("tiny_encoder");
}

/// mmengine's own figures of `TinyEncoder` in both modes.
#[test]
fn transformer_encoder_mmengine() {
    use transformer_encoder::TinyEncoder;
    let peers = Fixture::load("tiny_encoder").get("peers_eval").clone();
    for (mode, key) in [
        (Mode::Train, "mmengine_train"),
        (Mode::Eval, "mmengine_eval"),
    ] {
        let c = Report::of::<TinyEncoder>(TinyEncoder::INPUT, mode)
            .unwrap()
            .totals()
            .cost;
        let m = &peers[key];
        assert_eq!(
            (c.flops, c.params, c.activations),
            (
                m["flops"].as_u64().unwrap() as u128,
                m["params"].as_u64().unwrap(),
                m["activations"].as_u64().unwrap()
            ),
            "{key}"
        );
    }
}

/// ptflops and calflops see `F.relu`, not `x.relu()`, `relu(x)` or `torch.relu(x)`; an
/// `nn.ReLU` module is hooked by ptflops and calls `F.relu`, so it counts twice there.
/// Hand-derived on `[1, 4, 8, 8]` (256 elements per ReLU).
#[test]
fn spellings_the_tools_see() {
    use complexity_core::Complexity;
    fn figures<M: Model>() -> (u128, u128) {
        let r = Report::of::<M>(M::INPUT, Mode::Eval).unwrap();
        let c = &r.totals().cost;
        (
            Convention::Ptflops.flops(c),
            Convention::CalflopsFlops.flops(c),
        )
    }
    #[derive(Complexity)]
    #[complexity(input = [1, 4, 8, 8])]
    struct Module {
        #[complexity(relu)]
        act: (),
    }
    #[derive(Complexity)]
    #[complexity(input = [1, 4, 8, 8], forward = F.relu(x))]
    struct Functional {}
    #[derive(Complexity)]
    #[complexity(input = [1, 4, 8, 8], forward = nn.functional.relu(x))]
    struct NnFunctional {}
    #[derive(Complexity)]
    #[complexity(input = [1, 4, 8, 8], forward = relu(x.relu()))]
    struct Bare {}
    #[derive(Complexity)]
    #[complexity(input = [1, 4, 8, 8], forward = torch.relu(x))]
    struct Torch {}
    // The spelling is the call's own: the method inside `F.softmax(…)` stays unseen.
    #[derive(Complexity)]
    #[complexity(input = [1, 4, 8, 8], forward = F.softmax(x.relu(), -1))]
    struct Nested {}
    assert_eq!(figures::<Nested>(), (256, 256));
    assert_eq!(figures::<Module>(), (512, 256));
    assert_eq!(figures::<Functional>(), (256, 256));
    assert_eq!(figures::<NnFunctional>(), (256, 256));
    assert_eq!(figures::<Bare>(), (0, 0));
    assert_eq!(figures::<Torch>(), (0, 0));
}
