//! The analysis at scale: models whose size once broke it compile here with exact figures,
//! and its limits are errors, never a stack overflow or an abort. (Speed is measured by
//! `cargo bench` and `benches/compile_time.sh`, not here.)

use complexity_core::report::Report;
use complexity_core::{Complexity, ErrorKind, Mode, Shape, Totals, analyze, totals};
use complexity_workspace::ConvBnRelu;

#[path = "../examples/llama/model.rs"]
#[allow(dead_code)]
mod llama;

use llama::{
    Llama2_7B, Llama2_13B, Llama2_70B, Llama3_8B, Llama3_70B, Llama31_405B, LlamaConfig,
    LlamaForCausalLM, LlamaModel, Mistral7B, Mixtral8x7B, MixtralBlockSparseTop2MLP,
    MixtralForCausalLM, MixtralModel,
};

/// 30,000 layers.
#[derive(Complexity)]
#[complexity(input = (16, 32, 32))]
pub struct Chain {
    layers: [ConvBnRelu; 10_000],
}

#[test]
fn ten_thousand_blocks_are_constants() {
    // Per block: conv 16·16·3·3 = 2,304 weights, batch norm 2·16 = 32.
    assert_eq!(Chain::PARAMS, 10_000 * (2_304 + 32));
    // Per block at 16×32×32: conv 2,304·32·32 = 2,359,296 multiply-adds; batch norm in
    // training mode 5·16·32·32 = 81,920, in eval mode 2·16·32·32 = 32,768.
    assert_eq!(Chain::FLOPS, 10_000 * (2_359_296 + 81_920));
    assert_eq!(Chain::FLOPS_EVAL, 10_000 * (2_359_296 + 32_768));
    // The conv's output is its only activation.
    assert_eq!(Chain::ACTIVATIONS, 10_000 * 16 * 32 * 32);
    // The peak: one layer's input and output (the ReLU works in place).
    assert_eq!(Chain::PEAK_ACTIVATIONS, 2 * 16 * 32 * 32);
    let report = Report::of::<Chain>(Chain::INPUT, Mode::Train).unwrap();
    assert_eq!(report.len(), 1 + 1 + 10_000 * 4);
    assert_eq!(report.totals().cost.flops, Chain::FLOPS);
    let last = report.module("layers.9999.bn").unwrap();
    assert_eq!(last.cost().flops, 81_920);
    assert_eq!(last.output().unwrap(), Shape::new(&[1, 16, 32, 32]));
    assert_eq!(report.zero_ops(), vec![("relu", 10_000)]);
}

/// The innermost of 64 nested structs.
#[derive(Complexity)]
pub struct Level0 {
    #[complexity(conv2d(out = 16, kernel = 3, padding = 1))]
    conv: (),
}

macro_rules! nest {
    ($(($outer:ident, $inner:ident)),* $(,)?) => {
        $(
            /// One level of nesting.
            #[derive(Complexity)]
            pub struct $outer {
                inner: $inner,
            }
        )*
    };
}

nest!(
    (Level1, Level0),
    (Level2, Level1),
    (Level3, Level2),
    (Level4, Level3),
    (Level5, Level4),
    (Level6, Level5),
    (Level7, Level6),
    (Level8, Level7),
    (Level9, Level8),
    (Level10, Level9),
    (Level11, Level10),
    (Level12, Level11),
    (Level13, Level12),
    (Level14, Level13),
    (Level15, Level14),
    (Level16, Level15),
    (Level17, Level16),
    (Level18, Level17),
    (Level19, Level18),
    (Level20, Level19),
    (Level21, Level20),
    (Level22, Level21),
    (Level23, Level22),
    (Level24, Level23),
    (Level25, Level24),
    (Level26, Level25),
    (Level27, Level26),
    (Level28, Level27),
    (Level29, Level28),
    (Level30, Level29),
    (Level31, Level30),
    (Level32, Level31),
    (Level33, Level32),
    (Level34, Level33),
    (Level35, Level34),
    (Level36, Level35),
    (Level37, Level36),
    (Level38, Level37),
    (Level39, Level38),
    (Level40, Level39),
    (Level41, Level40),
    (Level42, Level41),
    (Level43, Level42),
    (Level44, Level43),
    (Level45, Level44),
    (Level46, Level45),
    (Level47, Level46),
    (Level48, Level47),
    (Level49, Level48),
    (Level50, Level49),
    (Level51, Level50),
    (Level52, Level51),
    (Level53, Level52),
    (Level54, Level53),
    (Level55, Level54),
    (Level56, Level55),
    (Level57, Level56),
    (Level58, Level57),
    (Level59, Level58),
    (Level60, Level59),
    (Level61, Level60),
    (Level62, Level61),
    (Level63, Level62),
);

/// The 64th level, with its totals as constants.
#[derive(Complexity)]
#[complexity(input = (16, 8, 8))]
pub struct Deep {
    inner: Level63,
}

#[test]
fn sixty_five_levels_deep_compile() {
    // 16·16·3·3 weights + 16 biases; 2,304·8·8 multiply-adds.
    assert_eq!(Deep::PARAMS, 2_320);
    assert_eq!(Deep::FLOPS, 147_456);
}

#[test]
fn a_deep_report_runs_on_a_small_stack() {
    // cargo test's default thread stack, explicitly.
    let report = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| Report::of::<Deep>(Deep::INPUT, Mode::Eval).unwrap())
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(report.len(), 66);
    let path = format!("{}conv", "inner.".repeat(64));
    let conv = report.module(&path).unwrap();
    assert_eq!(conv.depth(), 65);
    assert_eq!(conv.cost().flops, 147_456);
    // mmengine's table merges each single-child row into its child while their figures
    // agree: the 64 levels collapse into one row for the convolution, then its weight
    // and bias (a blank line, three rules, the header, three rows).
    let table = report.table();
    assert_eq!(table.lines().count(), 8);
    assert!(table.contains(&format!("| {path} | 2.32K ")), "{table}");
    // PyTorch's repr: the convolution, at depth 65, is indented by 2·65 spaces.
    let arch = report.arch();
    let conv = format!(
        "{}(conv): Conv2d(\n{}16, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)",
        "  ".repeat(65),
        "  ".repeat(66)
    );
    assert!(arch.contains(&conv), "{arch}");
}

/// Parameters and FLOPs of a Llama at `s` tokens, derived by hand from its layers:
/// per decoder layer, the projections q and o (h·h each), k and v (h·kv·d each), the MLP
/// (3·h·i), two RMSNorm weights (2·h); the embedding and the head (v·h each), the final
/// norm (h). FLOPs: every linear layer s·in·out, the two attention products
/// 2·heads·s·s·d per layer.
fn llama<C: LlamaConfig>(layers: u128, s: u128) -> (u128, u128) {
    let (h, i, heads, kv, v) = (
        C::HIDDEN as u128,
        C::INTERMEDIATE as u128,
        C::HEADS as u128,
        C::KV_HEADS as u128,
        C::VOCAB as u128,
    );
    let d = h / heads;
    let layer_linear = 2 * h * h + 2 * h * kv * d + 3 * h * i;
    let params = layers * (layer_linear + 2 * h) + 2 * v * h + h;
    let flops = layers * (s * layer_linear + 2 * heads * s * s * d) + s * h * v;
    (params, flops)
}

#[test]
fn llama_parameters_are_transformers_own() {
    // `params_with_lm_head` and `params_model_only` of llm_params.json (transformers
    // 5.24.0 on the meta device).
    const LLAMA2_7B: Totals = totals!(LlamaForCausalLM<Llama2_7B, 32>, input = [1, 8192]);
    const LLAMA3_70B: Totals = totals!(LlamaForCausalLM<Llama3_70B, 80>, input = [1, 8192]);
    const LLAMA31_405B: Totals = totals!(LlamaForCausalLM<Llama31_405B, 126>, input = [1, 8192]);
    const MODEL_405B: Totals = totals!(LlamaModel<Llama31_405B, 126>, input = [1, 8192]);
    assert_eq!(LLAMA2_7B.params(), 6_738_415_616);
    assert_eq!(LLAMA3_70B.params(), 70_553_706_496);
    assert_eq!(LLAMA31_405B.params(), 405_853_388_800);
    assert_eq!(MODEL_405B.params(), 403_752_042_496);
    // The other configurations of examples/llama, all of llm_params.json's.
    const LLAMA2_13B: Totals = totals!(LlamaForCausalLM<Llama2_13B, 40>, input = [1, 8]);
    const LLAMA2_70B: Totals = totals!(LlamaForCausalLM<Llama2_70B, 80>, input = [1, 8]);
    const LLAMA3_8B: Totals = totals!(LlamaForCausalLM<Llama3_8B, 32>, input = [1, 8]);
    const MISTRAL_7B: Totals = totals!(LlamaForCausalLM<Mistral7B, 32>, input = [1, 8]);
    assert_eq!(LLAMA2_13B.params(), 13_015_864_320);
    assert_eq!(LLAMA2_70B.params(), 68_976_648_192);
    assert_eq!(LLAMA3_8B.params(), 8_030_261_248);
    assert_eq!(MISTRAL_7B.params(), 7_241_732_096);
    assert_eq!(
        (LLAMA2_7B.params() as u128, LLAMA2_7B.flops()),
        llama::<Llama2_7B>(32, 8192)
    );
    assert_eq!(
        (LLAMA31_405B.params() as u128, LLAMA31_405B.flops()),
        llama::<Llama31_405B>(126, 8192)
    );
}

#[test]
fn llama_405b_at_its_full_context() {
    const LONG: Totals = totals!(LlamaForCausalLM<Llama31_405B, 126>, input = [1, 131_072]);
    assert_eq!(
        (LONG.params() as u128, LONG.flops()),
        llama::<Llama31_405B>(126, 131_072)
    );
    assert_eq!(LONG.output.dims(), &[1, 131_072, 128_256]);
    // The run-time report lists every module of all 126 layers and agrees.
    let report =
        Report::of::<LlamaForCausalLM<Llama31_405B, 126>>(Shape::new(&[1, 131_072]), Mode::Train)
            .unwrap();
    assert_eq!(report.totals(), &LONG);
    assert_eq!(
        report
            .module("model.layers.125.self_attn.k_proj")
            .unwrap()
            .cost()
            .params,
        16_384 * 1_024
    );
}

/// A chain of `n` hand-built modules, each holding the next (leaked: descriptions are
/// `'static`).
fn chain(n: usize) -> &'static complexity_core::Module {
    use complexity_core::module::{Body, Module};
    let mut m: &'static Module = &<Level0 as Complexity>::MODULE;
    for _ in 1..n {
        let modules: &'static [&'static Module] = Box::leak(Box::new([m]));
        m = Box::leak(Box::new(Module {
            class: "Sequential",
            extra_repr: None,
            tied: None,
            frozen: false,
            body: Body::Sequence {
                modules,
                prefix: "",
            },
        }));
    }
    m
}

#[test]
fn nesting_past_the_limit_is_an_error() {
    let input = Shape::new(&[1, 16, 8, 8]);
    let depth = complexity_core::analysis::MAX_DEPTH;
    // The innermost struct and its layer: `depth` frames, the layer applied in place.
    assert!(analyze(chain(depth), input, Mode::Train).is_ok());
    // At the limit, the report, its table and its architecture fit cargo test's 2 MiB
    // stack in a debug build: every pass is iterative or shallow.
    let (len, table, arch) = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let r = Report::new(chain(depth), input, Mode::Train).unwrap();
            (r.len(), r.table(), r.arch())
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(len, depth + 1);
    assert!(table.contains("2.32K"), "{table}");
    assert_eq!(arch.matches("Sequential(").count(), depth - 1);
    let err = analyze(chain(depth + 1), input, Mode::Train).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::Limit { limit: 128, .. }),
        "{err}"
    );
    assert!(
        err.to_string()
            .ends_with("more than 128 modules nested in one another, the analysis's limit: flatten a level (a `splice`d sequence or a `fragment` adds none)"),
        "{err}"
    );
    // The same error from the report, on a small stack.
    let err = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || Report::new(chain(depth + 1), input, Mode::Train).unwrap_err())
        .unwrap()
        .join()
        .unwrap();
    assert!(matches!(err.kind(), ErrorKind::Limit { .. }));
}

#[test]
fn a_forward_past_the_value_limit_is_an_error() {
    use complexity_core::module::{Body, Graph, Module, Naming, Step};
    // A hand-built forward of 600 numbers: 601 values with the input.
    let steps: &'static [Step] = Box::leak(vec![Step::Scalar; 600].into_boxed_slice());
    let module: &'static Module = Box::leak(Box::new(Module {
        class: "Wide",
        extra_repr: None,
        tied: None,
        frozen: false,
        body: Body::Graph(Graph {
            rust: "",
            naming: Naming::Fields,
            inputs: 1,
            children: &[],
            params: &[],
            steps,
            output: 0,
            more_outputs: &[],
            prefix: "",
            start: 0,
        }),
    }));
    let err = analyze(module, Shape::new(&[1, 8]), Mode::Train).unwrap_err();
    assert_eq!(
        err.to_string(),
        "model: more than 512 values in one forward (inputs plus steps) (this model needs 601), \
         the analysis's limit: move part of the program into a child module"
    );
}

#[test]
fn mixtral_parameters_and_routing() {
    // llm_params.json: MixtralForCausalLM 46,702,792,704 (all 8 experts), the model
    // without its head 46,571,720,704.
    const MIXTRAL: Totals = totals!(MixtralForCausalLM<Mixtral8x7B, 32>, input = [1, 8192]);
    const MODEL: Totals = totals!(MixtralModel<Mixtral8x7B, 32>, input = [1, 8192]);
    const MISTRAL: Totals = totals!(LlamaForCausalLM<Mistral7B, 32>, input = [1, 8192]);
    const EXPERT: Totals = totals!(MixtralBlockSparseTop2MLP<Mixtral8x7B>, input = [1, 1, 4096]);
    assert_eq!(MIXTRAL.params(), 46_702_792_704);
    assert_eq!(MODEL.params(), 46_571_720_704);
    // An expert is an MLP of 3·4096·14336 weights; a token uses 2 of a layer's 8:
    // 46,702,792,704 − 32·6·176,160,768 = 12,879,925,248 active parameters.
    assert_eq!(EXPERT.params(), 3 * 4096 * 14336);
    assert_eq!(MIXTRAL.params() - 32 * 6 * EXPERT.params(), 12_879_925_248);
    // FLOPs with the tokens split evenly (2 experts per token): Mistral-7B's, where each
    // layer's MLP runs twice per token, plus the router, 8,192·4,096·8 per layer.
    let mlp = 8192u128 * 3 * 4096 * 14336;
    assert_eq!(
        MIXTRAL.flops(),
        MISTRAL.flops() + 32 * (mlp + 8192 * 4096 * 8)
    );
    // Every expert runs on a quarter of the tokens.
    let r = Report::of::<MixtralModel<Mixtral8x7B, 2>>(Shape::new(&[1, 64]), Mode::Eval).unwrap();
    let expert = r.module("layers.1.block_sparse_moe.experts.7.w1").unwrap();
    assert_eq!(expert.input(), Some(Shape::new(&[1, 16, 4096])));
    assert_eq!(expert.calls(), 1);
}
