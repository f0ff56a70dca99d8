//! Never a wrong number: arithmetic past the integer types, sizes PyTorch could not hold and
//! arguments PyTorch rejects are errors naming the module, in debug and in release alike
//! (CI runs this file in both).

use complexity_core::layer::{Conv, Layer, Size};
use complexity_core::module::Module;
use complexity_core::report::Report;
use complexity_core::{Complexity, Mode, Shape, analyze};

fn error_of<M: Complexity>(input: &[u64]) -> String {
    let err = Report::of::<M>(Shape::new(input), Mode::Train).unwrap_err();
    // The compiler's analysis gives the very same error.
    assert_eq!(
        analyze(&M::MODULE, Shape::new(input), Mode::Train).unwrap_err(),
        err
    );
    err.to_string()
}

#[test]
fn a_cat_past_u64_is_an_overflow() {
    #[derive(Complexity)]
    #[complexity(forward = cat([r(x), x], 1))]
    struct Join {
        #[complexity(relu)]
        r: (),
    }
    // 2^63 + 2^63 = 2^64 does not fit.
    assert_eq!(
        error_of::<Join>(&[1, 1 << 63, 1]),
        "model: a size of the output shape overflows (more than 9223372036854775807, the largest PyTorch size) (in `Join`'s forward)"
    );
    // Past i64 but within u64 is still past PyTorch's sizes.
    assert!(error_of::<Join>(&[1, (1 << 62) + 1, 1]).contains("overflows"));
}

#[test]
fn an_expand_past_i64_is_an_overflow() {
    #[derive(Complexity)]
    #[complexity(forward = r(x).expand(-1, usize::MAX))]
    struct Wide {
        #[complexity(relu)]
        r: (),
    }
    assert!(error_of::<Wide>(&[1, 1]).contains("overflows"));
}

#[test]
fn select_on_a_huge_dimension_does_not_wrap() {
    #[derive(Complexity)]
    #[complexity(forward = r(x).select(1, -1))]
    struct Last {
        #[complexity(relu)]
        r: (),
    }
    let r = Report::of::<Last>(Shape::new(&[2, 1 << 63]), Mode::Train).unwrap();
    assert_eq!(r.totals().output.dims(), &[2]);
}

#[test]
fn a_transposed_convolution_on_an_empty_input_is_an_error() {
    #[derive(Complexity)]
    struct Up {
        #[complexity(conv_transpose2d(out = 4, kernel = 3))]
        up: (),
    }
    assert_eq!(
        error_of::<Up>(&[1, 2, 0, 5]),
        "up: `conv_transpose2d`: the input has a spatial size of 0 (in `Up::up`)"
    );
}

#[test]
fn arguments_pytorch_rejects_are_errors() {
    #[derive(Complexity)]
    struct OutputPadding {
        #[complexity(conv_transpose2d(out = 4, kernel = 3, stride = 1, output_padding = 2))]
        up: (),
    }
    assert_eq!(
        error_of::<OutputPadding>(&[1, 2, 5, 5]),
        "up: `conv_transpose2d`: output padding must be smaller than either stride or dilation (in `OutputPadding::up`)"
    );
    #[derive(Complexity)]
    struct HighDropout {
        #[complexity(dropout(p = 1.5))]
        drop: (),
    }
    assert_eq!(
        error_of::<HighDropout>(&[1, 4]),
        "drop: `dropout`: dropout probability has to be between 0 and 1 (in `HighDropout::drop`)"
    );
    #[derive(Complexity)]
    struct NegativeDropout {
        #[complexity(dropout(p = -0.5))]
        drop: (),
    }
    assert!(error_of::<NegativeDropout>(&[1, 4]).contains("between 0 and 1"));
    #[derive(Complexity)]
    struct Padding {
        #[complexity(embedding(num_embeddings = 10, embedding_dim = 4, padding_idx = 100))]
        embed: (),
    }
    assert_eq!(
        error_of::<Padding>(&[1, 7]),
        "embed: `embedding`: padding_idx must be within num_embeddings (in `Padding::embed`)"
    );
}

#[test]
fn a_hand_built_convolution_of_rank_0_or_6_is_an_error() {
    for rank in [0, 6] {
        let layer = Conv::new(rank, false, 4, Size::square(3));
        let module: &'static Module = Box::leak(Box::new(Module::layer(Layer::Conv(layer))));
        let err = analyze(module, Shape::new(&[1, 2, 8, 8]), Mode::Train).unwrap_err();
        assert_eq!(
            err.to_string(),
            "model: `conv`: a convolution has 1, 2 or 3 spatial dimensions"
        );
    }
}
