//! The operations mmengine counts as 0 FLOPs (it has no handle for them), by kind.

macro_rules! zero_ops {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)*) => {
        /// Operations that cost 0 FLOPs by mmengine's rules (it has no handle for them),
        /// counted so that a report can say what was counted as zero: a 0 is a rule,
        /// never a gap. Each is named as in reports (`relu`, `add`).
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        pub enum ZeroOp {
            $($(#[$doc])* $variant,)*
        }

        impl ZeroOp {
            /// Every one, in the order of `Cost::zero_ops`.
            pub const ALL: &'static [ZeroOp] = &[$(ZeroOp::$variant,)*];

            /// How many there are.
            pub const COUNT: usize = ZeroOp::ALL.len();

            /// Its name in reports.
            pub const fn name(self) -> &'static str {
                match self {
                    $(ZeroOp::$variant => $name,)*
                }
            }

            /// The position of this op in [`ZeroOp::ALL`].
            pub const fn index(self) -> usize {
                self as usize
            }
        }
    };
}

zero_ops! {
    /// `relu`
    Relu => "relu",
    /// `relu6` (`aten::hardtanh`)
    Relu6 => "relu6",
    /// `gelu`
    Gelu => "gelu",
    /// `tanh`
    Tanh => "tanh",
    /// `sigmoid`
    Sigmoid => "sigmoid",
    /// `silu`
    Silu => "silu",
    /// `hardswish`
    Hardswish => "hardswish",
    /// `softmax`
    Softmax => "softmax",
    /// `dropout`
    Dropout => "dropout",
    /// `identity`: a module that returns its input without an operation (`nn.Identity`;
    /// stochastic depth in eval mode or with `p = 0`)
    Identity => "identity",
    /// `max_pool` (any rank)
    MaxPool => "max_pool",
    /// `embedding`
    Embedding => "embedding",
    /// elementwise `add`
    Add => "add",
    /// elementwise `sub`
    Sub => "sub",
    /// elementwise `mul`
    Mul => "mul",
    /// elementwise `div`
    Div => "div",
    /// `mean`
    Mean => "mean",
    /// `cat`
    Cat => "cat",
    /// views and copies: flatten, unflatten, reshape, transpose, permute, select, split,
    /// chunk, expand
    Reshape => "reshape",
    /// `pow`
    Pow => "pow",
    /// `rsqrt`
    Rsqrt => "rsqrt",
    /// `sqrt`
    Sqrt => "sqrt",
    /// `neg`
    Neg => "neg",
    /// `hardsigmoid`
    Hardsigmoid => "hardsigmoid",
    /// `mish`
    Mish => "mish",
    /// `elu`
    Elu => "elu",
    /// `leaky_relu`
    LeakyRelu => "leaky_relu",
    /// `hardtanh`
    Hardtanh => "hardtanh",
    /// `softplus`
    Softplus => "softplus",
    /// `log_softmax`
    LogSoftmax => "log_softmax",
    /// `exp`
    Exp => "exp",
    /// `log`
    Log => "log",
    /// `abs`
    Abs => "abs",
    /// `cos`
    Cos => "cos",
    /// `sin`
    Sin => "sin",
    /// `clamp`
    Clamp => "clamp",
    /// a dtype conversion (`to`, `float`)
    To => "to",
    /// `tril`
    Tril => "tril",
    /// a KV cache's `update` (`past_key_values.update(k, v, layer_idx)`): the first
    /// forward stores its tensors and returns them, with no operation
    KvCache => "kv_cache",
    /// `triu`
    Triu => "triu",
    /// `sum`
    Sum => "sum",
    /// `amax`
    Amax => "amax",
    /// `amin`
    Amin => "amin",
    /// `prelu`
    Prelu => "prelu",
    /// `glu`
    Glu => "glu",
    /// `avg_pool` (any rank)
    AvgPool => "avg_pool",
    /// `adaptive_avg_pool` of rank 1 or 3 (rank 2 has a rule)
    AdaptiveAvgPool => "adaptive_avg_pool",
    /// `adaptive_max_pool` (any rank)
    AdaptiveMaxPool => "adaptive_max_pool",
    /// `upsample` in a mode mmengine has no rule for (1-d, 3-d, bicubic)
    Upsample => "upsample",
    /// `pixel_shuffle`
    PixelShuffle => "pixel_shuffle",
    /// `pixel_unshuffle`
    PixelUnshuffle => "pixel_unshuffle",
    /// `rms_norm`
    RmsNorm => "rms_norm",
    /// `std`
    Std => "std",
    /// `clone`
    Clone => "clone",
    /// `norm` (a vector norm over dimensions)
    Norm => "norm",
    /// `index_select`, a subscript by a tensor (`table[index]`)
    Index => "index",
    /// `fill_`
    Fill => "fill",
    /// stochastic depth in training (its random mask: `bernoulli_`, `div_`, `mul`)
    StochasticDepth => "stochastic_depth",
    /// `var`
    Var => "var",
    /// `cumsum`
    Cumsum => "cumsum",
    /// `where`
    Where => "where",
    /// `masked_fill`
    MaskedFill => "masked_fill",
    /// comparisons: `eq`, `ne`, `lt`, `le`, `gt`, `ge`
    Compare => "compare",
    /// `maximum`
    Maximum => "maximum",
    /// `minimum`
    Minimum => "minimum",
    /// `roll`
    Roll => "roll",
    /// `normalize`
    Normalize => "normalize",
    /// `erf`
    Erf => "erf",
    /// `sign`
    Sign => "sign",
    /// `floor`
    Floor => "floor",
    /// `log1p`
    Log1p => "log1p",
    /// `reciprocal`
    Reciprocal => "reciprocal",
    /// `flip`
    Flip => "flip",
    /// `repeat`, `repeat_interleave`
    Repeat => "repeat",
    /// `pad`
    Pad => "pad",
    /// `gather`
    Gather => "gather",
    /// a new tensor: `arange`, `zeros`, `ones`, `full`, `empty` and their `_like`s
    Create => "create",
    /// `baddbmm` (mmengine has no rule for it)
    Baddbmm => "baddbmm",
    /// `logical_and`, `logical_or` (`a & b`, `a | b` on masks)
    Logical => "logical",
}
