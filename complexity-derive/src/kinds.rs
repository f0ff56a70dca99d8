//! The layer kinds the attribute knows, with their arguments. The kinds' rules live in
//! `complexity_core::layer`; this table only says how to spell and build them.

/// How an argument's value is written and passed to core.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ArgTy {
    /// A `usize` count: channels, features, groups.
    Count,
    /// One `usize`, or a pair `(h, w)`.
    Size2,
    /// A `bool`; a bare flag means `true`.
    Bool,
    /// An `f64`.
    Float,
    /// An `isize` dimension index (negative counts from the end).
    Dim,
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
    /// The core type (`Conv2d`) in `complexity_core::layer`, also the `Layer` variant.
    pub ty: &'static str,
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

/// Every layer kind.
pub const KINDS: &[KindDef] = &[
    KindDef {
        name: "conv2d",
        ty: "Conv2d",
        args: &[
            req("out", ArgTy::Count),
            req("kernel", ArgTy::Size2),
            opt("in", ArgTy::Count, "in_channels"),
            opt("stride", ArgTy::Size2, "stride"),
            opt("padding", ArgTy::Size2, "padding"),
            opt("dilation", ArgTy::Size2, "dilation"),
            opt("groups", ArgTy::Count, "groups"),
            opt("bias", ArgTy::Bool, "bias"),
        ],
    },
    KindDef {
        name: "batch_norm2d",
        ty: "BatchNorm2d",
        args: &[
            opt("num_features", ArgTy::Count, "num_features"),
            opt("eps", ArgTy::Float, "eps"),
            opt("momentum", ArgTy::Float, "momentum"),
            opt("affine", ArgTy::Bool, "affine"),
            opt("bias", ArgTy::Bool, "bias"),
            opt("track_running_stats", ArgTy::Bool, "track_running_stats"),
        ],
    },
    KindDef {
        name: "relu",
        ty: "ReLU",
        args: &[opt("inplace", ArgTy::Bool, "inplace")],
    },
    KindDef {
        name: "max_pool2d",
        ty: "MaxPool2d",
        args: &[
            req("kernel", ArgTy::Size2),
            opt("stride", ArgTy::Size2, "stride"),
            opt("padding", ArgTy::Size2, "padding"),
            opt("dilation", ArgTy::Size2, "dilation"),
            opt("ceil_mode", ArgTy::Bool, "ceil_mode"),
        ],
    },
    KindDef {
        name: "adaptive_avg_pool2d",
        ty: "AdaptiveAvgPool2d",
        args: &[req("output_size", ArgTy::Size2)],
    },
    KindDef {
        name: "flatten",
        ty: "Flatten",
        args: &[
            opt("start_dim", ArgTy::Dim, "start_dim"),
            opt("end_dim", ArgTy::Dim, "end_dim"),
        ],
    },
    KindDef {
        name: "linear",
        ty: "Linear",
        args: &[
            req("out", ArgTy::Count),
            opt("in", ArgTy::Count, "in_features"),
            opt("bias", ArgTy::Bool, "bias"),
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
