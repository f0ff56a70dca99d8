//! Errors of the analysis, and the `const` message builder that formats them, so that the
//! compiler and the run-time report print the very same text.

use core::fmt;

use crate::shape::Shape;

/// The deepest module path an [`Error`] records.
pub const MAX_PATH: usize = 32;

/// The most bytes of one name an error message prints (a longer one ends in `…`).
pub const MAX_NAME: usize = 64;

/// The name of a child module: a struct field (`conv1`) or a position in a sequence (`0`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Name {
    /// A named field.
    Field(&'static str),
    /// A position in a sequence (an array or tuple), as `nn.Sequential` numbers its children.
    Index(usize),
    /// A position with a prefix, as in torchvision's ViT (`encoder_layer_0`).
    Prefixed(&'static str, usize),
}

impl Name {
    /// Position `index` in a sequence whose names start with `prefix` (maybe empty).
    pub const fn position(prefix: &'static str, index: usize) -> Name {
        if prefix.is_empty() {
            Name::Index(index)
        } else {
            Name::Prefixed(prefix, index)
        }
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Name::Field(name) => f.write_str(name),
            Name::Index(i) => write!(f, "{i}"),
            Name::Prefixed(p, i) => write!(f, "{p}{i}"),
        }
    }
}

/// The dotted path of a module inside the model (`layer2.0.conv1`), empty for the model.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Path {
    names: [Name; MAX_PATH],
    len: usize,
    truncated: bool,
}

impl Path {
    /// The model itself.
    pub const ROOT: Path = Path {
        names: [Name::Index(0); MAX_PATH],
        len: 0,
        truncated: false,
    };

    /// The names from the model down, outermost first.
    pub const fn names(&self) -> &[Name] {
        self.names.split_at(self.len).0
    }

    /// This path with `name` put in front, as an error travels up from a child.
    pub const fn within(mut self, name: Name) -> Path {
        if self.len == MAX_PATH {
            self.len -= 1;
            self.truncated = true;
        }
        let mut i = self.len;
        while i > 0 {
            self.names[i] = self.names[i - 1];
            i -= 1;
        }
        self.names[0] = name;
        self.len += 1;
        self
    }

    const fn write(&self, out: &mut Message) {
        if self.len == 0 {
            out.push_str("model");
            return;
        }
        let mut i = 0;
        while i < self.len {
            if i > 0 {
                out.push_str(".");
            }
            match self.names[i] {
                Name::Field(name) => out.push_clipped(name, MAX_NAME),
                Name::Index(n) => out.push_u128(n as u128),
                Name::Prefixed(p, n) => {
                    out.push_clipped(p, MAX_NAME);
                    out.push_u128(n as u128);
                }
            }
            i += 1;
        }
        if self.truncated {
            out.push_str(".…");
        }
    }
}

/// [`ErrorKind::IndexOutOfRange`]'s `dim` for an element of a sequence called by index.
pub const SEQUENCE: usize = usize::MAX;

/// What went wrong, with the numbers involved.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A layer was declared with a size (`in = 64`) that the incoming tensor does not have.
    SizeMismatch {
        /// What the size is, e.g. `"input channels"` or `"input features"`.
        what: &'static str,
        /// The size the layer was declared with.
        expected: u64,
        /// The size of the incoming tensor.
        got: u64,
    },
    /// A layer got a tensor of a rank it does not take.
    Rank {
        /// The layer, e.g. `"conv2d"`.
        layer: &'static str,
        /// The ranks it takes, e.g. `"4 ([N, C, H, W])"`.
        expected: &'static str,
        /// The incoming shape.
        got: Shape,
    },
    /// An argument that must be positive is 0.
    Zero {
        /// The layer, e.g. `"conv2d"`.
        layer: &'static str,
        /// The argument, e.g. `"stride"`.
        arg: &'static str,
    },
    /// `groups` does not divide a channel count.
    Groups {
        /// `"in"` or `"out"`.
        channels: &'static str,
        /// The channel count.
        value: u64,
        /// The number of groups.
        groups: u64,
    },
    /// A window (kernel × dilation) larger than the padded input: the output would be empty.
    EmptyOutput {
        /// The layer, e.g. `"max_pool2d"`.
        layer: &'static str,
        /// The padded input size along the dimension.
        padded: u64,
        /// The window's extent, `dilation · (kernel − 1) + 1`.
        window: u64,
    },
    /// A transposed convolution whose output size,
    /// `(in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1`, is not
    /// positive.
    NonPositiveOutput {
        /// The layer.
        layer: &'static str,
        /// The size the formula gives.
        size: i64,
    },
    /// Padding larger than half the kernel, which PyTorch's pools reject.
    Padding {
        /// The layer.
        layer: &'static str,
        /// The padding.
        padding: u64,
        /// The kernel size.
        kernel: u64,
    },
    /// Two shapes that an elementwise operation cannot broadcast together.
    Broadcast {
        /// The operation, e.g. `"+"`.
        op: &'static str,
        /// The left operand's shape.
        left: Shape,
        /// The right operand's shape.
        right: Shape,
    },
    /// A size given with the wrong number of values (`kernel = (3, 3)` for `conv3d`).
    SizeCount {
        /// The layer.
        layer: &'static str,
        /// The argument.
        arg: &'static str,
        /// How many values the layer takes.
        expected: usize,
        /// How many were given.
        got: usize,
    },
    /// A dimension index outside the tensor.
    DimOutOfRange {
        /// The operation, e.g. `"transpose"`.
        op: &'static str,
        /// The index as written.
        dim: i64,
        /// The tensor's shape.
        got: Shape,
    },
    /// `tied = "…"` on a module names no module of the model whose `weight` it can share:
    /// checked by [`Report::new`](crate::report::Report::new).
    Tied {
        /// The path `tied` names.
        to: &'static str,
        /// Why it cannot be shared.
        why: &'static str,
        /// The tied module's weight and the one it names, when both exist.
        shapes: Option<(Shape, Shape)>,
    },
    /// Two shapes an operation cannot combine (matmul, cat).
    Incompatible {
        /// The operation, e.g. `"matmul"`.
        op: &'static str,
        /// What is wrong, e.g. `"the inner dimensions differ"`.
        what: &'static str,
        /// The left operand's shape.
        left: Shape,
        /// The right operand's shape.
        right: Shape,
    },
    /// A view or reshape that cannot apply to the tensor (sizes that do not multiply to
    /// its elements, a permutation naming a dimension twice, an `expand` of a dimension
    /// that is not 1, …).
    Reshape {
        /// The operation, e.g. `"unflatten"`.
        op: &'static str,
        /// The tensor's shape.
        got: Shape,
        /// Why.
        why: &'static str,
    },
    /// A `split` / `chunk` giving another number of pieces than the pattern names.
    Pieces {
        /// `"split"` or `"chunk"`.
        op: &'static str,
        /// The number of pieces the operation gives.
        got: usize,
        /// The number of names in the `let (…)` pattern.
        expected: usize,
    },
    /// A figure over its [`Budget`](crate::Budget).
    Budget {
        /// `"FLOPs"`, `"parameters"`, …
        what: &'static str,
        /// The model's figure.
        actual: u128,
        /// The limit.
        budget: u128,
    },
    /// A module called with another number of inputs than its `forward` takes.
    Inputs {
        /// How many it takes.
        expected: usize,
        /// How many it was given.
        got: usize,
    },
    /// A child that is never called, whose sizes cannot be inferred from an input.
    Uncalled {
        /// What the layer must declare, e.g. `"in"`.
        declare: &'static str,
    },
    /// `flatten` dimensions outside the tensor or in the wrong order.
    FlattenRange {
        /// `start_dim` as written.
        start: i64,
        /// `end_dim` as written.
        end: i64,
        /// The incoming shape.
        got: Shape,
    },
    /// A count does not fit its integer type (u64 for params and activations, u128 for FLOPs).
    Overflow {
        /// `"params"`, `"FLOPs"`, `"activations"` or `"shape"`.
        what: &'static str,
    },
    /// The model description itself is malformed (a hand-built description with a forward
    /// step that refers to a value or child that does not exist, or too many values).
    Description {
        /// What is wrong.
        what: &'static str,
    },
    /// Training memory asked of totals analysed in another precision
    /// ([`Training::memory`](crate::memory::Training::memory) under autocast needs totals
    /// from [`analyze_in`](crate::analyze_in) with [`Training::precision`](crate::memory::Training::precision)).
    Precision {
        /// How the totals were analysed (`uniform`, `autocast on the CPU`, …).
        analysed: &'static str,
        /// How the training runs.
        training: &'static str,
    },
    /// A layer built with arguments PyTorch rejects, with PyTorch's reason
    /// (`dropout probability has to be between 0 and 1`).
    Invalid {
        /// The layer.
        layer: &'static str,
        /// Why, as PyTorch says it.
        reason: &'static str,
    },
    /// The model contains a type whose `#[derive(Complexity)]` failed (see
    /// [`Body::Failed`](crate::module::Body::Failed)); that error is the one reported.
    Failed,
    /// An index past the size of its dimension (`x.select(1, 200)` of a size-197 dimension).
    IndexOutOfRange {
        /// The operation.
        op: &'static str,
        /// The index.
        index: i64,
        /// The dimension, counted from the front; [`SEQUENCE`] for an element of a
        /// sequence called by index (`layers[4](x)`).
        dim: usize,
        /// Its size (the sequence's length).
        size: u64,
    },
    /// `let (a, b, …) = child(x);` naming more values than the child returns.
    Outputs {
        /// How many the pattern needs.
        expected: usize,
        /// How many the child returns.
        got: usize,
    },
    /// A reduction names one dimension twice (`x.mean((1, 1))`), which PyTorch rejects.
    RepeatedDim {
        /// The operation.
        op: &'static str,
        /// The dimension, counted from the front.
        dim: usize,
    },
    /// A model exceeds one of the analysis's fixed capacities (see the crate docs'
    /// "Limits" section), e.g. nested more than
    /// [`MAX_DEPTH`](crate::analysis::MAX_DEPTH) modules deep.
    Limit {
        /// What exceeds the limit (`"modules nested"`).
        what: &'static str,
        /// The limit.
        limit: usize,
        /// What the model needs, when known (0 otherwise).
        needs: usize,
        /// What to do about it.
        advice: &'static str,
    },
}

/// An analysis error: where in the model ([`Path`]) and what ([`ErrorKind`]).
///
/// At compile time it becomes the compiler's error text; at run time `Display` prints the
/// same text, e.g. `layer2.0.conv1: expects 64 input channels, got 128`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Error {
    path: Path,
    kind: ErrorKind,
    /// Where in the Rust source: the struct and its field (or `forward`).
    site: Option<(&'static str, &'static str)>,
    /// The step of the `forward` it happened in, when it happened in the program itself.
    step: Option<usize>,
}

impl Error {
    /// An error at the module being analysed; parents put their names in front.
    pub const fn new(kind: ErrorKind) -> Error {
        Error {
            path: Path::ROOT,
            kind,
            site: None,
            step: None,
        }
    }

    /// The module where the error is.
    pub const fn path(&self) -> &Path {
        &self.path
    }

    /// What went wrong.
    pub const fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Where in the Rust source the mistake is: the struct (`Fire`) and the field it
    /// describes (`expand3x3`), or `"forward"` for its own program; `None` for a hand-built
    /// description.
    pub const fn site(&self) -> Option<(&'static str, &'static str)> {
        self.site
    }

    /// The same error with its Rust site, unless it has one already (the innermost wins).
    pub const fn at_site(mut self, rust: &'static str, field: &'static str) -> Error {
        if self.site.is_none() && !rust.is_empty() {
            self.site = Some((rust, field));
        }
        self
    }

    /// The step of the `forward` program the error happened in, when it happened in the
    /// program's own operations (not in a child): where the compiler reports it.
    pub const fn step(&self) -> Option<usize> {
        self.step
    }

    /// The same error at step `step` of its program, unless it has one already.
    pub const fn at_step(mut self, step: usize) -> Error {
        if self.step.is_none() {
            self.step = Some(step);
        }
        self
    }

    /// The same error seen from the parent, whose child `name` it came from.
    pub const fn within(mut self, name: Name) -> Error {
        self.path = self.path.within(name);
        self
    }

    /// The error's text, built in a `const` context.
    pub const fn message(&self) -> Message {
        let mut out = Message::new();
        if !matches!(self.kind, ErrorKind::Budget { .. }) {
            self.path.write(&mut out);
            out.push_str(": ");
        }
        match self.kind {
            ErrorKind::Budget {
                what,
                actual,
                budget,
            } => {
                out.push_str(what);
                out.push_str(" ");
                out.push_size(actual, 3);
                out.push_str(" (");
                out.push_u128(actual);
                out.push_str(") exceed the budget ");
                out.push_size(budget, 3);
                out.push_str(" (");
                out.push_u128(budget);
                out.push_str(")");
            }
            ErrorKind::SizeMismatch {
                what,
                expected,
                got,
            } => {
                out.push_str("expects ");
                out.push_u128(expected as u128);
                out.push_str(" ");
                out.push_str(what);
                out.push_str(", got ");
                out.push_u128(got as u128);
            }
            ErrorKind::Rank {
                layer,
                expected,
                got,
            } => {
                out.push_str(layer);
                out.push_str(" takes a tensor of rank ");
                out.push_str(expected);
                out.push_str(", got ");
                out.push_shape(got);
            }
            ErrorKind::Zero { layer, arg } => {
                out.push_str(layer);
                out.push_str(": `");
                out.push_str(arg);
                out.push_str("` must be at least 1, got 0");
            }
            ErrorKind::Groups {
                channels,
                value,
                groups,
            } => {
                out.push_str("groups = ");
                out.push_u128(groups as u128);
                out.push_str(" does not divide the ");
                out.push_u128(value as u128);
                out.push_str(" ");
                out.push_str(channels);
                out.push_str(" channels");
            }
            ErrorKind::EmptyOutput {
                layer,
                padded,
                window,
            } => {
                out.push_str(layer);
                out.push_str(": the window (dilation·(kernel−1)+1 = ");
                out.push_u128(window as u128);
                out.push_str(") is larger than the padded input (");
                out.push_u128(padded as u128);
                out.push_str("), so the output would be empty");
            }
            ErrorKind::NonPositiveOutput { layer, size } => {
                out.push_str(layer);
                out.push_str(": the output size (in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1 would be ");
                out.push_i64(size);
            }
            ErrorKind::Padding {
                layer,
                padding,
                kernel,
            } => {
                out.push_str(layer);
                out.push_str(": padding ");
                out.push_u128(padding as u128);
                out.push_str(" is more than half the kernel size ");
                out.push_u128(kernel as u128);
            }
            ErrorKind::Broadcast { op, left, right } => {
                out.push_str("`");
                out.push_str(op);
                out.push_str("` of shapes ");
                out.push_shape(left);
                out.push_str(" and ");
                out.push_shape(right);
                out.push_str(", which do not broadcast");
            }
            ErrorKind::FlattenRange { start, end, got } => {
                out.push_str("flatten(start_dim = ");
                out.push_i64(start);
                out.push_str(", end_dim = ");
                out.push_i64(end);
                out.push_str(") does not fit a tensor of shape ");
                out.push_shape(got);
            }
            ErrorKind::SizeCount {
                layer,
                arg,
                expected,
                got,
            } => {
                out.push_str(layer);
                out.push_str(": `");
                out.push_str(arg);
                out.push_str("` takes one number or ");
                out.push_u128(expected as u128);
                out.push_str(", got ");
                out.push_u128(got as u128);
            }
            ErrorKind::DimOutOfRange { op, dim, got } => {
                out.push_str(op);
                out.push_str(": dimension ");
                out.push_i64(dim);
                out.push_str(" is out of range for a tensor of shape ");
                out.push_shape(got);
            }
            ErrorKind::Tied { to, why, shapes } => {
                out.push_str("`tied = \"");
                out.push_str(to);
                out.push_str("\"`: ");
                out.push_str(why);
                if let Some((ours, theirs)) = shapes {
                    out.push_str(" (");
                    out.push_shape(ours);
                    out.push_str(" here, ");
                    out.push_shape(theirs);
                    out.push_str(" there)");
                }
            }
            ErrorKind::Incompatible {
                op,
                what,
                left,
                right,
            } => {
                out.push_str("`");
                out.push_str(op);
                out.push_str("` of shapes ");
                out.push_shape(left);
                out.push_str(" and ");
                out.push_shape(right);
                out.push_str(": ");
                out.push_str(what);
            }
            ErrorKind::Reshape { op, got, why } => {
                out.push_str("`");
                out.push_str(op);
                out.push_str("` of a tensor of shape ");
                out.push_shape(got);
                out.push_str(": ");
                out.push_str(why);
            }
            ErrorKind::Pieces { op, got, expected } => {
                out.push_str("the ");
                out.push_str(op);
                out.push_str(" gives ");
                out.push_u128(got as u128);
                out.push_str(" pieces, but the pattern names ");
                out.push_u128(expected as u128);
            }
            ErrorKind::Inputs { expected, got } => {
                out.push_str("takes ");
                out.push_u128(expected as u128);
                out.push_str(" input(s), called with ");
                out.push_u128(got as u128);
            }
            ErrorKind::Uncalled { declare } => {
                out.push_str("this layer is never called, so its sizes cannot be inferred from an input; declare `");
                out.push_str(declare);
                out.push_str("`");
            }
            ErrorKind::Overflow { what } if matches!(what.as_bytes(), b"shape") => {
                out.push_str("a size of the output shape overflows (more than ");
                out.push_u128(i64::MAX as u128);
                out.push_str(", the largest PyTorch size)");
            }
            ErrorKind::Overflow { what } => {
                let (ty, max) = match what.as_bytes() {
                    b"FLOPs" => ("u128", u128::MAX),
                    _ => ("u64", u64::MAX as u128),
                };
                out.push_str("the number of ");
                out.push_str(what);
                out.push_str(" overflows ");
                out.push_str(ty);
                out.push_str(" (more than ");
                out.push_u128(max);
                out.push_str(")");
            }
            ErrorKind::Description { what } => {
                out.push_str("malformed model description: ");
                out.push_str(what);
            }
            ErrorKind::Precision { analysed, training } => {
                out.push_str("the totals' saved activations are ");
                out.push_str(analysed);
                out.push_str(" but the training runs ");
                out.push_str(training);
                out.push_str(
                    ": analyse with `analyze_in(module, input, Mode::Train, training.precision())`",
                );
            }
            ErrorKind::Invalid { layer, reason } => {
                out.push_str("`");
                out.push_str(layer);
                out.push_str("`: ");
                out.push_str(reason);
            }
            ErrorKind::IndexOutOfRange {
                op,
                index,
                dim,
                size,
            } => {
                out.push_str("`");
                out.push_str(op);
                out.push_str("`: index ");
                out.push_i64(index);
                if dim == SEQUENCE {
                    out.push_str(" is out of range for a sequence of ");
                    out.push_u128(size as u128);
                    out.push_str(" elements");
                } else {
                    out.push_str(" is out of range for dimension ");
                    out.push_u128(dim as u128);
                    out.push_str(" of size ");
                    out.push_u128(size as u128);
                }
            }
            ErrorKind::Outputs { expected, got } => {
                out.push_str("the pattern names ");
                out.push_u128(expected as u128);
                out.push_str(" values, but the call returns ");
                out.push_u128(got as u128);
            }
            ErrorKind::Failed => {
                out.push_str(
                    "contains a type whose `#[derive(Complexity)]` failed; see that error",
                );
            }
            ErrorKind::RepeatedDim { op, dim } => {
                out.push_str("`");
                out.push_str(op);
                out.push_str("`: dimension ");
                out.push_u128(dim as u128);
                out.push_str(" appears more than once in the dimensions reduced");
            }
            ErrorKind::Limit {
                what,
                limit,
                needs,
                advice,
            } => {
                out.push_str("more than ");
                out.push_u128(limit as u128);
                out.push_str(" ");
                out.push_str(what);
                if needs > 0 {
                    out.push_str(" (this model needs ");
                    out.push_u128(needs as u128);
                    out.push_str(")");
                }
                out.push_str(", the analysis's limit: ");
                out.push_str(advice);
            }
        }
        if let Some((rust, field)) = self.site {
            out.push_str(" (in `");
            out.push_str(rust);
            if matches!(field.as_bytes(), b"forward") {
                out.push_str("`'s forward)");
            } else if field.is_empty() {
                out.push_str("`)");
            } else {
                out.push_str("::");
                out.push_clipped(field, MAX_NAME);
                out.push_str("`)");
            }
        }
        out
    }

    /// Fails compilation with this error's message when called in a `const` context
    /// (panics at run time).
    #[track_caller]
    pub const fn panic(&self) -> ! {
        let message = self.message();
        panic!("{}", message.as_str())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message().as_str())
    }
}

impl core::error::Error for Error {}

/// The capacity of a [`Message`] in bytes.
pub const MESSAGE_CAPACITY: usize = 512;

/// A fixed-capacity UTF-8 text built by `const fn`s: the one formatter of error messages,
/// used at compile time (where there is no allocator) and at run time alike.
#[derive(Clone, Copy)]
pub struct Message {
    bytes: [u8; MESSAGE_CAPACITY],
    len: usize,
}

impl Message {
    /// An empty message.
    pub const fn new() -> Message {
        Message {
            bytes: [0; MESSAGE_CAPACITY],
            len: 0,
        }
    }

    /// Appends `s` whole, or nothing if it does not fit (so the text stays valid UTF-8).
    pub const fn push_str(&mut self, s: &str) {
        let b = s.as_bytes();
        if self.len + b.len() > MESSAGE_CAPACITY {
            return;
        }
        let mut i = 0;
        while i < b.len() {
            self.bytes[self.len + i] = b[i];
            i += 1;
        }
        self.len += b.len();
    }

    /// Appends `s`, or as much of it as `max` bytes hold (cut at a character boundary)
    /// followed by `…`, so that one long name cannot crowd the rest of a message out.
    pub const fn push_clipped(&mut self, s: &str, max: usize) {
        let b = s.as_bytes();
        if b.len() <= max {
            self.push_str(s);
            return;
        }
        let mut end = max;
        // Back to the start of a character (UTF-8 continuation bytes are 0b10xxxxxx).
        while end > 0 && (b[end] & 0xC0) == 0x80 {
            end -= 1;
        }
        if self.len + end + 3 > MESSAGE_CAPACITY {
            return;
        }
        let mut i = 0;
        while i < end {
            self.bytes[self.len + i] = b[i];
            i += 1;
        }
        self.len += end;
        self.push_str("…");
    }

    /// Appends `n` in decimal.
    pub const fn push_u128(&mut self, n: u128) {
        let (digits, start) = decimal(n);
        if let Ok(s) = core::str::from_utf8(digits.split_at(start).1) {
            self.push_str(s);
        }
    }

    /// Appends `n` in decimal, with a `-` if negative.
    pub const fn push_i64(&mut self, n: i64) {
        if n < 0 {
            self.push_str("-");
        }
        self.push_u128(n.unsigned_abs() as u128);
    }

    /// Appends `x` in mmengine's `_format_size(x, sig_figs)` format: scaled to `K`, `M`,
    /// `G`, `T` or `P` when above 100, 1e5, 1e8, 1e11, 1e14, printed with `sig_figs`
    /// decimals rounded as Python rounds the float `x / scale`, trailing zeros and point
    /// removed (`1.827G`, `0.128K`, `100`). A `const fn`, so compile-time messages and
    /// run-time reports print the same text.
    pub const fn push_size(&mut self, x: u128, sig_figs: usize) {
        const SCALES: [(u128, f64, &str); 5] = [
            (100_000_000_000_000, 1e15, "P"),
            (100_000_000_000, 1e12, "T"),
            (100_000_000, 1e9, "G"),
            (100_000, 1e6, "M"),
            (100, 1e3, "K"),
        ];
        let mut i = 0;
        while i < SCALES.len() {
            let (threshold, scale, suffix) = SCALES[i];
            if x > threshold {
                // Python divides the int, converted to float, by the float scale.
                self.push_fixed(x as f64 / scale, sig_figs);
                self.push_str(suffix);
                return;
            }
            i += 1;
        }
        self.push_u128(x);
    }

    /// Appends a non-negative finite float with `decimals` decimals, rounded half to even
    /// on its exact binary value (Python's and Rust's `{:.3f}`), trailing zeros and point
    /// removed.
    const fn push_fixed(&mut self, value: f64, decimals: usize) {
        let mut pow: u128 = 1;
        let mut d = 0;
        while d < decimals {
            pow *= 10;
            d += 1;
        }
        // value = m · 2^e exactly.
        let bits = value.to_bits();
        let exp_bits = ((bits >> 52) & 0x7ff) as i32;
        let frac = (bits & ((1u64 << 52) - 1)) as u128;
        let (m, e) = if exp_bits == 0 {
            (frac, -1074)
        } else {
            (frac | (1u128 << 52), exp_bits - 1075)
        };
        let scaled: u128 = if e >= 0 {
            m.saturating_mul(pow)
                .saturating_mul(1u128 << (if e > 70 { 70 } else { e }))
        } else {
            let num = m * pow;
            let sh = -e;
            if sh >= 127 {
                0
            } else {
                let q = num >> sh;
                let rem = num - (q << sh);
                let half = 1u128 << (sh - 1);
                if rem > half || (rem == half && q % 2 == 1) {
                    q + 1
                } else {
                    q
                }
            }
        };
        self.push_u128(scaled / pow);
        let mut fraction = scaled % pow;
        if fraction == 0 {
            return;
        }
        let mut digits = decimals;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            digits -= 1;
        }
        self.push_str(".");
        // Leading zeros of the fraction.
        let mut width = 1;
        let mut f = fraction;
        while f >= 10 {
            f /= 10;
            width += 1;
        }
        while width < digits {
            self.push_str("0");
            width += 1;
        }
        self.push_u128(fraction);
    }

    /// Appends a shape as `[1, 64, 56, 56]`.
    pub const fn push_shape(&mut self, shape: Shape) {
        self.push_str("[");
        let dims = shape.dims();
        let mut i = 0;
        while i < dims.len() {
            if i > 0 {
                self.push_str(", ");
            }
            self.push_u128(dims[i] as u128);
            i += 1;
        }
        self.push_str("]");
    }

    /// The text.
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(s) => s,
            Err(_) => "",
        }
    }
}

impl Default for Message {
    fn default() -> Self {
        Message::new()
    }
}

impl fmt::Debug for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// `n`'s decimal digits, in `digits[start..]` of the returned `(digits, start)`. O(digits).
pub(crate) const fn decimal(mut n: u128) -> ([u8; 39], usize) {
    let mut digits = [0u8; 39];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    (digits, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_path_and_numbers() {
        let e = Error::new(ErrorKind::SizeMismatch {
            what: "input channels",
            expected: 64,
            got: 128,
        })
        .within(Name::Field("conv1"))
        .within(Name::Index(0))
        .within(Name::Field("layer2"));
        assert_eq!(
            e.to_string(),
            "layer2.0.conv1: expects 64 input channels, got 128"
        );
    }

    #[test]
    fn numbers_format_in_full() {
        let mut m = Message::new();
        m.push_u128(u128::MAX);
        m.push_str(" ");
        m.push_i64(-1);
        m.push_str(" ");
        m.push_u128(0);
        assert_eq!(m.as_str(), "340282366920938463463374607431768211455 -1 0");
    }

    #[test]
    fn root_errors_name_the_model() {
        let e = Error::new(ErrorKind::Broadcast {
            op: "+",
            left: Shape::new(&[1, 2]),
            right: Shape::new(&[1, 3]),
        });
        assert_eq!(
            e.to_string(),
            "model: `+` of shapes [1, 2] and [1, 3], which do not broadcast"
        );
    }
}
