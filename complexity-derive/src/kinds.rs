//! The layer kinds the attribute knows, with their arguments. The kinds' rules live in
//! `complexity_core::layer`; this table only says how to spell and build them.

/// How an argument's value is written and passed to core.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ArgTy {
    /// A `usize` count: channels, features, groups.
    Count,
    /// One `usize`, or a tuple of one per spatial dimension.
    Size,
    /// A tuple (or one number) of `usize`s: a shape.
    Shape,
    /// A `bool`; a bare flag means `true`.
    Bool,
    /// An `f64`.
    Float,
    /// An `isize` dimension index (negative counts from the end).
    Dim,
    /// GELU's `approximate = "none" | "tanh"`.
    Approximate,
    /// `nn.Upsample`'s `mode = "nearest" | "bilinear" | …`.
    Mode,
    /// Stochastic depth's `mode = "row" | "batch"`.
    DropMode,
    /// A tuple of `isize` dimension indices (`Permute`'s `dims`).
    Dims,
}

/// One argument of a layer kind.
pub struct ArgDef {
    /// Its name in the attribute.
    pub name: &'static str,
    /// Its type.
    pub ty: ArgTy,
    /// The builder method of the core type that sets it; `None` for constructor arguments.
    pub method: Option<&'static str>,
}

/// A layer kind.
pub struct KindDef {
    /// Its name in the attribute (`conv2d`).
    pub name: &'static str,
    /// The `Layer` variant in `complexity_core::layer`.
    pub variant: &'static str,
    /// The constructor, a path under `complexity_core::layer` (`Conv::conv2d`).
    pub ctor: &'static str,
    /// A first constructor argument fixed by the kind (`ActivationKind::ReLU`), a path
    /// under `complexity_core::layer`.
    pub fixed: Option<&'static str>,
    /// Its arguments; constructor arguments (required) come first, in order.
    pub args: &'static [ArgDef],
}

impl KindDef {
    /// The required (constructor) arguments, in the order the constructor takes them.
    pub fn required(&self) -> impl Iterator<Item = &ArgDef> {
        self.args.iter().filter(|a| a.method.is_none())
    }

    /// The argument named `name`.
    pub fn arg(&self, name: &str) -> Option<&ArgDef> {
        self.args.iter().find(|a| a.name == name)
    }
}

const fn req(name: &'static str, ty: ArgTy) -> ArgDef {
    ArgDef {
        name,
        ty,
        method: None,
    }
}

const fn opt(name: &'static str, ty: ArgTy, method: &'static str) -> ArgDef {
    ArgDef {
        name,
        ty,
        method: Some(method),
    }
}

const CONV_ARGS: &[ArgDef] = &[
    req("out", ArgTy::Count),
    req("kernel", ArgTy::Size),
    opt("in", ArgTy::Count, "in_channels"),
    opt("stride", ArgTy::Size, "stride"),
    opt("padding", ArgTy::Size, "padding"),
    opt("dilation", ArgTy::Size, "dilation"),
    opt("groups", ArgTy::Count, "groups"),
    opt("bias", ArgTy::Bool, "bias"),
];

const CONV_TRANSPOSE_ARGS: &[ArgDef] = &[
    req("out", ArgTy::Count),
    req("kernel", ArgTy::Size),
    opt("in", ArgTy::Count, "in_channels"),
    opt("stride", ArgTy::Size, "stride"),
    opt("padding", ArgTy::Size, "padding"),
    opt("output_padding", ArgTy::Size, "output_padding"),
    opt("dilation", ArgTy::Size, "dilation"),
    opt("groups", ArgTy::Count, "groups"),
    opt("bias", ArgTy::Bool, "bias"),
];

const BATCH_NORM_ARGS: &[ArgDef] = &[
    opt("num_features", ArgTy::Count, "num_features"),
    opt("eps", ArgTy::Float, "eps"),
    opt("momentum", ArgTy::Float, "momentum"),
    opt("affine", ArgTy::Bool, "affine"),
    opt("bias", ArgTy::Bool, "bias"),
    opt("track_running_stats", ArgTy::Bool, "track_running_stats"),
];

const INPLACE: &[ArgDef] = &[opt("inplace", ArgTy::Bool, "inplace")];

const MAX_POOL_ARGS: &[ArgDef] = &[
    req("kernel", ArgTy::Size),
    opt("stride", ArgTy::Size, "stride"),
    opt("padding", ArgTy::Size, "padding"),
    opt("dilation", ArgTy::Size, "dilation"),
    opt("ceil_mode", ArgTy::Bool, "ceil_mode"),
];

const AVG_POOL_ARGS: &[ArgDef] = &[
    req("kernel", ArgTy::Size),
    opt("stride", ArgTy::Size, "stride"),
    opt("padding", ArgTy::Size, "padding"),
    opt("ceil_mode", ArgTy::Bool, "ceil_mode"),
    opt("count_include_pad", ArgTy::Bool, "count_include_pad"),
];

const fn pool(name: &'static str, ctor: &'static str, args: &'static [ArgDef]) -> KindDef {
    KindDef {
        name,
        variant: "Pool",
        ctor,
        fixed: None,
        args,
    }
}

const fn adaptive(name: &'static str, ctor: &'static str) -> KindDef {
    KindDef {
        name,
        variant: "AdaptivePool",
        ctor,
        fixed: None,
        args: ADAPTIVE_ARGS,
    }
}

const ADAPTIVE_ARGS: &[ArgDef] = &[req("output_size", ArgTy::Size)];

const fn conv(name: &'static str, ctor: &'static str, args: &'static [ArgDef]) -> KindDef {
    KindDef {
        name,
        variant: "Conv",
        ctor,
        fixed: None,
        args,
    }
}

const fn batch_norm(name: &'static str, ctor: &'static str) -> KindDef {
    KindDef {
        name,
        variant: "BatchNorm",
        ctor,
        fixed: None,
        args: BATCH_NORM_ARGS,
    }
}

const INSTANCE_NORM_ARGS: &[ArgDef] = &[
    opt("num_features", ArgTy::Count, "num_features"),
    opt("eps", ArgTy::Float, "eps"),
    opt("momentum", ArgTy::Float, "momentum"),
    opt("affine", ArgTy::Bool, "affine"),
    opt("track_running_stats", ArgTy::Bool, "track_running_stats"),
];

const fn instance_norm(name: &'static str, ctor: &'static str) -> KindDef {
    KindDef {
        name,
        variant: "BatchNorm",
        ctor,
        fixed: None,
        args: INSTANCE_NORM_ARGS,
    }
}

const fn activation(name: &'static str, kind: &'static str, args: &'static [ArgDef]) -> KindDef {
    KindDef {
        name,
        variant: "Activation",
        ctor: "Activation::new",
        fixed: Some(kind),
        args,
    }
}

/// Every layer kind.
pub const KINDS: &[KindDef] = &[
    conv("conv1d", "Conv::conv1d", CONV_ARGS),
    conv("conv2d", "Conv::conv2d", CONV_ARGS),
    conv("conv3d", "Conv::conv3d", CONV_ARGS),
    conv(
        "conv_transpose1d",
        "Conv::conv_transpose1d",
        CONV_TRANSPOSE_ARGS,
    ),
    conv(
        "conv_transpose2d",
        "Conv::conv_transpose2d",
        CONV_TRANSPOSE_ARGS,
    ),
    conv(
        "conv_transpose3d",
        "Conv::conv_transpose3d",
        CONV_TRANSPOSE_ARGS,
    ),
    batch_norm("batch_norm1d", "BatchNorm::batch_norm1d"),
    batch_norm("batch_norm2d", "BatchNorm::batch_norm2d"),
    batch_norm("batch_norm3d", "BatchNorm::batch_norm3d"),
    KindDef {
        name: "layer_norm",
        variant: "LayerNorm",
        ctor: "LayerNorm::new",
        fixed: None,
        args: &[
            opt("normalized_shape", ArgTy::Shape, "normalized_shape"),
            opt("eps", ArgTy::Float, "eps"),
            opt("elementwise_affine", ArgTy::Bool, "elementwise_affine"),
            opt("bias", ArgTy::Bool, "bias"),
        ],
    },
    instance_norm("instance_norm1d", "BatchNorm::instance_norm1d"),
    instance_norm("instance_norm2d", "BatchNorm::instance_norm2d"),
    instance_norm("instance_norm3d", "BatchNorm::instance_norm3d"),
    KindDef {
        name: "rms_norm",
        variant: "RmsNorm",
        ctor: "RmsNorm::new",
        fixed: None,
        args: &[
            opt("normalized_shape", ArgTy::Shape, "normalized_shape"),
            opt("eps", ArgTy::Float, "eps"),
            opt("elementwise_affine", ArgTy::Bool, "elementwise_affine"),
        ],
    },
    KindDef {
        name: "upsample",
        variant: "Upsample",
        ctor: "Upsample::new",
        fixed: None,
        args: &[
            opt("size", ArgTy::Size, "size"),
            opt("scale_factor", ArgTy::Float, "scale_factor"),
            opt("mode", ArgTy::Mode, "mode"),
            opt("align_corners", ArgTy::Bool, "align_corners"),
        ],
    },
    KindDef {
        name: "pixel_shuffle",
        variant: "PixelShuffle",
        ctor: "PixelShuffle::shuffle",
        fixed: None,
        args: &[req("upscale_factor", ArgTy::Count)],
    },
    KindDef {
        name: "pixel_unshuffle",
        variant: "PixelShuffle",
        ctor: "PixelShuffle::unshuffle",
        fixed: None,
        args: &[req("downscale_factor", ArgTy::Count)],
    },
    KindDef {
        name: "group_norm",
        variant: "GroupNorm",
        ctor: "GroupNorm::new",
        fixed: None,
        args: &[
            req("num_groups", ArgTy::Count),
            opt("num_channels", ArgTy::Count, "num_channels"),
            opt("eps", ArgTy::Float, "eps"),
            opt("affine", ArgTy::Bool, "affine"),
            opt("bias", ArgTy::Bool, "bias"),
        ],
    },
    activation("relu", "ActivationKind::ReLU", INPLACE),
    activation("relu6", "ActivationKind::ReLU6", INPLACE),
    activation(
        "gelu",
        "ActivationKind::GELU",
        &[opt("approximate", ArgTy::Approximate, "tanh_approximation")],
    ),
    activation("tanh", "ActivationKind::Tanh", &[]),
    activation("sigmoid", "ActivationKind::Sigmoid", &[]),
    activation("silu", "ActivationKind::SiLU", INPLACE),
    activation("hardswish", "ActivationKind::Hardswish", INPLACE),
    activation(
        "softmax",
        "ActivationKind::Softmax",
        &[opt("dim", ArgTy::Dim, "dim")],
    ),
    activation(
        "dropout",
        "ActivationKind::Dropout",
        &[
            opt("p", ArgTy::Float, "p"),
            opt("inplace", ArgTy::Bool, "inplace"),
        ],
    ),
    activation("identity", "ActivationKind::Identity", &[]),
    KindDef {
        name: "permute",
        variant: "Permute",
        ctor: "Permute::new",
        fixed: None,
        args: &[req("dims", ArgTy::Dims)],
    },
    KindDef {
        name: "stochastic_depth",
        variant: "Activation",
        ctor: "Activation::stochastic_depth",
        fixed: None,
        args: &[req("p", ArgTy::Float), req("mode", ArgTy::DropMode)],
    },
    activation("hardsigmoid", "ActivationKind::Hardsigmoid", INPLACE),
    activation("mish", "ActivationKind::Mish", INPLACE),
    activation(
        "elu",
        "ActivationKind::ELU",
        &[
            opt("alpha", ArgTy::Float, "a"),
            opt("inplace", ArgTy::Bool, "inplace"),
        ],
    ),
    activation(
        "leaky_relu",
        "ActivationKind::LeakyReLU",
        &[
            opt("negative_slope", ArgTy::Float, "a"),
            opt("inplace", ArgTy::Bool, "inplace"),
        ],
    ),
    activation(
        "hardtanh",
        "ActivationKind::Hardtanh",
        &[
            opt("min_val", ArgTy::Float, "a"),
            opt("max_val", ArgTy::Float, "b"),
            opt("inplace", ArgTy::Bool, "inplace"),
        ],
    ),
    activation(
        "softplus",
        "ActivationKind::Softplus",
        &[
            opt("beta", ArgTy::Float, "a"),
            opt("threshold", ArgTy::Float, "b"),
        ],
    ),
    activation(
        "prelu",
        "ActivationKind::PReLU",
        &[opt("num_parameters", ArgTy::Count, "num_parameters")],
    ),
    activation(
        "glu",
        "ActivationKind::GLU",
        &[opt("dim", ArgTy::Dim, "dim")],
    ),
    activation(
        "log_softmax",
        "ActivationKind::LogSoftmax",
        &[opt("dim", ArgTy::Dim, "dim")],
    ),
    pool("max_pool1d", "Pool::max_pool1d", MAX_POOL_ARGS),
    pool("max_pool2d", "Pool::max_pool2d", MAX_POOL_ARGS),
    pool("max_pool3d", "Pool::max_pool3d", MAX_POOL_ARGS),
    pool("avg_pool1d", "Pool::avg_pool1d", AVG_POOL_ARGS),
    pool("avg_pool2d", "Pool::avg_pool2d", AVG_POOL_ARGS),
    pool("avg_pool3d", "Pool::avg_pool3d", AVG_POOL_ARGS),
    adaptive("adaptive_avg_pool1d", "AdaptivePool::adaptive_avg_pool1d"),
    adaptive("adaptive_avg_pool2d", "AdaptivePool::adaptive_avg_pool2d"),
    adaptive("adaptive_avg_pool3d", "AdaptivePool::adaptive_avg_pool3d"),
    adaptive("adaptive_max_pool1d", "AdaptivePool::adaptive_max_pool1d"),
    adaptive("adaptive_max_pool2d", "AdaptivePool::adaptive_max_pool2d"),
    adaptive("adaptive_max_pool3d", "AdaptivePool::adaptive_max_pool3d"),
    KindDef {
        name: "flatten",
        variant: "Flatten",
        ctor: "Flatten::new",
        fixed: None,
        args: &[
            opt("start_dim", ArgTy::Dim, "start_dim"),
            opt("end_dim", ArgTy::Dim, "end_dim"),
        ],
    },
    KindDef {
        name: "linear",
        variant: "Linear",
        ctor: "Linear::new",
        fixed: None,
        args: &[
            req("out", ArgTy::Count),
            opt("in", ArgTy::Count, "in_features"),
            opt("bias", ArgTy::Bool, "bias"),
        ],
    },
    KindDef {
        name: "gpt2_conv1d",
        variant: "Gpt2Conv1D",
        ctor: "Gpt2Conv1D::new",
        fixed: None,
        args: &[
            req("out", ArgTy::Count),
            opt("in", ArgTy::Count, "in_features"),
        ],
    },
    KindDef {
        name: "embedding",
        variant: "Embedding",
        ctor: "Embedding::new",
        fixed: None,
        args: &[
            req("num_embeddings", ArgTy::Count),
            req("embedding_dim", ArgTy::Count),
            opt("padding_idx", ArgTy::Dim, "padding_idx"),
        ],
    },
];

/// The layer kind named `name`.
pub fn kind(name: &str) -> Option<&'static KindDef> {
    KINDS.iter().find(|k| k.name == name)
}

/// The candidate closest to `name` by edit distance, if it is close enough to be a typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (distance(name, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
