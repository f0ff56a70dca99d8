//! `#[complexity(forward = …)]`: a small Rust expression over the field names and the
//! input `x`, compiled into the steps of a forward program (see `complexity_core`'s
//! documentation for the language).

use std::collections::BTreeMap;

use complexity_ops::Spelling;
use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{BinOp, Expr, Pat, Stmt, UnOp};

use crate::ast::{Field, LayerSpec, Role};
use crate::attr::ident_of;
use crate::ctxt::Ctxt;
use crate::kinds::{ArgTy, closest};

/// The most iterations of a `for` loop the derive unrolls.
const MAX_UNROLL: usize = 256;

/// The most values (inputs plus one per step) a forward program may have: core's
/// `analysis::MAX_VALUES`.
pub const MAX_VALUES: usize = 512;

/// The most values a `forward` may return: core's `analysis::MAX_OUTPUTS`.
pub const MAX_OUTPUTS: usize = 4;

/// A compiled forward program: the steps as `Step` expressions, and the output value.
pub struct Program {
    pub steps: Vec<TokenStream>,
    /// Where each step is written (the operator, method or function name), for errors;
    /// `None` for steps not written as such (an `if`'s guards).
    pub spans: Vec<Option<proc_macro2::Span>>,
    pub output: usize,
    /// The further values of a `forward` returning a tuple.
    pub more_outputs: Vec<usize>,
}

/// The children are the fields that are modules: not skipped, not parameters.
pub fn children<'a, 'b>(fields: &'b [Field<'a>]) -> impl Iterator<Item = &'b Field<'a>> {
    fields
        .iter()
        .filter(|f| matches!(f.role, Role::Layer(_) | Role::Nested))
}

/// The struct's own parameters.
pub fn params<'a, 'b>(fields: &'b [Field<'a>]) -> impl Iterator<Item = &'b Field<'a>> {
    fields.iter().filter(|f| matches!(f.role, Role::Param(_)))
}

/// The default program: the children applied one after the other (not the `uncalled`).
pub fn sequential(cx: &Ctxt, ident: &syn::Ident, fields: &[Field], p: &TokenStream) -> Program {
    let calls = children(fields)
        .filter(|f| f.attrs.uncalled.is_none())
        .count();
    if calls + 1 > MAX_VALUES {
        cx.error_at(
            ident,
            format!(
                "`{ident}` runs {calls} fields in order, past the {} one struct may run (its input \
                 and one value per field make at most {MAX_VALUES}): group them into nested structs",
                MAX_VALUES - 1
            ),
        );
    }
    let mut steps = Vec::new();
    for (i, f) in children(fields).enumerate() {
        if f.attrs.uncalled.is_none() {
            let input = steps.len();
            steps.push(quote!(#p::Step::Call { child: #i, inputs: &[#input] }));
        }
    }
    Program {
        output: steps.len(),
        spans: vec![None; steps.len()],
        steps,
        more_outputs: Vec::new(),
    }
}

/// Compiles `forward = expr` over the named inputs (`x` by default); reports unknown
/// names, unused fields and unsupported syntax.
pub fn compile(
    cx: &Ctxt,
    expr: &Expr,
    fields: &[Field],
    inputs: &[String],
    p: &TokenStream,
) -> Program {
    let mut c = Compiler {
        cx,
        fields,
        p,
        scope: inputs
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect(),
        inputs: inputs.len(),
        input_names: inputs.to_vec(),
        steps: Vec::new(),
        spans: Vec::new(),
        used: vec![false; children(fields).count()],
        read: vec![false; children(fields).count()],
        assigned: Vec::new(),
        counters: Vec::new(),
        spelling: None,
    };
    let compiled = c.outputs(expr);
    let output = compiled
        .as_ref()
        .and_then(|v| v.first().copied())
        .unwrap_or(0);
    let more_outputs: Vec<usize> = compiled
        .as_ref()
        .map(|v| v[1..].to_vec())
        .unwrap_or_default();
    for ((field, used), read) in children(fields).zip(&c.used).zip(&c.read) {
        match (&field.attrs.uncalled, used | read) {
            // After an error in `forward`, a field may be unused only because the call that
            // used it was not compiled: one error per mistake.
            (None, false) if compiled.is_some() && !cx.has_errors() => cx.error_at(
                field.ident,
                format!(
                    "field `{}` is never used in `forward`; call it there, mark it `#[complexity(uncalled)]` if the \
                     model has it but never runs it, or `#[complexity(skip)]` if it is not part of the model",
                    field.ident
                ),
            ),
            (Some(flag), true) if *used => {
                cx.error_at(flag, format!("field `{}` is marked `uncalled` but `forward` calls it", field.ident))
            }
            _ => {}
        }
    }
    if c.inputs + c.steps.len() > MAX_VALUES {
        cx.error_at(
            expr,
            format!(
                "`forward` has {} input{} and {} steps; at most {MAX_VALUES} values in all are supported \
                 (move part of it into a nested block)",
                c.inputs,
                if c.inputs == 1 { "" } else { "s" },
                c.steps.len()
            ),
        );
    }
    Program {
        steps: c.steps,
        spans: c.spans,
        output,
        more_outputs,
    }
}

struct Compiler<'c, 'a> {
    cx: &'c Ctxt,
    fields: &'c [Field<'a>],
    p: &'c TokenStream,
    scope: BTreeMap<String, usize>,
    /// How many inputs come before the steps' values.
    inputs: usize,
    /// Their names.
    input_names: Vec<String>,
    steps: Vec<TokenStream>,
    spans: Vec<Option<proc_macro2::Span>>,
    /// The children `forward` calls.
    used: Vec<bool>,
    /// The children whose tensors `forward` reads (`dt_proj.weight`) without calling them.
    read: Vec<bool>,
    /// The names `x = …;` rebound, in order (for a loop's body to carry them out).
    assigned: Vec<String>,
    /// The counters of the `for` loops being unrolled, with their values this iteration.
    counters: Vec<(String, i64)>,
    /// The spelling of the call being rewritten as a method call (`F.softmax(x, -1)` as
    /// `x.softmax(-1)`): taken by that method call's step, so that the operations in its
    /// arguments keep their own.
    spelling: Option<Spelling>,
}

/// The core's value of how a `forward` wrote an operation.
fn spelling_tokens(spelling: Spelling, p: &TokenStream) -> TokenStream {
    match spelling {
        Spelling::Method => quote!(#p::ops::Spelling::Method),
        Spelling::Torch => quote!(#p::ops::Spelling::Torch),
        Spelling::Functional => quote!(#p::ops::Spelling::Functional),
    }
}

/// `expr` as a signed dimension or size: an integer const expression of any integer type
/// (`-1`, `2`, `E / H` with `usize` generics).
///
/// Any integer type is accepted (a const generic `usize`, an `i64` constant); a literal
/// that is not an integer (`1.9`, `true`, `'a'`) is an error at the literal, and a value
/// outside `i64` fails the build there (no silent wrap: `u64::MAX` is not `-1`).
fn dim(p: &TokenStream, expr: &Expr) -> TokenStream {
    let mut inner = expr;
    while let Expr::Unary(u) = inner {
        inner = &u.expr;
    }
    // `v.size(d)` or `v.shape[d]` anywhere in it (`mask.size(1) / 2`): a size read from a
    // value cannot be computed with.
    fn reads_any_size(tokens: TokenStream) -> bool {
        let tokens: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
        tokens.windows(2).any(|w| {
            matches!((&w[0], &w[1]), (proc_macro2::TokenTree::Punct(p), proc_macro2::TokenTree::Ident(i))
                if p.as_char() == '.' && (i == "size" || i == "shape"))
        }) || tokens.iter().any(|t| matches!(t, proc_macro2::TokenTree::Group(g) if reads_any_size(g.stream())))
    }
    if !matches!(inner, Expr::MethodCall(_) | Expr::Index(_)) && reads_any_size(quote!(#inner)) {
        return quote_spanned!(expr.span()=> ::core::compile_error!(
            "arithmetic on a size read from a value (`v.size(d) / 2`) is not supported: write the size itself (`v.size(d)`) or a number"
        ));
    }
    if let Expr::MethodCall(m) = inner
        && m.method == "size"
    {
        return quote_spanned!(expr.span()=> ::core::compile_error!(
            "a tensor's `size(d)` is supported in sizes and in the integer arguments of the table's operations (`x.slice(3, 0, k.size(2))`), not here yet: write the number"
        ));
    }
    if let Expr::Lit(l) = inner
        && !matches!(l.lit, syn::Lit::Int(_))
    {
        let msg = format!(
            "`{}` is not an integer: dimensions and sizes in `forward` are integers",
            quote!(#expr).to_string().replace(' ', "")
        );
        return quote_spanned!(expr.span()=> ::core::compile_error!(#msg));
    }
    if let Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Int(i),
        ..
    }) = inner
        && i.base10_parse::<i64>().is_err()
    {
        return quote_spanned!(expr.span()=> ::core::compile_error!(
            "this dimension or size is outside `i64`"
        ));
    }
    // Every token at the expression, so that a failure is reported there.
    let p = respan(p.clone(), expr.span());
    quote_spanned!(expr.span()=> {
        #[allow(clippy::unnecessary_cast, clippy::cast_possible_wrap, clippy::cast_lossless)]
        let d = #p::dim_wide((#expr) as ::core::primitive::i128);
        d
    })
}

/// `expr` as a `usize` const expression.
fn count(p: &TokenStream, expr: &Expr) -> TokenStream {
    quote_spanned!(expr.span()=> #p::count(#expr))
}

/// The elements of `(a, b)` / `[a, b]`, or the expression itself.
pub fn elements(expr: &Expr) -> Vec<&Expr> {
    match expr {
        Expr::Tuple(t) => t.elems.iter().collect(),
        Expr::Array(a) => a.elems.iter().collect(),
        Expr::Paren(p) => vec![&*p.expr],
        other => vec![other],
    }
}

/// `tokens` with every span set to `span`.
pub fn respan(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut t| {
            if let proc_macro2::TokenTree::Group(g) = &t {
                let mut group = proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                group.set_span(span);
                t = proc_macro2::TokenTree::Group(group);
            } else if !matches!(t, proc_macro2::TokenTree::Literal(_)) {
                // A literal keeps its own span: lints that read a literal's source text
                // (clippy's `zero_prefixed_literal`) would read the user's tokens instead.
                t.set_span(span);
            }
            t
        })
        .collect()
}

/// The layer kind a functional call names, when it has no weights (pools, upsampling,
/// pixel shuffles): `F.interpolate` is `upsample`.
fn functional_kind(name: &str) -> Option<&'static crate::kinds::KindDef> {
    let name = if name == "interpolate" {
        "upsample"
    } else {
        name
    };
    crate::kinds::kind(name).filter(|k| {
        matches!(
            k.variant,
            "Pool" | "AdaptivePool" | "Upsample" | "PixelShuffle"
        )
    })
}

/// A layer applied with weights that are values (`F.conv2d(x, w, b, stride = 2)`): the
/// function's name, the layer kind it follows, and its arguments after the input in
/// PyTorch's order (`weight` and `bias` are values; the others the kind's arguments;
/// `_` one that changes no count).
struct WeightedFn {
    name: &'static str,
    kind: &'static str,
    order: &'static [&'static str],
}

const CONV_ORDER: &[&str] = &["weight", "bias", "stride", "padding", "dilation", "groups"];
const CONV_TRANSPOSE_ORDER: &[&str] = &[
    "weight",
    "bias",
    "stride",
    "padding",
    "output_padding",
    "groups",
    "dilation",
];

/// Every layer that may be applied with weights from `forward`.
const WEIGHTED: &[WeightedFn] = &[
    WeightedFn {
        name: "linear",
        kind: "linear",
        order: &["weight", "bias"],
    },
    WeightedFn {
        name: "conv1d",
        kind: "conv1d",
        order: CONV_ORDER,
    },
    WeightedFn {
        name: "conv2d",
        kind: "conv2d",
        order: CONV_ORDER,
    },
    WeightedFn {
        name: "conv3d",
        kind: "conv3d",
        order: CONV_ORDER,
    },
    WeightedFn {
        name: "conv_transpose1d",
        kind: "conv_transpose1d",
        order: CONV_TRANSPOSE_ORDER,
    },
    WeightedFn {
        name: "conv_transpose2d",
        kind: "conv_transpose2d",
        order: CONV_TRANSPOSE_ORDER,
    },
    WeightedFn {
        name: "conv_transpose3d",
        kind: "conv_transpose3d",
        order: CONV_TRANSPOSE_ORDER,
    },
    WeightedFn {
        name: "layer_norm",
        kind: "layer_norm",
        order: &["normalized_shape", "weight", "bias", "eps"],
    },
    WeightedFn {
        name: "group_norm",
        kind: "group_norm",
        order: &["num_groups", "weight", "bias", "eps"],
    },
    WeightedFn {
        name: "embedding",
        kind: "embedding",
        order: &["weight", "padding_idx", "_", "_", "_", "_"],
    },
];

/// The names a `let` pattern binds.
fn pattern_names(pat: &Pat) -> Vec<String> {
    match pat {
        Pat::Ident(i) => vec![i.ident.to_string()],
        Pat::Tuple(t) => t.elems.iter().flat_map(pattern_names).collect(),
        Pat::Type(t) => pattern_names(&t.pat),
        Pat::Paren(p) => pattern_names(&p.pat),
        _ => Vec::new(),
    }
}

/// The views PyTorch also writes as functions of their tensor (`torch.flatten(x, 1)`).
const VIEW_FUNCTIONS: &[&str] = &[
    "flatten",
    "unflatten",
    "reshape",
    "transpose",
    "permute",
    "select",
];

/// The methods `forward` knows besides the operation table (views, products, pieces).
const BUILT_IN_METHODS: &[&str] = &[
    "flatten",
    "unflatten",
    "reshape",
    "view",
    "transpose",
    "permute",
    "select",
    "matmul",
    "linear",
    "adaptive_avg_pool2d",
    "expand",
    "split",
    "chunk",
    "functional",
    "new_ones",
    "new_zeros",
    "new_empty",
    "new_full",
];

/// "one argument", "one or two arguments", …
fn arguments(min: usize, max: usize) -> String {
    let n = |k: usize| {
        ["no", "one", "two", "three", "four"]
            .get(k)
            .map_or_else(|| k.to_string(), |s| s.to_string())
    };
    let noun = if max == 1 { "argument" } else { "arguments" };
    if min == max {
        format!("{} {noun}", n(min))
    } else if min == 0 {
        format!("at most {} {noun}", n(max))
    } else if max == min + 1 {
        format!("{} or {} {noun}", n(min), n(max))
    } else {
        format!("{} to {} {noun}", n(min), n(max))
    }
}

/// Whether `expr` reads a value's size: `v.size(d)` or `v.shape[d]`.
fn reads_size(expr: &Expr) -> bool {
    if let Expr::Unary(u) = expr
        && matches!(u.op, UnOp::Neg(_))
    {
        return reads_size(&u.expr);
    }
    matches!(expr, Expr::MethodCall(m) if m.method == "size" || m.method == "shape")
        || matches!(expr, Expr::Index(i) if matches!(&*i.expr, Expr::Field(f) if matches!(&f.member, syn::Member::Named(n) if n == "shape")))
        || whole_shape(expr).is_some()
}

/// `v` if `expr` is a value's whole shape, `v.shape` or `v.size()`.
fn whole_shape(expr: &Expr) -> Option<&Expr> {
    match expr {
        Expr::Field(f) if matches!(&f.member, syn::Member::Named(n) if n == "shape") => {
            Some(&f.base)
        }
        Expr::MethodCall(m) if m.method == "size" && m.args.is_empty() => Some(&m.receiver),
        _ => None,
    }
}

/// An integer literal, maybe negated (`0`, `-1`), as an `i64`.
fn literal_int(expr: &Expr) -> Option<i64> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(n),
            ..
        }) => n.base10_parse::<i64>().ok(),
        Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => literal_int(&u.expr)?.checked_neg(),
        Expr::Paren(p) => literal_int(&p.expr),
        _ => None,
    }
}

/// Whether `expr` is a number literal, maybe negated (`2`, `0.5`, `-1e-6`).
fn is_number(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(l) => matches!(l.lit, syn::Lit::Int(_) | syn::Lit::Float(_)),
        Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => is_number(&u.expr),
        Expr::Paren(p) => is_number(&p.expr),
        _ => false,
    }
}

/// Whether `expr` is the literal `-1`.
fn is_minus_one(expr: &Expr) -> bool {
    matches!(expr, Expr::Unary(u) if matches!(u.op, UnOp::Neg(_))
        && matches!(&*u.expr, Expr::Lit(l) if matches!(&l.lit, syn::Lit::Int(i) if i.base10_digits() == "1")))
}

impl Compiler<'_, '_> {
    /// Adds a step; returns the value it produces.
    fn push(&mut self, step: TokenStream) -> usize {
        self.steps.push(step);
        self.spans.push(None);
        self.inputs + self.steps.len() - 1
    }

    fn child_index(&self, name: &str) -> Option<usize> {
        children(self.fields).position(|f| *f.ident == name)
    }

    fn param_index(&self, name: &str) -> Option<usize> {
        params(self.fields).position(|f| *f.ident == name)
    }

    /// The value of `expr`; the steps it adds are attributed to where it is written.
    fn value(&mut self, expr: &Expr) -> Option<usize> {
        let before = self.steps.len();
        let v = self.value_unspanned(expr);
        let site = match expr {
            Expr::MethodCall(m) => m.method.span(),
            Expr::Binary(b) => b.op.span(),
            Expr::Call(c) => c.func.span(),
            Expr::Unary(u) => u.op.span(),
            other => other.span(),
        };
        for span in &mut self.spans[before..] {
            span.get_or_insert(site);
        }
        v
    }

    fn value_unspanned(&mut self, expr: &Expr) -> Option<usize> {
        let p = self.p;
        match expr {
            Expr::Paren(e) => self.value(&e.expr),
            Expr::Group(g) => self.value(&g.expr),
            Expr::Block(b) if b.label.is_none() => self.block(&b.block),
            Expr::If(e) => self.if_expr(e),
            Expr::Lit(l) if matches!(l.lit, syn::Lit::Int(_) | syn::Lit::Float(_)) => {
                Some(self.push(quote!(#p::Step::Scalar)))
            }
            Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => {
                if matches!(&*u.expr, Expr::Lit(l) if matches!(l.lit, syn::Lit::Int(_) | syn::Lit::Float(_)))
                {
                    return Some(self.push(quote!(#p::Step::Scalar)));
                }
                let input = self.value(&u.expr)?;
                Some(self.push(quote!(#p::Step::Op { op: #p::op("neg"), inputs: &[#input], dims: &[], keepdim: false, spelling: #p::ops::Spelling::Method, dtype: #p::DtypeArg::Unset })))
            }
            Expr::Path(_) => self.name(expr),
            Expr::Call(call) => self.call(call),
            Expr::Binary(bin) => {
                let op = match bin.op {
                    BinOp::Add(_) => quote!(Add),
                    BinOp::Sub(_) => quote!(Sub),
                    BinOp::Mul(_) => quote!(Mul),
                    BinOp::Div(_) => quote!(Div),
                    // `a & b`, `a | b` on masks: the table's `logical_and`, `logical_or`;
                    // `a <= b` and the other comparisons: `le`, `lt`, `ge`, `gt`, `eq`, `ne`.
                    BinOp::BitAnd(_)
                    | BinOp::BitOr(_)
                    | BinOp::Lt(_)
                    | BinOp::Le(_)
                    | BinOp::Gt(_)
                    | BinOp::Ge(_)
                    | BinOp::Eq(_)
                    | BinOp::Ne(_) => {
                        let name = match bin.op {
                            BinOp::BitAnd(_) => "logical_and",
                            BinOp::BitOr(_) => "logical_or",
                            BinOp::Lt(_) => "lt",
                            BinOp::Le(_) => "le",
                            BinOp::Gt(_) => "gt",
                            BinOp::Ge(_) => "ge",
                            BinOp::Eq(_) => "eq",
                            _ => "ne",
                        };
                        let left = self.value(&bin.left);
                        let right = self.value(&bin.right);
                        let (left, right) = (left?, right?);
                        return Some(self.push(quote!(#p::Step::Op {
                            op: #p::op(#name),
                            inputs: &[#left, #right],
                            dims: &[],
                            keepdim: false,
                            spelling: #p::ops::Spelling::Method,
                            dtype: #p::DtypeArg::Unset
                        })));
                    }
                    _ => return self.unsupported(expr),
                };
                let left = self.value(&bin.left);
                let right = self.value(&bin.right);
                let (left, right) = (left?, right?);
                Some(self.push(
                    quote!(#p::Step::Binary { op: #p::BinaryOp::#op, left: #left, right: #right }),
                ))
            }
            Expr::MethodCall(m) => self.method(m),
            // `x[0]`: Python's subscript of a tensor by one index, `x.select(0, 0)` (a
            // sequence field's element is called: `layers[0](x)`).
            Expr::Index(i)
                if ident_of(&i.expr).is_none_or(|b| self.child_index(&b.to_string()).is_none()) =>
            {
                let base = &i.expr;
                let index = &i.index;
                if self.child_result(base) {
                    return None;
                }
                if self.index_is_a_tensor(index) {
                    let expr = Self::take(base, index, i.bracket_token.span.join());
                    return self.value(&expr);
                }
                let expr: Expr = syn::parse_quote!(#base.select(0, #index));
                self.value(&expr)
            }
            // `blk.fc.weight`, `layers[0].weight`: deeper than a child's own tensors.
            Expr::Field(f) if matches!(&*f.base, Expr::Field(_) | Expr::Index(_)) => {
                self.cx.error_at(
                    expr,
                    "a child's tensor is read one level down (`fc.weight`, `norm.weight`); for a tensor \
                     of a grandchild, read it in the child's `forward` or make it a `parameter` there",
                );
                None
            }
            // `embed_positions.weight`, `dt_proj.bias`: a child's parameter tensor.
            Expr::Field(f)
                if ident_of(&f.base)
                    .is_some_and(|b| self.child_index(&b.to_string()).is_some()) =>
            {
                let base = ident_of(&f.base)
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let child = self.child_index(&base)?;
                let syn::Member::Named(tensor) = &f.member else {
                    return self.unsupported(expr);
                };
                let tensor = tensor.unraw().to_string();
                self.read[child] = true;
                Some(self.push(quote!(#p::Step::ChildParam { child: #child, name: #tensor })))
            }
            // `let s = x.shape;`: a shape is read where it is used.
            Expr::Field(f) if matches!(&f.member, syn::Member::Named(n) if n == "shape") => {
                self.cx.error_at(
                    expr,
                    "a shape is not a value of `forward`: read it where it is used, from the tensor (`h.view(x.shape)`, `x.size(1)`, `x.shape[-1]`)",
                );
                None
            }
            _ => self.unsupported(expr),
        }
    }

    fn call(&mut self, call: &syn::ExprCall) -> Option<usize> {
        self.call_in(call, true)
    }

    /// `layers[0](x)`, `layers[-1](x)`, `layers[i](x)` in a `for i in 0..N` loop: one
    /// element of a sequence field.
    fn call_at(&mut self, call: &syn::ExprCall, indexed: &syn::ExprIndex) -> Option<usize> {
        let p = self.p;
        let Some(base) = ident_of(&indexed.expr) else {
            return self.unsupported(&call.func);
        };
        let name = base.unraw().to_string();
        let Some(child) = self.child_index(&name) else {
            self.cx.error_at(
                base,
                format!("`{name}` is not a module field, so it has no elements to call"),
            );
            return None;
        };
        if let Some(f) = self.fields.iter().find(|f| *f.ident == name)
            && matches!(&f.role, Role::Layer(LayerSpec::Kind { .. }))
        {
            self.cx.error_at(
                base,
                format!("`{name}` is one layer, not a sequence: call it, `{name}(x)`"),
            );
            return None;
        }
        let index = match &*indexed.index {
            Expr::Path(path) => path
                .path
                .get_ident()
                .and_then(|i| self.counters.iter().rev().find(|(n, _)| i == n))
                .map(|(_, v)| *v),
            other => literal_int(other),
        };
        let Some(index) = index else {
            self.cx.error_at(
                &indexed.index,
                format!(
                    "an element of `{name}` is chosen by an integer literal (`{name}[0](x)`, `{name}[-1](x)`) or the counter of a `for` loop over literals (`for i in 0..3 {{ x = {name}[i](x); }}`)"
                ),
            );
            return None;
        };
        let inputs = self.call_inputs(call, &format!("{name}[…]"))?;
        self.used[child] = true;
        Some(self.push(
            quote!(#p::Step::CallAt { child: #child, index: #index, inputs: &[#(#inputs),*] }),
        ))
    }

    /// Python's subscript of a tensor as the operations it is: `x[:, 0]` selects,
    /// `x[:, 1:8:2]` slices, `x[:, None]` unsqueezes, `...` stands for the dimensions not
    /// named (the items after it count from the end). Items before `...` (or all, without
    /// one) take dimensions from the first: a selected one is removed, a new axis inserted;
    /// those after it, from the last backwards. O(items).
    fn subscript(&mut self, m: &syn::ExprMethodCall) -> Option<Expr> {
        enum Item {
            Ellipsis,
            NewAxis,
            Index(Expr),
            Slice(Box<[Option<Expr>; 3]>),
        }
        let marker = |e: &Expr, name: &str| ident_of(e).is_some_and(|i| i == name);
        let mut items = Vec::new();
        for a in &m.args {
            items.push(if marker(a, "__ellipsis") {
                Item::Ellipsis
            } else if marker(a, "__new_axis") {
                Item::NewAxis
            } else if let Expr::Call(c) = a
                && marker(&c.func, "__slice")
            {
                if c.args.len() > 3 {
                    self.cx
                        .error_at(a, "a slice is `start:stop:step`, at most two `:`");
                    return None;
                }
                let part = |k: usize| c.args.get(k).filter(|e| !marker(e, "__none")).cloned();
                Item::Slice(Box::new([part(0), part(1), part(2)]))
            } else {
                if self.index_is_a_tensor(a) {
                    if m.args.len() == 1 {
                        return Some(Self::take(&m.receiver, a, m.method.span()));
                    }
                    self.cx.error_at(
                        a,
                        "a tensor indexes alone (`table[index]`); with other items, select or slice first",
                    );
                    return None;
                }
                Item::Index(a.clone())
            });
        }
        let ellipses = items.iter().filter(|i| matches!(i, Item::Ellipsis)).count();
        if ellipses > 1 {
            self.cx
                .error_at(&m.method, "a subscript has at most one `...`");
            return None;
        }
        let split = items.iter().position(|i| matches!(i, Item::Ellipsis));
        let (left, right) = match split {
            Some(k) => (&items[..k], &items[k + 1..]),
            None => (&items[..], &items[..0]),
        };
        let mut cur = (*m.receiver).clone();
        let span = m.method.span();
        let apply = |cur: Expr, item: &Item, d: i64| -> (Expr, bool) {
            // Spanned at the subscript, where an error in the operation is reported.
            // The expression after `item` at dimension `d`, and whether `d` then names the
            // next dimension (a selected one is gone, so the next takes its place).
            match item {
                Item::Index(i) => (syn::parse_quote_spanned!(span=> #cur.select(#d, #i)), false),
                Item::NewAxis => (syn::parse_quote_spanned!(span=> #cur.unsqueeze(#d)), true),
                Item::Slice(parts) if parts.iter().all(Option::is_none) => (cur, true),
                Item::Ellipsis => (cur, true),
                Item::Slice(parts) => {
                    let [start, stop, step] = &**parts;
                    let start = start.clone().unwrap_or_else(|| syn::parse_quote!(0));
                    let stop = stop
                        .clone()
                        .unwrap_or_else(|| syn::parse_quote!(9223372036854775807));
                    let step = step.clone().unwrap_or_else(|| syn::parse_quote!(1));
                    (
                        syn::parse_quote_spanned!(span=> #cur.slice(#d, #start, #stop, #step)),
                        true,
                    )
                }
            }
        };
        let mut d: i64 = 0;
        for item in left {
            let (next, moved) = apply(cur, item, d);
            cur = next;
            if moved {
                d += 1;
            }
        }
        let mut e: i64 = -1;
        for item in right.iter().rev() {
            let (next, moved) = apply(cur, item, e);
            cur = next;
            if moved {
                e -= 1;
            }
        }
        Some(cur)
    }

    /// Whether a subscript's index is a tensor (a value of `forward`, a parameter or
    /// buffer, an operation on one), not a number (a literal, a constant, `v.size(d)`).
    fn index_is_a_tensor(&self, e: &Expr) -> bool {
        match e {
            _ if reads_size(e) || literal_int(e).is_some() => false,
            Expr::Path(_) => ident_of(e).is_some_and(|i| {
                let i = i.to_string();
                self.scope.contains_key(&i) || self.param_index(&i).is_some()
            }),
            Expr::Lit(_) | Expr::Paren(_) | Expr::Binary(_) | Expr::Unary(_) => false,
            _ => true,
        }
    }

    /// `table[index]` by a tensor (Swin's and BEiT's relative position bias): the rows
    /// `index` names, in its shape, `table.index_select(0, index.flatten())` unflattened to
    /// `index.shape`.
    fn take(base: &Expr, index: &Expr, span: proc_macro2::Span) -> Expr {
        syn::parse_quote_spanned!(span=> #base.index_select(0, #index.flatten()).unflatten(0, #index.shape))
    }

    /// `torch.arange(end)`, `(start, end)`, `(start, end, step)` (positional or by keyword):
    /// `end` values from 0 by 1 (`end` may read a size), else ⌈|end − start| / |step|⌉ from
    /// integer literals.
    fn arange(
        &mut self,
        func: &syn::Ident,
        args: &syn::punctuated::Punctuated<Expr, syn::Token![,]>,
    ) -> Option<usize> {
        let p = self.p;
        let usage = "`arange` is written `torch.arange(end)`, `torch.arange(start, end)` or `torch.arange(start, end, step)`";
        let mut slots: [Option<&Expr>; 3] = [None; 3];
        let mut positional = Vec::new();
        for a in args {
            match a {
                Expr::Assign(k) => {
                    let key = ident_of(&k.left)
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    let Some(at) = ["start", "end", "step"].iter().position(|n| *n == key) else {
                        self.cx.error_at(
                            &k.left,
                            format!("`arange` has no argument `{key}`: {usage}"),
                        );
                        return None;
                    };
                    slots[at] = Some(&k.right);
                }
                other => positional.push(other),
            }
        }
        let order: &[usize] = match positional.len() {
            0 => &[],
            1 => &[1],
            2 => &[0, 1],
            3 => &[0, 1, 2],
            _ => {
                self.cx.error_at(func, usage);
                return None;
            }
        };
        for (e, &at) in positional.into_iter().zip(order) {
            slots[at] = Some(e);
        }
        let [start, end, step] = slots;
        let Some(end) = end else {
            self.cx.error_at(func, usage);
            return None;
        };
        let (start_n, end_n, step_n) = (
            start.map_or(Some(0), literal_int),
            literal_int(end),
            step.map_or(Some(1), literal_int),
        );
        if start_n == Some(0) && step_n == Some(1) {
            let step = self.new_tensor(vec![end])?;
            return Some(self.push(step));
        }
        let (Some(a), Some(b), Some(s)) = (start_n, end_n, step_n) else {
            self.cx.error_at(
                func,
                "`arange` with a start other than 0 or a step other than 1 takes integer literals \
                 (`torch.arange(2, 10, 2)`): a bound read from a size would be arithmetic on it",
            );
            return None;
        };
        let span = i128::from(b) - i128::from(a);
        if s == 0 || (span != 0 && (span < 0) != (s < 0)) {
            self.cx.error_at(
                func,
                format!(
                    "`arange({a}, {b}, {s})`: {}, which PyTorch rejects",
                    if s == 0 {
                        "the step is 0"
                    } else {
                        "the step goes away from the end"
                    }
                ),
            );
            return None;
        }
        let n = span.unsigned_abs().div_ceil(i128::from(s).unsigned_abs()) as i64;
        Some(self.push(
            quote!(#p::Step::New { sizes: &[#p::SizeArg::Fixed(#n)], dtype: #p::DtypeArg::Integer }),
        ))
    }

    /// The values a child call passes, at most four (`what` names the callee in the error).
    fn call_inputs(&mut self, call: &syn::ExprCall, what: &str) -> Option<Vec<usize>> {
        if call.args.len() > 4 {
            self.cx.error_at(
                &call.func,
                format!(
                    "`{what}` takes at most four inputs, got {}",
                    call.args.len()
                ),
            );
            return None;
        }
        call.args.iter().map(|arg| self.value(arg)).collect()
    }

    /// A call: of a field when `fields` and one has the name (`relu(x)` calls a `relu`
    /// field), else of a function (`F.relu(x)` never calls a field, as in PyTorch).
    fn call_in(&mut self, call: &syn::ExprCall, fields: bool) -> Option<usize> {
        let p = self.p;
        // The spelling of `F.name(…)`, `torch.name(…)`, for the method call it becomes.
        let spelling = self.spelling.take();
        if let Expr::Index(indexed) = &*call.func {
            return self.call_at(call, indexed);
        }
        let Some(func) = ident_of(&call.func) else {
            return self.unsupported(&call.func);
        };
        let name = func.unraw().to_string();
        if let Some(field) = self
            .fields
            .iter()
            .find(|f| *f.ident == name)
            .filter(|_| fields)
        {
            if matches!(field.role, Role::Skip) {
                self.cx.error_at(
                    func,
                    format!("field `{name}` is `#[complexity(skip)]`, so `forward` cannot call it"),
                );
                return None;
            }
            if matches!(field.role, Role::Param(_)) {
                self.cx.error_at(
                    func,
                    format!("`{name}` is a parameter, not a module; use it as a value"),
                );
                return None;
            }
            let inputs = self.call_inputs(call, &name)?;
            let child = self.child_index(&name)?;
            self.used[child] = true;
            return Some(
                self.push(quote!(#p::Step::Call { child: #child, inputs: &[#(#inputs),*] })),
            );
        }
        // `torch.arange(n, dtype = torch.long, device = x.device)`: a new tensor's dtype,
        // device and layout change no count.
        let stripped;
        let call = if ["arange", "zeros", "ones", "empty", "full"].contains(&name.as_str()) {
            let mut c = call.clone();
            c.args = call
                .args
                .iter()
                .filter(|a| {
                    !matches!(a, Expr::Assign(k) if ident_of(&k.left).is_some_and(|k| {
                        ["dtype", "device", "layout", "requires_grad", "pin_memory"]
                            .contains(&k.to_string().as_str())
                    }))
                })
                .cloned()
                .collect();
            stripped = c;
            &stripped
        } else {
            call
        };
        match (name.as_str(), call.args.len()) {
            ("matmul", 2) => {
                let left = self.value(&call.args[0]);
                let right = self.value(&call.args[1]);
                let (left, right) = (left?, right?);
                Some(self.push(quote!(#p::Step::MatMul { left: #left, right: #right })))
            }
            ("cat", 1 | 2) => {
                if !matches!(&call.args[0], Expr::Array(_) | Expr::Tuple(_)) {
                    self.cx.error_at(
                        &call.args[0],
                        "`cat` joins a list of tensors: `cat([a, b], dim)`",
                    );
                    return None;
                }
                if elements(&call.args[0]).is_empty() {
                    self.cx
                        .error_at(&call.args[0], "`cat` of no tensors: give at least one");
                    return None;
                }
                let mut inputs = Vec::new();
                for e in elements(&call.args[0]) {
                    inputs.push(self.value(e)?);
                }
                // `torch.cat(tensors, dim = 0)`: the dimension by position or keyword.
                let d = match call.args.get(1) {
                    None => dim(p, &syn::parse_quote!(0)),
                    Some(Expr::Assign(a)) => {
                        if ident_of(&a.left).is_none_or(|k| k != "dim") {
                            self.cx.error_at(
                                &a.left,
                                "`cat` has no such argument: it is written `cat([a, b], dim)` or `cat([a, b], dim = 1)`",
                            );
                            return None;
                        }
                        dim(p, &a.right)
                    }
                    Some(e) => dim(p, e),
                };
                Some(self.push(quote!(#p::Step::Cat { inputs: &[#(#inputs),*], dim: #d })))
            }
            // `torch.einsum("bij,bjk->bik", a, b)`, also with the operands in a list.
            ("einsum", n) if n >= 1 => {
                let Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(equation),
                    ..
                }) = &call.args[0]
                else {
                    self.cx.error_at(
                        &call.args[0],
                        "`einsum`'s equation is a string literal: `torch.einsum(\"bij,bjk->bik\", a, b)`",
                    );
                    return None;
                };
                let rest: Vec<&Expr> = call.args.iter().skip(1).collect();
                let operands = match rest.as_slice() {
                    [list @ (Expr::Array(_) | Expr::Tuple(_))] => elements(list),
                    _ => rest,
                };
                if operands.is_empty() || operands.len() > 2 {
                    self.cx.error_at(
                        func,
                        format!(
                            "`einsum` takes one or two tensors here, got {}: mmengine counts more by numpy's optimal contraction order, which is not reproduced",
                            operands.len()
                        ),
                    );
                    return None;
                }
                let mut inputs = Vec::new();
                for e in operands {
                    inputs.push(self.value(e)?);
                }
                Some(self.push(
                    quote!(#p::Step::Einsum { inputs: &[#(#inputs),*], equation: #equation }),
                ))
            }
            // `torch.arange(start, end)` (and a `step`): `end − start` (/ step) values when
            // all are integer literals, else only from 0 (`torch.arange(0, n)`).
            // `torch.arange(end)`, `(start, end)`, `(start, end, step)`, by position or keyword.
            ("arange", _) => self.arange(func, &call.args),
            // New tensors: `torch.arange(n)`, `torch.zeros((b, n))`, `torch.full((b, n), v)`.
            ("zeros" | "ones" | "empty", _) | ("full", 2) if !call.args.is_empty() => {
                let written: Vec<&Expr> = match name.as_str() {
                    "full" => elements(&call.args[0]),
                    _ if call.args.len() == 1 => elements(&call.args[0]),
                    _ => call.args.iter().collect(),
                };
                let step = self.new_tensor(written)?;
                Some(self.push(step))
            }
            ("matmul", n) => {
                self.cx.error_at(
                    func,
                    format!("`matmul` takes two tensors, got {n}: it is written `matmul(a, b)`"),
                );
                None
            }
            ("cat", n) => {
                self.cx.error_at(
                    func,
                    format!(
                        "`cat` takes a list of tensors and a dimension, got {n} argument{}: it is written `cat([a, b], dim)`",
                        if n == 1 { "" } else { "s" }
                    ),
                );
                None
            }
            // `F.conv2d(x, weight, bias, stride = 2)`, `F.layer_norm(x, (768,), w, b)`: a
            // layer with weights that are values.
            (op, n) if n >= 1 && WEIGHTED.iter().any(|w| w.name == op) => {
                let input = self.value(&call.args[0])?;
                let rest: Vec<&Expr> = call.args.iter().skip(1).collect();
                let step = self.weighted(&name, func, input, &rest)?;
                Some(self.push(step))
            }
            // `F.max_pool2d(x, 3, 2)`, `F.interpolate(x, scale_factor = 2.0)`, `F.relu(x)`,
            // `torch.softmax(x, -1)`: a layer without weights or an operation of the
            // table written as a function, its tensor first: the method call on it.
            (op, n)
                if n >= 1
                    && (functional_kind(op).is_some()
                        || complexity_ops::find(op).is_some()
                        || VIEW_FUNCTIONS.contains(&op)) =>
            {
                let method = syn::ExprMethodCall {
                    attrs: Vec::new(),
                    receiver: Box::new(call.args[0].clone()),
                    dot_token: Default::default(),
                    method: func.clone(),
                    turbofish: None,
                    paren_token: call.paren_token,
                    args: call.args.iter().skip(1).cloned().collect(),
                };
                self.spelling = spelling;
                self.method(&method)
            }
            _ => {
                let names = children(self.fields)
                    .map(|f| f.ident.to_string())
                    .collect::<Vec<_>>();
                let mut msg = if fields {
                    format!(
                        "no field named `{name}` to call in `forward` (the functions are `matmul(a, b)`, \
                         `cat([a, b], dim)` and the operations, as `softmax(x, -1)` or `x.softmax(-1)`)"
                    )
                } else {
                    format!(
                        "`{name}` is not a function of `forward` (the functions are `matmul(a, b)`, \
                         `cat([a, b], dim)`, `einsum`, new tensors and the operations, as `torch.softmax(x, -1)`)"
                    )
                };
                // PyTorch's overloaded `min`/`max`: elementwise of two tensors, or a reduction.
                if let Some(kind) = match name.as_str() {
                    "min" => Some("min"),
                    "max" => Some("max"),
                    _ => None,
                } {
                    self.cx.error_at(
                        func,
                        format!(
                            "`torch.{kind}` is written by what it does: `torch.{kind}imum(a, b)` of two tensors, `x.a{kind}(dim)` to reduce"
                        ),
                    );
                    return None;
                }
                let candidates = names
                    .iter()
                    .map(String::as_str)
                    .chain(complexity_ops::OPS.iter().map(|o| o.name))
                    .chain(["matmul", "cat"]);
                if let Some(c) = closest(&name, candidates) {
                    msg += &format!("; did you mean `{c}`?");
                }
                self.cx.error_at(func, msg);
                None
            }
        }
    }

    /// Which of PyTorch's `F`, `torch`, `nn.functional` or `torch.nn.functional` `expr` is
    /// (and no value or field of that name): the spelling of a call through it.
    fn namespace(&self, expr: &Expr) -> Option<Spelling> {
        if let Expr::Field(f) = expr
            && matches!(&f.member, syn::Member::Named(n) if n == "functional")
        {
            let yes = match &*f.base {
                Expr::Field(g) => {
                    matches!(&g.member, syn::Member::Named(n) if n == "nn")
                        && ident_of(&g.base).is_some_and(|t| t == "torch")
                }
                base => ident_of(base).is_some_and(|n| n == "nn"),
            };
            return yes.then_some(Spelling::Functional);
        }
        let ns = ident_of(expr)?.to_string();
        if self.scope.contains_key(&ns) || self.fields.iter().any(|f| *f.ident == ns) {
            return None;
        }
        match ns.as_str() {
            "F" => Some(Spelling::Functional),
            "torch" => Some(Spelling::Torch),
            _ => None,
        }
    }

    /// Whether `base`, about to be indexed, is a child's call (`self_attn(x, x, x)[0]`),
    /// which is an error: Python indexes the tuple the module returns, while here a
    /// child's values are bound by `let (a, b) = child(x)`, and an index would pick a row
    /// of its tensor instead. Reports the error.
    fn child_result(&self, base: &Expr) -> bool {
        let Expr::Call(call) = base else {
            return false;
        };
        if ident_of(&call.func).is_none_or(|f| self.child_index(&f.to_string()).is_none()) {
            return false;
        }
        self.cx.error_at(
            base,
            "a child's result indexed (`child(x)[0]`): a module's tuple is bound by `let (a, b) = child(x);` (its `forward` returning `(a, b)`), and a child returning one tensor is returned whole; to index the tensor, bind it first: `let y = child(x); y[0]`",
        );
        true
    }

    fn method(&mut self, m: &syn::ExprMethodCall) -> Option<usize> {
        let p = self.p;
        let method = m.method.unraw().to_string();
        // This call's spelling, if it was rewritten from a function call; the calls in its
        // arguments are methods unless written otherwise.
        let spelling = self.spelling.take().unwrap_or(Spelling::Method);
        // `cache.update(k, v, i)` outside `let (k, v) = …`: a KV cache returns two values.
        if method == "update" && !self.is_value_path(&m.receiver) {
            return self.unknown_method(m);
        }
        // `F.relu(x)`, `torch.softmax(x, -1)`: PyTorch's functional spelling, the module
        // prefix dropped.
        if let Some(spelling) = self.namespace(&m.receiver) {
            let call = syn::ExprCall {
                attrs: Vec::new(),
                func: Box::new(Expr::Path(syn::ExprPath {
                    attrs: Vec::new(),
                    qself: None,
                    path: m.method.clone().into(),
                })),
                paren_token: m.paren_token,
                args: m.args.clone(),
            };
            self.spelling = Some(spelling);
            let step = self.call_in(&call, false);
            self.spelling = None;
            return step;
        }
        let args: Vec<&Expr> = m.args.iter().collect();
        // Python's subscript (`x[:, None]`, `x[..., 0::2]`), rewritten by the attribute
        // parser into `x.__getitem__(…)`.
        if method == "__getitem__" {
            if self.child_result(&m.receiver) {
                return None;
            }
            let expr = self.subscript(m)?;
            return self.value(&expr);
        }
        // `child.functional(x)`: a child's computation charged to this module.
        if method == "functional" {
            let name = ident_of(&m.receiver)
                .map(|i| i.to_string())
                .unwrap_or_default();
            let Some(child) = self.child_index(&name) else {
                self.cx.error_at(
                    &m.receiver,
                    "`.functional(x)` applies a field that is a layer: `out_proj.functional(x)`",
                );
                return None;
            };
            if args.len() != 1 {
                self.cx.error_at(&m.args, "`.functional` takes one input");
                return None;
            }
            let input = self.value(args[0])?;
            self.used[child] = true;
            return Some(
                self.push(quote!(#p::Step::Functional { child: #child, inputs: &[#input] })),
            );
        }
        let input = self.value(&m.receiver)?;
        let arity = |cx: &Ctxt, range: std::ops::RangeInclusive<usize>, usage: &str| -> bool {
            if range.contains(&args.len()) {
                true
            } else {
                cx.error_at(&m.method, format!("`{method}` is written `{usage}`"));
                false
            }
        };
        let step = match method.as_str() {
            // `x.new_ones((b, n))`, `x.new_zeros(b, n)`, `x.new_full((b, n), v)`: a new tensor
            // of the sizes given (the receiver lends only its dtype and device).
            "new_ones" | "new_zeros" | "new_empty" | "new_full" => {
                let full = method == "new_full";
                if args.is_empty() || (full && args.len() != 2) {
                    self.cx.error_at(
                        &m.method,
                        format!(
                            "`{method}` is written `x.{method}((b, n){})`",
                            if full { ", value" } else { "" }
                        ),
                    );
                    return None;
                }
                let written: Vec<&Expr> = if full || args.len() == 1 {
                    elements(args[0])
                } else {
                    args.clone()
                };
                self.new_tensor(written)?
            }
            "flatten" => {
                if !arity(self.cx, 0..=2, "x.flatten(start_dim, end_dim)") {
                    return None;
                }
                let start = args.first().map_or_else(|| quote!(0), |e| dim(p, e));
                let end = args.get(1).map_or_else(|| quote!(-1), |e| dim(p, e));
                quote!(#p::Step::Flatten { input: #input, start_dim: #start, end_dim: #end })
            }
            "unflatten" => {
                if !arity(self.cx, 2..=2, "x.unflatten(dim, (sizes…))") {
                    return None;
                }
                let d = dim(p, args[0]);
                let mut sizes = Vec::new();
                for e in elements(args[1]) {
                    sizes.push(self.size_arg(e)?);
                }
                quote!(#p::Step::Unflatten { input: #input, dim: #d, sizes: &[#(#sizes),*] })
            }
            "reshape" | "view" => {
                let view = method == "view";
                if args.is_empty() {
                    self.cx
                        .error_at(&m.method, format!("`{method}` needs the new sizes"));
                    return None;
                }
                let written: Vec<&Expr> = if args.len() == 1 {
                    elements(args[0])
                } else {
                    args.clone()
                };
                let mut sizes = Vec::new();
                for e in written {
                    sizes.push(self.size_arg(e)?);
                }
                quote!(#p::Step::Reshape { input: #input, sizes: &[#(#sizes),*], view: #view })
            }
            "transpose" => {
                if !arity(self.cx, 2..=2, "x.transpose(dim0, dim1)") {
                    return None;
                }
                let (a, b) = (dim(p, args[0]), dim(p, args[1]));
                quote!(#p::Step::Transpose { input: #input, dim0: #a, dim1: #b })
            }
            "permute" => {
                let dims: Vec<TokenStream> = if args.len() == 1 {
                    elements(args[0]).into_iter().map(|e| dim(p, e)).collect()
                } else {
                    args.iter().map(|e| dim(p, e)).collect()
                };
                quote!(#p::Step::Permute { input: #input, dims: &[#(#dims),*] })
            }
            "select" => {
                if !arity(self.cx, 2..=2, "x.select(dim, index)") {
                    return None;
                }
                let (d, i) = (dim(p, args[0]), dim(p, args[1]));
                quote!(#p::Step::Select { input: #input, dim: #d, index: #i })
            }
            "matmul" => {
                if !arity(self.cx, 1..=1, "a.matmul(b)") {
                    return None;
                }
                let right = self.value(args[0])?;
                quote!(#p::Step::MatMul { left: #input, right: #right })
            }
            // `x.linear(weight)`, `x.linear(weight, bias)`: the weights are values (this
            // struct's parameters, or computed); the bias is not counted, as in mmengine.
            "linear" => self.weighted("linear", &m.method, input, &args)?,
            "adaptive_avg_pool2d" => {
                if !arity(self.cx, 1..=1, "x.adaptive_avg_pool2d(output_size)") {
                    return None;
                }
                let size = size(p, args[0]);
                quote!(#p::Step::AdaptiveAvgPool2d { input: #input, output: #size })
            }
            "expand" => {
                let mut sizes = Vec::new();
                for a in &args {
                    sizes.push(if is_minus_one(a) {
                        quote!(#p::ExpandSize::Keep)
                    } else if let Expr::MethodCall(s) = a
                        && s.method == "size"
                        && s.args.len() == 1
                    {
                        let like = self.value(&s.receiver)?;
                        let d = dim(p, &s.args[0]);
                        quote!(#p::ExpandSize::Like(#like, #d))
                    } else {
                        let n = count(p, a);
                        quote!(#p::ExpandSize::Size(#n))
                    });
                }
                quote!(#p::Step::Expand { input: #input, sizes: &[#(#sizes),*] })
            }
            "split" | "chunk" => {
                self.cx.error_at(&m.method, format!("`{method}` gives several values: bind them with `let (a, b, …) = x.{method}(…);`"));
                return None;
            }
            other => match complexity_ops::find(other) {
                Some(row) => self.table_op(&complexity_ops::OPS[row], input, m, spelling)?,
                None => match functional_kind(other) {
                    Some(def) => self.functional_layer(def, input, m)?,
                    None => return self.unknown_method(m),
                },
            },
        };
        Some(self.push(step))
    }

    fn name(&mut self, expr: &Expr) -> Option<usize> {
        let p = self.p;
        let Some(ident) = ident_of(expr) else {
            return self.unsupported(expr);
        };
        let name = ident.to_string();
        if let Some(&v) = self.scope.get(&name) {
            return Some(v);
        }
        if let Some(index) = self.param_index(&name) {
            return Some(self.push(quote!(#p::Step::Param { index: #index })));
        }
        if self.fields.iter().any(|f| *f.ident == name) {
            self.cx.error_at(
                ident,
                format!("`{name}` is a field; apply it to a value: `{name}(x)`"),
            );
        } else if self.counters.iter().any(|(c, _)| *c == name) {
            self.cx.error_at(
                ident,
                format!("the loop's counter `{name}` chooses an element of a sequence (`layers[{name}](x)`); it is not a value of `forward`"),
            );
        } else {
            let names: Vec<String> = self.input_names.iter().map(|n| format!("`{n}`")).collect();
            let mut msg = format!(
                "unknown value `{name}` in `forward`; the input{} {}",
                if names.len() == 1 { " is" } else { "s are" },
                names.join(", ")
            );
            if let Some(c) = closest(&name, self.scope.keys().map(String::as_str)) {
                msg += &format!("; did you mean `{c}`?");
            }
            self.cx.error_at(ident, msg);
        }
        None
    }

    /// `if COND { a } else { b }` with a const `COND`: the branch not taken does not run.
    fn if_expr(&mut self, e: &syn::ExprIf) -> Option<usize> {
        let p = self.p;
        let cond = &e.cond;
        let tensor = quote!(#cond).into_iter().find_map(|t| match t {
            proc_macro2::TokenTree::Ident(i) if self.scope.contains_key(&i.to_string()) => Some(i),
            _ => None,
        });
        if let Some(t) = tensor {
            self.cx.error_at(
                cond,
                format!(
                    "the condition of an `if` in `forward` is a const `bool` (const generics, constants), \
                     known when the model is described; `{t}` is a value of `forward`"
                ),
            );
            return None;
        }
        let cond =
            quote_spanned!(cond.span()=> { let cond: ::core::primitive::bool = #cond; cond });
        let Some((_, otherwise)) = &e.else_branch else {
            self.cx.error_at(e, "an `if` in `forward` needs an `else` that gives the value when the condition is false");
            return None;
        };
        self.push(TokenStream::new());
        let guard = self.steps.len() - 1;
        let then = self.block(&e.then_branch);
        let guarded = self.steps.len() - guard - 1;
        self.steps[guard] = quote!(#p::Step::SkipUnless { cond: #cond, count: #guarded });
        self.push(TokenStream::new());
        let guard2 = self.steps.len() - 1;
        let other = self.value(otherwise);
        let guarded2 = self.steps.len() - guard2 - 1;
        self.steps[guard2] = quote!(#p::Step::SkipUnless { cond: !#cond, count: #guarded2 });
        let (then, other) = (then?, other?);
        Some(self.push(quote!(#p::Step::Choose { cond: #cond, then: #then, otherwise: #other })))
    }

    fn block(&mut self, block: &syn::Block) -> Option<usize> {
        let values = self.block_values(block, false)?;
        values.first().copied()
    }

    /// A block's value, or with `tuple` its values when it ends in a tuple `(a, b)` (a
    /// `forward` that returns several).
    fn block_values(&mut self, block: &syn::Block, tuple: bool) -> Option<Vec<usize>> {
        let saved = self.scope.clone();
        let mut result = None;
        for (i, stmt) in block.stmts.iter().enumerate() {
            let last = i + 1 == block.stmts.len();
            match stmt {
                Stmt::Expr(expr, None) if last && !matches!(expr, Expr::ForLoop(_)) => {
                    result = if tuple {
                        self.outputs(expr)
                    } else {
                        self.value(expr).map(|v| vec![v])
                    }
                }
                other => {
                    if self.statement(
                        other,
                        "`forward` blocks hold `let` bindings, `x = …;` assignments and `for` loops, and end with the returned value",
                    ) && last
                    {
                        self.cx.error_at(
                            other,
                            "a `forward` block must end with the value it returns",
                        );
                    }
                }
            }
        }
        if block.stmts.is_empty() {
            self.cx.push(syn::Error::new(
                block.span(),
                "an empty `forward` block returns nothing",
            ));
        }
        self.scope = saved;
        result
    }

    /// The values `forward` returns: one, or a tuple `(a, b)` of up to
    /// `MAX_OUTPUTS`.
    fn outputs(&mut self, expr: &Expr) -> Option<Vec<usize>> {
        match expr {
            Expr::Paren(e) => self.outputs(&e.expr),
            Expr::Group(g) => self.outputs(&g.expr),
            Expr::Block(b) if b.label.is_none() => self.block_values(&b.block, true),
            Expr::Tuple(t) => {
                if t.elems.len() < 2 || t.elems.len() > MAX_OUTPUTS {
                    self.cx.error_at(
                        t,
                        format!("a `forward` returns one value or a tuple of 2 to {MAX_OUTPUTS}"),
                    );
                    return None;
                }
                let mut values = Vec::new();
                for e in &t.elems {
                    values.push(self.value(e)?);
                }
                Some(values)
            }
            other => self.value(other).map(|v| vec![v]),
        }
    }

    /// A statement that binds names: `let`, `x = …;` or a `for` loop. Any other is an error
    /// saying what the enclosing block holds (`holds`), and gives `false`.
    fn statement(&mut self, stmt: &Stmt, holds: &str) -> bool {
        match stmt {
            Stmt::Local(local) => self.local(local),
            Stmt::Expr(Expr::Assign(assign), _) => self.assign(assign),
            // `x += y;` (torchvision's `out += identity`): `x = x + y;`.
            Stmt::Expr(Expr::Binary(b), _) if compound(&b.op).is_some() => {
                let op = compound(&b.op).expect("a compound assignment");
                let (left, right) = (&b.left, &b.right);
                let assign: syn::ExprAssign = syn::parse_quote!(#left = #left #op (#right));
                self.assign(&assign)
            }
            Stmt::Expr(Expr::ForLoop(f), _) => self.for_loop(f),
            other => {
                self.cx.error_at(other, holds);
                return false;
            }
        }
        true
    }

    /// `x = value;`: the name `x`, which must exist, is that value from here on (as in
    /// Python, and as `let x = value;` would be).
    fn assign(&mut self, assign: &syn::ExprAssign) {
        let Some(name) = ident_of(&assign.left).map(ToString::to_string) else {
            self.cx
                .error_at(&assign.left, "`forward` assigns to a name: `x = value;`");
            return;
        };
        if !self.scope.contains_key(&name) {
            self.cx.error_at(
                &assign.left,
                format!("`{name}` is no value yet: bind it first with `let {name} = …;`"),
            );
            // Its later uses add no errors of their own.
            self.scope.insert(name, 0);
            return;
        }
        let v = self.value(&assign.right).unwrap_or(0);
        self.scope.insert(name.clone(), v);
        self.assigned.push(name);
    }

    /// `for _ in 0..3 { x = layer(x); }`: the body unrolled, the range's bounds integer
    /// literals; names assigned in the body keep their last values after it, `let`s in it
    /// do not outlive an iteration. At most [`MAX_UNROLL`] iterations.
    fn for_loop(&mut self, f: &syn::ExprForLoop) {
        let bound = |e: Option<&Expr>| match e {
            Some(Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(n),
                ..
            })) => n.base10_parse::<usize>().ok(),
            _ => None,
        };
        let range = match &*f.expr {
            Expr::Range(r) => {
                bound(r.start.as_deref())
                    .zip(bound(r.end.as_deref()))
                    .map(|(a, b)| {
                        if matches!(r.limits, syn::RangeLimits::Closed(_)) {
                            a..b.saturating_add(1)
                        } else {
                            a..b
                        }
                    })
            }
            _ => None,
        };
        let Some(range) = range else {
            self.cx.error_at(
                &f.expr,
                "a `for` loop of `forward` runs over a range of non-negative integer literals (`0..3`), unrolled by the derive; over the layers of an array, call the array (`layers(x)`)",
            );
            return;
        };
        if range.is_empty() {
            self.cx.error_at(
                &f.expr,
                format!(
                    "the range `{}..{}` is empty, so the loop would run no iteration",
                    range.start, range.end
                ),
            );
            return;
        }
        if range.len() > MAX_UNROLL {
            self.cx.error_at(
                &f.expr,
                format!(
                    "a `for` loop of {} iterations: at most {MAX_UNROLL} are unrolled",
                    range.len()
                ),
            );
            return;
        }
        let counter = match &*f.pat {
            Pat::Wild(_) => None,
            Pat::Ident(p) if p.by_ref.is_none() && p.mutability.is_none() && p.subpat.is_none() => {
                Some(p.ident.unraw().to_string())
            }
            _ => {
                self.cx.error_at(
                    &f.pat,
                    "a loop's counter is a name (`for i in 0..3`, to index a sequence: `layers[i](x)`) or `_`",
                );
                return;
            }
        };
        for i in range {
            if let Some(c) = &counter {
                self.counters.push((c.clone(), i as i64));
            }
            let outer = self.scope.clone();
            let before = self.assigned.len();
            for stmt in &f.body.stmts {
                if !self.statement(
                    stmt,
                    "a `for` body holds `let` bindings, `x = …;` assignments and loops",
                ) {
                    return;
                }
            }
            // The body's `let`s end with the iteration; its assignments to outer names stay.
            let inner = std::mem::replace(&mut self.scope, outer);
            for name in self.assigned.split_off(before) {
                if let Some(v) = inner.get(&name)
                    && self.scope.contains_key(&name)
                {
                    self.scope.insert(name.clone(), *v);
                    self.assigned.push(name);
                }
            }
            if counter.is_some() {
                self.counters.pop();
            }
            if self.cx.has_errors() {
                return;
            }
        }
    }

    /// Binds one element of a tuple pattern to value `v` (`_` binds nothing); `what` names
    /// the elements in the error for another pattern.
    fn bind(&mut self, elem: &Pat, v: usize, what: &str) {
        match elem {
            Pat::Ident(id) => {
                self.scope.insert(id.ident.to_string(), v);
            }
            Pat::Wild(_) => {}
            other => self
                .cx
                .error_at(other, format!("bind each {what} to a name (or `_`)")),
        }
    }

    /// Whether `expr` (`a`, `a.b.c`) starts at a value, a child or a parameter of this
    /// `forward` (else it names something outside, such as a KV cache).
    fn is_value_path(&self, expr: &Expr) -> bool {
        let mut e = expr;
        while let Expr::Field(f) = e {
            e = &f.base;
        }
        match ident_of(e) {
            Some(i) => {
                let name = i.to_string();
                self.scope.contains_key(&name)
                    || self.child_index(&name).is_some()
                    || self.param_index(&name).is_some()
            }
            None => true,
        }
    }

    /// `let y = …;` or `let (q, k, v) = x.split(768, 2);`.
    fn local(&mut self, local: &syn::Local) {
        let p = self.p;
        let Some(init) = &local.init else {
            self.cx
                .error_at(local, "`forward` supports `let name = value;` only");
            return;
        };
        if init.diverge.is_some() {
            self.cx
                .error_at(local, "`forward` supports `let name = value;` only");
            return;
        }
        // `let y: Tensor = …`: the type says nothing here.
        let pat = match &local.pat {
            Pat::Type(t) => &*t.pat,
            other => other,
        };
        // After a mistake in the value, its names still exist, so that their uses add no
        // errors of their own.
        let bind_all = |this: &mut Self| {
            for name in pattern_names(pat) {
                this.scope.entry(name).or_insert(0);
            }
        };
        match pat {
            Pat::Ident(pat) if pat.by_ref.is_none() && pat.subpat.is_none() => {
                match self.value(&init.expr) {
                    Some(v) => {
                        self.scope.insert(pat.ident.to_string(), v);
                    }
                    None => {
                        self.scope.entry(pat.ident.to_string()).or_insert(0);
                    }
                }
            }
            Pat::Tuple(tuple) if matches!(&*init.expr, Expr::Call(_)) => {
                // `let (cos, sin) = rotary_emb(x);`: a child returning a tuple.
                let Some(first) = self.value(&init.expr) else {
                    bind_all(self);
                    return;
                };
                for (index, elem) in tuple.elems.iter().enumerate() {
                    let v = if index == 0 {
                        first
                    } else {
                        self.push(quote!(#p::Step::Output { index: #index }))
                    };
                    self.bind(elem, v, "value");
                }
            }
            Pat::Tuple(tuple) => {
                let Expr::MethodCall(m) = &*init.expr else {
                    self.cx.error_at(&init.expr, "a `let (a, b, …)` binds the pieces of `x.split(size, dim)` or `x.chunk(n, dim)`, the values a child returns (`let (cos, sin) = rotary(x)`) or a KV cache's `update`; a size is read where it is used (`x.size(0)`), not bound");
                    bind_all(self);
                    return;
                };
                // `let (k, v) = past_key_values.update(k, v, self.layer_idx)`: a KV cache
                // (any receiver that is not a value of `forward`, e.g.
                // `past_key_values.cross_attention_cache`), which keeps `k` and `v`.
                if m.method == "update" && !self.is_value_path(&m.receiver) {
                    if m.args.len() < 2 || tuple.elems.len() != 2 {
                        self.cx.error_at(
                            &m.method,
                            "a KV cache's `update` is written `let (k, v) = past_key_values.update(k, v, layer_idx)`",
                        );
                        bind_all(self);
                        return;
                    }
                    let (k, v) = (self.value(&m.args[0]), self.value(&m.args[1]));
                    let (Some(k), Some(v)) = (k, v) else {
                        bind_all(self);
                        return;
                    };
                    for (elem, input) in tuple.elems.iter().zip([k, v]) {
                        let step = self.push(quote!(#p::Step::Op { op: #p::op("kv_cache"), inputs: &[#input], dims: &[], keepdim: false, spelling: #p::ops::Spelling::Method, dtype: #p::DtypeArg::Unset }));
                        if let Some(span) = self.spans.last_mut() {
                            *span = Some(m.method.span());
                        }
                        self.bind(elem, step, "value");
                    }
                    return;
                }
                // `torch.split(x, 2, -1)`: the function form, the tensor first.
                let owned;
                let m = match self.namespace(&m.receiver).is_some() {
                    true => {
                        let mut args = m.args.clone().into_iter();
                        let Some(receiver) = args.next() else {
                            self.cx.error_at(
                                &m.method,
                                format!(
                                    "`{}` is written `torch.{}(x, amount, dim)`",
                                    m.method, m.method
                                ),
                            );
                            bind_all(self);
                            return;
                        };
                        owned = syn::ExprMethodCall {
                            receiver: Box::new(receiver),
                            args: args.collect(),
                            ..m.clone()
                        };
                        &owned
                    }
                    false => m,
                };
                let split = match m.method.to_string().as_str() {
                    "split" => quote!(Size),
                    "chunk" => quote!(Chunks),
                    _ => {
                        self.cx.error_at(&m.method, "a `let (a, b, …)` binds the pieces of `x.split(size, dim)` or `x.chunk(n, dim)`, the values a child returns (`let (cos, sin) = rotary(x)`) or a KV cache's `update`; a size is read where it is used (`x.size(0)`), not bound");
                        bind_all(self);
                        return;
                    }
                };
                if m.args.len() != 2 {
                    self.cx.error_at(
                        &m.method,
                        format!("`{}` is written `x.{}(amount, dim)`", m.method, m.method),
                    );
                    bind_all(self);
                    return;
                }
                let Some(input) = self.value(&m.receiver) else {
                    bind_all(self);
                    return;
                };
                // `x.split([256, 512], dim)`: a list of sizes (`split_with_sizes`).
                let split = match &m.args[0] {
                    Expr::Array(_) | Expr::Tuple(_) if m.method == "split" => {
                        let sizes = elements(&m.args[0]).into_iter().map(|e| count(p, e));
                        quote!(#p::Split::Sizes(&[#(#sizes),*]))
                    }
                    amount => {
                        let amount = count(p, amount);
                        quote!(#p::Split::#split(#amount))
                    }
                };
                let d = match &m.args[1] {
                    Expr::Assign(a) if ident_of(&a.left).is_some_and(|k| k == "dim") => {
                        dim(p, &a.right)
                    }
                    e => dim(p, e),
                };
                let pieces = tuple.elems.len();
                for (index, elem) in tuple.elems.iter().enumerate() {
                    let v = self.push(quote! {
                        #p::Step::Piece { input: #input, dim: #d, split: #split, index: #index, count: #pieces }
                    });
                    if let Some(span) = self.spans.last_mut() {
                        *span = Some(m.method.span());
                    }
                    self.bind(elem, v, "piece");
                }
            }
            other => {
                self.cx.error_at(
                    other,
                    "`forward` supports `let name = value;` and `let (a, b, …) = x.split(…);`",
                );
                bind_all(self);
            }
        }
    }

    /// A `dtype` argument: `torch.float32`, `torch.bfloat16`, `torch.long`, … (what
    /// decides a value's dtype under autocast), a value's `v.dtype` or the value itself
    /// (`x.to(y)`), or a device (`v.device`, `"cuda"`, `torch.device(…)`), which changes
    /// nothing.
    fn dtype_arg(&mut self, e: &Expr) -> Option<TokenStream> {
        let p = self.p;
        if let Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(_),
            ..
        }) = e
        {
            return Some(quote!(#p::DtypeArg::Unset));
        }
        if let Expr::Call(c) = e
            && let Expr::Path(f) = &*c.func
            && f.path.segments.last().is_some_and(|s| s.ident == "device")
        {
            return Some(quote!(#p::DtypeArg::Unset));
        }
        if let Expr::Field(f) = e
            && let syn::Member::Named(field) = &f.member
        {
            if field == "device" {
                return Some(quote!(#p::DtypeArg::Unset));
            }
            if field == "dtype" {
                if let Expr::Path(base) = &*f.base
                    && base.path.segments.len() == 1
                    && base.path.segments[0].ident == "torch"
                {
                } else {
                    let v = self.value(&f.base)?;
                    return Some(quote!(#p::DtypeArg::Of(#v)));
                }
            }
        }
        let name = match e {
            Expr::Field(f) => match (&*f.base, &f.member) {
                (Expr::Path(base), syn::Member::Named(n))
                    if base.path.segments.len() == 1 && base.path.segments[0].ident == "torch" =>
                {
                    Some(n.to_string())
                }
                _ => None,
            },
            Expr::Path(path)
                if path.path.segments.len() == 2 && path.path.segments[0].ident == "torch" =>
            {
                Some(path.path.segments[1].ident.to_string())
            }
            _ => None,
        };
        // `x.to(y)`: `y`'s dtype (and device).
        if name.is_none()
            && let Expr::Path(path) = e
            && path.path.segments.len() == 1
            && self.is_value_path(e)
        {
            let v = self.value(e)?;
            return Some(quote!(#p::DtypeArg::Of(#v)));
        }
        let kind = match name.as_deref() {
            Some("float32" | "float" | "float64" | "double") => quote!(Float32),
            Some("bfloat16" | "float16" | "half") => quote!(Half),
            Some(
                "long" | "int64" | "int" | "int32" | "int16" | "short" | "int8" | "uint8" | "bool",
            ) => quote!(Integer),
            _ => {
                self.cx.error_at(
                    e,
                    "a dtype is written `torch.float32`, `torch.bfloat16`, `torch.float16`, `torch.long`, `torch.bool`, …, a value's `y.dtype`, or a value `y` (a device: `y.device`)",
                );
                return None;
            }
        };
        Some(quote!(#p::DtypeArg::#kind))
    }

    /// A row of the operation table, its arguments read by its signature: tensors (or
    /// number literals, which broadcast), dimensions, `keepdim`, and values no count
    /// depends on.
    fn table_op(
        &mut self,
        row: &complexity_ops::Op,
        input: usize,
        m: &syn::ExprMethodCall,
        spelling: Spelling,
    ) -> Option<TokenStream> {
        use complexity_ops::Arg;
        let p = self.p;
        // Arguments by position, or by PyTorch's keyword (`dim = -1`, `keepdim = true`).
        let required = row.params.iter().filter(|a| !a.optional).count();
        let arity_error = |cx: &Ctxt, missing: Option<&str>| {
            cx.error_at(
                &m.method,
                format!(
                    "`{}` takes {}, got {}{}: it is written `{}`",
                    row.name,
                    arguments(required, row.params.len()),
                    m.args.len(),
                    missing.map_or_else(String::new, |n| format!(" (`{n}` is missing)")),
                    row.usage
                ),
            );
        };
        let mut slots: Vec<Option<&Expr>> = vec![None; row.params.len()];
        let mut position = 0;
        for arg in &m.args {
            let (i, e) = match arg {
                Expr::Assign(a) => {
                    let key = ident_of(&a.left)
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    match row.params.iter().position(|p| p.name == key) {
                        Some(i) => (i, &*a.right),
                        None => {
                            let names: Vec<&str> = row.params.iter().map(|p| p.name).collect();
                            self.cx.error_at(
                                &a.left,
                                format!(
                                    "`{}` has no argument `{key}`: it is written `{}`{}",
                                    row.name,
                                    row.usage,
                                    if names.is_empty() {
                                        String::new()
                                    } else {
                                        format!(" (its arguments: {})", names.join(", "))
                                    }
                                ),
                            );
                            return None;
                        }
                    }
                }
                other => {
                    position += 1;
                    (position - 1, other)
                }
            };
            if i >= slots.len() || slots[i].is_some() {
                arity_error(self.cx, None);
                return None;
            }
            slots[i] = Some(e);
        }
        if let Some((missing, _)) = row
            .params
            .iter()
            .zip(&slots)
            .find(|(p, s)| !p.optional && s.is_none())
        {
            arity_error(self.cx, Some(missing.name));
            return None;
        }
        let mut inputs = vec![input];
        let mut dims = Vec::new();
        // A rate's default (0.5) is not 0.
        let mut keepdim = if row.params.iter().any(|p| p.kind == Arg::Rate) {
            quote!(true)
        } else {
            quote!(false)
        };
        let mut dtype = quote!(#p::DtypeArg::Unset);
        // Integer arguments as written; those reading a value's size (`k.size(2)`,
        // `k.shape[2]`) make the step read them when it runs.
        let mut written: Vec<&Expr> = Vec::new();
        for (arg, param) in slots.iter().zip(row.params) {
            let Some(arg) = *arg else { continue };
            match param.kind {
                Arg::TensorOrNumber if is_number(arg) => {}
                Arg::TensorOrNumber => inputs.push(self.value(arg)?),
                Arg::Ignored => {}
                // `x.to(device, dtype)`: a device sets nothing.
                Arg::Dtype => {
                    let d = self.dtype_arg(arg)?;
                    if !d.to_string().ends_with("Unset") {
                        dtype = d;
                    }
                }
                Arg::DtypeOf => {
                    let v = self.value(arg)?;
                    dtype = quote!(#p::DtypeArg::Of(#v));
                }
                Arg::Dim => written.push(arg),
                Arg::Dims => written.extend(elements(arg)),
                Arg::Bool => {
                    keepdim = quote_spanned!(arg.span()=> { let keep: ::core::primitive::bool = #arg; keep })
                }
                Arg::Rate => {
                    keepdim = quote_spanned!(arg.span()=> { let p: ::core::primitive::f64 = #arg; p > 0.0 })
                }
            }
        }
        let name = row.name;
        let spelled = spelling_tokens(spelling, p);
        if written.iter().any(|e| reads_size(e)) {
            let mut sizes = Vec::new();
            for e in written {
                sizes.push(self.size_arg(e)?);
            }
            return Some(
                quote!(#p::Step::OpSized { op: #p::op(#name), inputs: &[#(#inputs),*], dims: &[#(#sizes),*], keepdim: #keepdim, spelling: #spelled, dtype: #dtype }),
            );
        }
        dims.extend(written.into_iter().map(|e| dim(p, e)));
        Some(
            quote!(#p::Step::Op { op: #p::op(#name), inputs: &[#(#inputs),*], dims: &[#(#dims),*], keepdim: #keepdim, spelling: #spelled, dtype: #dtype }),
        )
    }

    /// A layer applied with weights that are values of `forward` (`F.conv2d(x, w, b,
    /// stride = 2)`, `x.linear(w)`): its arguments after the input by position, in
    /// PyTorch's order, or by keyword; sizes the weight gives are the analysis's.
    fn weighted(
        &mut self,
        name: &str,
        site: &syn::Ident,
        input: usize,
        args: &[&Expr],
    ) -> Option<TokenStream> {
        let p = self.p;
        let Some((f, def)) = WEIGHTED
            .iter()
            .find(|w| w.name == name)
            .and_then(|w| Some((w, crate::kinds::kind(w.kind)?)))
        else {
            self.unsupported(site);
            return None;
        };
        let (given, ok) = self.named_arguments(name, f.order, def, args.iter().copied());
        // A misspelt keyword is its own error, not also a missing `weight`.
        if !ok {
            return None;
        }
        let given: Vec<(String, &Expr)> = given
            .into_iter()
            .map(|(key, value, _)| (key, value))
            .collect();
        let mut ok = true;
        let tensor = |this: &mut Self, key: &str| -> Option<Option<usize>> {
            match given.iter().find(|(k, _)| k == key) {
                // `bias = None`, as Python writes an absent bias.
                Some((_, e)) if ident_of(e).is_some_and(|i| i == "None") => Some(None),
                Some((_, e)) => this.value(e).map(Some),
                None => Some(None),
            }
        };
        let weight = tensor(self, "weight")?;
        let bias = tensor(self, "bias")?;
        if weight.is_none() && !matches!(name, "layer_norm" | "group_norm") {
            self.cx
                .error_at(site, format!("`{name}` needs its `weight`"));
            ok = false;
        }
        for needed in ["normalized_shape", "num_groups"] {
            if f.order.contains(&needed) && !given.iter().any(|(k, _)| k == needed) {
                self.cx.error_at(site, format!("`{name}` needs `{needed}`"));
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        // The kind's other arguments; sizes the weight gives are placeholders here.
        let mut layer_args: Vec<crate::ast::Arg> = given
            .iter()
            .filter(|(k, _)| def.arg(k).is_some() && k != "bias")
            .map(|(k, v)| crate::ast::Arg {
                name: syn::Ident::new(k, v.span()),
                value: Some((*v).clone()),
            })
            .collect();
        for r in def.required() {
            if !layer_args.iter().any(|a| a.name == r.name) {
                layer_args.push(crate::ast::Arg {
                    name: syn::Ident::new(r.name, site.span()),
                    value: Some(syn::parse_quote!(1)),
                });
            }
        }
        let layer = crate::expand::layer_expr(def, site.span(), &layer_args, p);
        let some = |v: Option<usize>| match v {
            Some(v) => quote!(::core::option::Option::Some(#v)),
            None => quote!(::core::option::Option::None),
        };
        let (weight, bias) = (some(weight), some(bias));
        Some(
            quote!(#p::Step::Weighted { layer: &#layer, input: #input, weight: #weight, bias: #bias }),
        )
    }

    /// A function's arguments after its tensor, by position in `order` (PyTorch's, `_`
    /// for one that changes no count) or by keyword (PyTorch's names too): each named once
    /// with its value and span, a number where the kind takes one. Every mistake is
    /// reported, and the flag is `false` after one (the arguments given correctly are
    /// still returned, so that no follow-on error says one is missing).
    fn named_arguments<'e>(
        &self,
        what: &str,
        order: &[&str],
        def: &crate::kinds::KindDef,
        args: impl IntoIterator<Item = &'e Expr>,
    ) -> (Vec<(String, &'e Expr, proc_macro2::Span)>, bool) {
        let listed = || {
            order
                .iter()
                .filter(|k| **k != "_")
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut given: Vec<(String, &'e Expr, proc_macro2::Span)> = Vec::new();
        let mut position = 0;
        let mut ok = true;
        for arg in args {
            let (key, value): (String, &Expr) = match arg {
                Expr::Assign(a) => {
                    let written = ident_of(&a.left)
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    let key = crate::attr::PYTORCH_NAMES
                        .iter()
                        .find(|(torch, ours)| written == *torch && def.arg(ours).is_some())
                        .map_or(written.clone(), |(_, ours)| (*ours).to_string());
                    if key == "_" || (!order.contains(&key.as_str()) && def.arg(&key).is_none()) {
                        self.cx.error_at(
                            &a.left,
                            format!(
                                "`{what}` has no argument `{written}` (its arguments after the tensor: {})",
                                listed()
                            ),
                        );
                        ok = false;
                        continue;
                    }
                    (key, &a.right)
                }
                other => {
                    let Some(key) = order.get(position) else {
                        self.cx.error_at(
                            other,
                            format!(
                                "`{what}` takes at most {} arguments after the tensor",
                                order.len()
                            ),
                        );
                        ok = false;
                        continue;
                    };
                    position += 1;
                    ((*key).to_string(), other)
                }
            };
            if key == "_" {
                continue;
            }
            if given.iter().any(|(k, _, _)| *k == key) {
                self.cx.error_at(arg, format!("`{key}` is given twice"));
                ok = false;
                continue;
            }
            ok &= self.numeric_argument(def, &key, value);
            given.push((key, value, arg.span()));
        }
        (given, ok)
    }

    /// Whether argument `key` of a functional layer has a value of its kind: a string
    /// only where the kind takes one (`mode = "bilinear"`), not for a number
    /// (`padding = "same"` is reported here).
    fn numeric_argument(&self, def: &crate::kinds::KindDef, key: &str, value: &Expr) -> bool {
        let takes_text = def
            .arg(key)
            .is_some_and(|a| matches!(a.ty, ArgTy::Approximate | ArgTy::Mode | ArgTy::DropMode));
        if let Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) = value
            && !takes_text
        {
            self.cx.error_at(
                s,
                format!(
                    "`{key}` of `{}` is a number or a tuple of numbers (`{key} = 1`, `{key} = (1, 2)`); \"{}\" is not supported",
                    def.name,
                    s.value()
                ),
            );
            return false;
        }
        true
    }

    /// A layer kind applied functionally (`F.max_pool2d(x, kernel_size = 3, stride = 2)`):
    /// its arguments by position, in the kind's order (PyTorch's), or by keyword
    /// (PyTorch's names work too).
    fn functional_layer(
        &mut self,
        def: &'static crate::kinds::KindDef,
        input: usize,
        m: &syn::ExprMethodCall,
    ) -> Option<TokenStream> {
        let p = self.p;
        let order: Vec<&str> = def.args.iter().map(|a| a.name).collect();
        let (given, mut ok) = self.named_arguments(def.name, &order, def, m.args.iter());
        let mut args: Vec<crate::ast::Arg> = given
            .into_iter()
            .map(|(name, value, span)| crate::ast::Arg {
                name: syn::Ident::new(&name, span),
                value: Some(value.clone()),
            })
            .collect();
        if let Some(missing) = def
            .required()
            .find(|r| !args.iter().any(|a| a.name == r.name))
        {
            self.cx.error_at(
                &m.method,
                format!("`{}` needs `{}`", m.method, missing.name),
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        // `F.interpolate(x, size = y.shape[-2..])`: sizes read from values when it runs.
        let mut dynamic = None;
        if def.name == "upsample"
            && let Some(arg) = args.iter_mut().find(|a| a.name == "size")
            && let Some(value) = &arg.value
            && let Some(sizes) = self.sizes_of_values(value)
        {
            dynamic = Some(sizes?);
            arg.value = Some(syn::parse_quote!(1));
        }
        let layer = crate::expand::layer_expr(def, m.method.span(), &args, p);
        Some(match dynamic {
            Some(size) => {
                quote!(#p::Step::Resize { input: #input, layer: &#layer, size: &[#(#size),*] })
            }
            None => quote!(#p::Step::Layer { input: #input, layer: &#layer }),
        })
    }

    /// A size read from values (`y.shape[-2..]`, `(y.size(2), y.size(3))`,
    /// `(y.shape[2], 64)`): `None` when it reads none (a const size), else its sizes.
    fn sizes_of_values(&mut self, e: &Expr) -> Option<Option<Vec<TokenStream>>> {
        let p = self.p;
        // `y.shape[-2..]`: the last dimensions.
        if let Expr::Index(i) = e
            && let Expr::Field(f) = &*i.expr
            && matches!(&f.member, syn::Member::Named(n) if n == "shape")
            && let Expr::Range(r) = &*i.index
        {
            let from = r.start.as_deref().and_then(|s| match s {
                Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => match &*u.expr {
                    Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Int(n),
                        ..
                    }) => n.base10_parse::<i64>().ok().filter(|n| (1..=3).contains(n)),
                    _ => None,
                },
                _ => None,
            });
            let (Some(k), None) = (from, &r.end) else {
                self.cx.error_at(
                    &i.index,
                    "a size read from a tensor's last dimensions is written `y.shape[-2..]` (Python's `y.shape[-2:]`), one to three of them",
                );
                return Some(None);
            };
            let Some(v) = self.value(&f.base) else {
                return Some(None);
            };
            let sizes = (-k..0).map(|d| quote!(#p::SizeArg::Like(#v, #d))).collect();
            return Some(Some(sizes));
        }
        let parts = elements(e);
        if !parts.iter().any(|x| reads_size(x)) {
            return None;
        }
        let mut sizes = Vec::new();
        for x in parts {
            match self.size_arg(x) {
                Some(s) => sizes.push(s),
                None => return Some(None),
            }
        }
        Some(Some(sizes))
    }

    /// A new tensor of the sizes written (`torch.zeros((b, n))`, `x.new_ones(b, n)`): its
    /// step.
    fn new_tensor(&mut self, written: Vec<&Expr>) -> Option<TokenStream> {
        let p = self.p;
        let mut sizes = Vec::new();
        for e in written {
            sizes.push(self.size_arg(e)?);
        }
        Some(quote!(#p::Step::New { sizes: &[#(#sizes),*], dtype: #p::DtypeArg::Float32 }))
    }

    /// One size of a reshape: a number, or another value's `v.size(d)` / `v.shape[d]`.
    fn size_arg(&mut self, e: &Expr) -> Option<TokenStream> {
        let p = self.p;
        // `-v.size(d)`: a size read and negated (a slice from the end).
        let (negated, inner) = match e {
            Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) && reads_size(&u.expr) => {
                (true, &*u.expr)
            }
            other => (false, other),
        };
        if let Expr::MethodCall(m) = inner
            && m.method == "shape"
        {
            self.cx.error_at(
                &m.method,
                "`shape` is a property, as in Python: `x.shape` for every size, `x.shape[d]` (or `x.size(d)`) for one",
            );
            return None;
        }
        if let Expr::Index(i) = inner
            && matches!(&*i.index, Expr::Range(_))
        {
            self.cx.error_at(
                &i.index,
                "a range of a shape (`x.shape[1..]`) is read only by `interpolate`'s `size` (`size = x.shape[-2..]`); \
                 here write the sizes one by one (`x.size(1), x.size(2)`) or the whole shape (`x.shape`)",
            );
            return None;
        }
        if let Some(base) = whole_shape(inner) {
            if negated {
                self.cx.error_at(
                    e,
                    "a whole shape cannot be negated: negate one size, `-v.size(d)`",
                );
                return None;
            }
            let v = self.value(base)?;
            return Some(quote!(#p::SizeArg::All(#v)));
        }
        let like = match inner {
            Expr::MethodCall(m) if m.method == "size" && m.args.len() == 1 => {
                Some((&*m.receiver, &m.args[0]))
            }
            Expr::Index(i) => match &*i.expr {
                Expr::Field(f) if matches!(&f.member, syn::Member::Named(n) if n == "shape") => {
                    Some((&*f.base, &*i.index))
                }
                _ => None,
            },
            _ => None,
        };
        Some(match like {
            Some((v, d)) => {
                let v = self.value(v)?;
                let d = dim(p, d);
                if negated {
                    quote!(#p::SizeArg::MinusLike(#v, #d))
                } else {
                    quote!(#p::SizeArg::Like(#v, #d))
                }
            }
            None => {
                let d = dim(p, e);
                quote!(#p::SizeArg::Fixed(#d))
            }
        })
    }

    /// A method that is neither an operation of the table nor a view: the nearest name.
    fn unknown_method(&mut self, m: &syn::ExprMethodCall) -> Option<usize> {
        let method = m.method.unraw().to_string();
        if method == "update" {
            self.cx.error_at(
                &m.method,
                "a KV cache's `update` returns the keys and the values: `let (k, v) = past_key_values.update(k, v, layer_idx);`",
            );
            return None;
        }
        if method == "size" || method == "dim" {
            self.cx.error_at(
                &m.method,
                format!(
                    "`x.{method}(…)` is a size, read where a size is expected (`x.view(x.size(0), -1)`, \
                     `torch.arange(x.size(1))`, an operation's integer argument, a subscript's bound); \
                     it is not a value of `forward`: write it at its use"
                ),
            );
            return None;
        }
        let names = complexity_ops::OPS
            .iter()
            .map(|o| o.name)
            .chain(BUILT_IN_METHODS.iter().copied());
        let mut msg = format!("`{method}` is not an operation of `forward`");
        if let Some(c) = closest(&method, names) {
            msg += &format!("; did you mean `{c}`?");
        }
        msg += " (the operations are listed in the crate docs, \"Operations\")";
        self.cx.error_at(&m.method, msg);
        None
    }

    fn unsupported(&mut self, expr: &impl ToTokens) -> Option<usize> {
        self.cx.error_at(
            expr,
            "unsupported in `forward`: write field calls `conv1(x)`, `a + b` (also `-`, `*`, `/`, `&`, `|`, `<`, `<=`, `==`, …), methods such as \
             `x.flatten(1)`, `x.transpose(1, 2)`, `matmul(a, b)`, `cat([a, b], 1)`, `let` bindings and `if` on a const",
        );
        None
    }
}

/// A size: one number, or a tuple of up to three.
pub fn size(p: &TokenStream, expr: &Expr) -> TokenStream {
    let parts = match expr {
        Expr::Tuple(t) => t.elems.len(),
        Expr::Array(a) => a.elems.len(),
        _ => 1,
    };
    if !(1..=3).contains(&parts) {
        let msg = format!(
            "a size is one number or a tuple of one to three (one per spatial dimension), got {parts}"
        );
        return quote_spanned!(expr.span()=> ::core::compile_error!(#msg));
    }
    match expr {
        Expr::Tuple(t) => {
            let parts = t.elems.iter();
            quote_spanned!(expr.span()=> #p::size(&[#(#parts),*]))
        }
        Expr::Array(a) => {
            let parts = a.elems.iter();
            quote_spanned!(expr.span()=> #p::size(&[#(#parts),*]))
        }
        other => quote_spanned!(other.span()=> #p::square(#other)),
    }
}

/// The operator of a compound assignment (`+=` → `+`), if `op` is one `forward` takes.
fn compound(op: &BinOp) -> Option<TokenStream> {
    match op {
        BinOp::AddAssign(_) => Some(quote!(+)),
        BinOp::SubAssign(_) => Some(quote!(-)),
        BinOp::MulAssign(_) => Some(quote!(*)),
        BinOp::DivAssign(_) => Some(quote!(/)),
        _ => None,
    }
}
