//! Parsing `#[complexity(...)]` attributes into the AST.
//!
//! Errors are recorded in the [`Ctxt`] and parsing goes on, so that every mistake of one
//! derive is reported at once.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Ident, LitStr, Path, Token};

use crate::ast::{Arg, ContainerAttrs, FieldAttrs, InputShape, LayerSpec, Naming, Role};
use crate::ctxt::Ctxt;
use crate::kinds::{self, KINDS, closest};

const CONTAINER_KEYS: &[&str] = &[
    "crate",
    "class",
    "extra_repr",
    "prefix",
    "start",
    "forward",
    "input",
    "inputs",
    "max_params",
    "max_flops",
    "max_activations",
    "max_peak_elements",
    "max_train_bytes",
    "max_inference_bytes",
    "budget_mode",
    "sequential",
    "fragment",
];

/// The budget keys and the type of each.
pub const BUDGET_KEYS: &[(&str, &str)] = &[
    ("max_params", "::core::primitive::u64"),
    ("max_flops", "::core::primitive::u128"),
    ("max_activations", "::core::primitive::u64"),
    ("max_peak_elements", "::core::primitive::u128"),
    // `KRATE` is the path to `complexity_core`.
    (
        "max_train_bytes",
        "(::core::primitive::u128, KRATE::memory::Training)",
    ),
    (
        "max_inference_bytes",
        "(::core::primitive::u128, KRATE::memory::Inference)",
    ),
];

/// The budget keys checked on both modes' figures (memory).
pub const MEMORY_BUDGET_KEYS: &[&str] = &["max_train_bytes", "max_inference_bytes"];
const FIELD_KEYS: &[&str] = &[
    "skip",
    "when",
    "sequential",
    "parameter",
    "buffer",
    "class",
    "rename",
    "extra_repr",
    "prefix",
    "splice",
    "uncalled",
    "tied",
    "frozen",
];

fn is_ours(attr: &Attribute) -> bool {
    attr.path().is_ident("complexity")
}

fn key_of(path: &Path) -> String {
    path.to_token_stream().to_string().replace(' ', "")
}

/// Consumes whatever follows an unrecognised key, so parsing can go on after it.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>()?;
    }
    Ok(())
}

/// `unknown {what} `key`{context}; did you mean …? expected one of: …`.
fn unknown(cx: &Ctxt, path: &Path, what: &str, context: &str, candidates: &[&str]) {
    let key = key_of(path);
    let mut msg = format!("unknown {what} `{key}`{context}");
    if let Some(c) = closest(&key, candidates.iter().copied()) {
        msg += &format!("; did you mean `{c}`?");
    }
    msg += &format!("\nexpected one of: {}", candidates.join(", "));
    cx.error_at(path, msg);
}

fn set_once<T>(cx: &Ctxt, slot: &mut Option<T>, value: T, path: &Path) {
    if slot.is_some() {
        cx.error_at(path, format!("duplicate `{}`", key_of(path)));
    } else {
        *slot = Some(value);
    }
}

/// Checks `tied = "shared"`: a path of module names, on a layer (a parameter or a
/// skipped field is reported with the other options that have no meaning there).
fn tied_path(cx: &Ctxt, tied: &LitStr, role: &Role) {
    let path = tied.value();
    if path.is_empty()
        || path
            .split('.')
            .any(|n| n.is_empty() || n.chars().any(char::is_whitespace))
    {
        cx.error_at(
            tied,
            format!(
                "`tied` names the module whose parameters these are, by its path from the model \
                 (`tied = \"shared\"`, `tied = \"model.embed_tokens\"`); `{path}` is not a path of module names"
            ),
        );
    } else if matches!(
        role,
        Role::Nested | Role::Layer(LayerSpec::Sequential { .. })
    ) {
        cx.error_at(
            tied,
            "`tied` shares one layer's parameters with another module (an embedding, a linear); \
             for a whole block used twice, call one field twice in `forward`",
        );
    }
}

/// The value of `class = …` / `extra_repr = …`: a string literal or any const `&str`
/// expression (`Self::REPR`, a [`Repr`] built from const generics); a literal of another
/// kind is reported here rather than as a type error.
///
/// [`Repr`]: https://docs.rs/complexity-core/latest/complexity_core/struct.Repr.html
fn text(cx: &Ctxt, meta: &ParseNestedMeta, key: &str) -> syn::Result<Expr> {
    let expr: Expr = meta.value()?.parse()?;
    if let Expr::Lit(syn::ExprLit { lit, .. }) = &expr
        && !matches!(lit, syn::Lit::Str(_))
    {
        cx.error_at(
            lit,
            format!("`{key}` is text: a string literal (`{key} = \"…\"`) or a const `&str` expression (`{key} = Self::REPR`)"),
        );
    }
    Ok(expr)
}

/// The struct's attributes.
pub fn container(cx: &Ctxt, attrs: &[Attribute]) -> ContainerAttrs {
    let mut out = ContainerAttrs::default();
    for attr in attrs.iter().filter(|a| is_ours(a)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let value = meta.value()?;
                let path = if value.peek(LitStr) {
                    value.parse::<LitStr>()?.parse::<Path>()?
                } else {
                    Path::parse_mod_style(value)?
                };
                set_once(cx, &mut out.krate, path, &meta.path);
            } else if meta.path.is_ident("class") {
                let expr = text(cx, &meta, "class")?;
                set_once(cx, &mut out.class, expr, &meta.path);
            } else if meta.path.is_ident("extra_repr") {
                let expr = text(cx, &meta, "extra_repr")?;
                set_once(cx, &mut out.extra_repr, expr, &meta.path);
            } else if meta.path.is_ident("prefix") {
                let lit: LitStr = meta.value()?.parse()?;
                set_once(cx, &mut out.prefix, lit, &meta.path);
            } else if meta.path.is_ident("start") {
                let expr: Expr = meta.value()?.parse()?;
                set_once(cx, &mut out.start, expr, &meta.path);
            } else if meta.path.is_ident("forward") {
                out.forward_written = true;
                let expr = forward_expr(meta.value()?)?;
                set_once(cx, &mut out.forward, expr, &meta.path);
            } else if let Some(key) = BUDGET_KEYS.iter().map(|(k, _)| *k).find(|k| meta.path.is_ident(k)) {
                let expr: Expr = meta.value()?.parse()?;
                let ident = meta.path.get_ident().cloned().expect("an ident");
                if out.budget.iter().any(|(k, _)| k == key) {
                    cx.error_at(&meta.path, format!("duplicate `{key}`"));
                } else {
                    out.budget.push((ident, expr));
                }
            } else if meta.path.is_ident("budget_mode") {
                let lit: LitStr = meta.value()?.parse()?;
                if lit.value() != "train" && lit.value() != "eval" {
                    cx.error_at(&lit, "`budget_mode` is \"train\" (the default, mmengine's) or \"eval\"");
                }
                set_once(cx, &mut out.budget_eval, lit, &meta.path);
            } else if meta.path.is_ident("inputs") {
                let expr: Expr = meta.value()?.parse()?;
                let names: Vec<&Expr> = match &expr {
                    Expr::Tuple(t) => t.elems.iter().collect(),
                    Expr::Paren(p) => vec![&*p.expr],
                    other => vec![other],
                };
                let idents: Vec<Ident> = names.iter().filter_map(|e| ident_of(e).cloned()).collect();
                if idents.len() != names.len() || idents.len() > 4 {
                    cx.error_at(&expr, "`inputs` names `forward`'s inputs, up to four (`inputs = (hidden_states, input_tensor)`), or none: `inputs = ()`");
                }
                // `inputs = ()`: a module called with no tensor (a position bias table).
                if !idents.is_empty() || names.is_empty() {
                    // Kept even when wrong, so that `forward` reports nothing more about them.
                    set_once(cx, &mut out.inputs, idents, &meta.path);
                }
            } else if meta.path.is_ident("sequential") || meta.path.is_ident("fragment") {
                let naming = if meta.path.is_ident("sequential") { Naming::Positions } else { Naming::Fragment };
                let ident = meta.path.get_ident().cloned().expect("an ident");
                if meta.input.peek(syn::token::Paren) || meta.input.peek(Token![=]) {
                    cx.error_at(&meta.path, format!("`{ident}` on a struct takes no arguments"));
                    skip_value(&meta)?;
                }
                match &out.naming {
                    Some((_, other)) if *other != ident => cx.error_at(
                        &meta.path,
                        format!("`{other}` and `{ident}` exclude each other: a struct is one or the other"),
                    ),
                    _ => set_once(cx, &mut out.naming, (naming, ident), &meta.path),
                }
            } else if meta.path.is_ident("input") {
                let expr: Expr = meta.value()?.parse()?;
                if let Some(shape) = input_shape(cx, &meta.path, expr) {
                    set_once(cx, &mut out.input, shape, &meta.path);
                }
            } else {
                let field_level = kinds::kind(&key_of(&meta.path)).is_some()
                    || FIELD_KEYS.contains(&key_of(&meta.path).as_str());
                if field_level {
                    cx.error_at(
                        &meta.path,
                        format!(
                            "`{}` goes on a field, not on the struct",
                            key_of(&meta.path)
                        ),
                    );
                } else {
                    unknown(cx, &meta.path, "struct attribute", "", CONTAINER_KEYS);
                }
                skip_value(&meta)?;
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.push(e);
        }
    }
    out
}

fn input_shape(cx: &Ctxt, key: &Path, expr: Expr) -> Option<InputShape> {
    let span = key.span().join(expr.span()).unwrap_or_else(|| expr.span());
    let (dims, batch_of_one) = match expr {
        Expr::Tuple(t) => (t.elems.into_iter().collect::<Vec<_>>(), true),
        Expr::Paren(p) => (vec![*p.expr], true),
        Expr::Array(a) => (a.elems.into_iter().collect(), false),
        other => {
            cx.error_at(
                &other,
                "`input` takes mmengine's input_shape as a tuple, `input = (3, 224, 224)` (a batch of 1 is prepended), \
                 or a full shape as an array, `input = [1, 3, 224, 224]`",
            );
            return None;
        }
    };
    let max = if batch_of_one { 7 } else { 8 };
    if dims.is_empty() {
        cx.push(syn::Error::new(
            span,
            "`input` is empty: give the input's shape, `input = (3, 224, 224)` (a batch of 1 is \
             prepended) or `input = [1, 3, 224, 224]`",
        ));
        return None;
    }
    if dims.len() > max {
        cx.push(syn::Error::new(
            span,
            format!(
                "`input` has {} dimensions; a shape has 1 to 8, batch included",
                dims.len() + usize::from(batch_of_one)
            ),
        ));
        return None;
    }
    // A literal 0 would make every later size 0: caught here, at the literal.
    for d in &dims {
        if matches!(d, Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) if i.base10_digits() == "0")
        {
            cx.error_at(
                d,
                "an input dimension of 0 holds nothing: every size of `input` is at least 1",
            );
            return None;
        }
    }
    Some(InputShape {
        dims,
        batch_of_one,
        span,
    })
}

/// A field's attributes: its role and options.
pub fn field(cx: &Ctxt, field: &syn::Field) -> (Role, FieldAttrs) {
    let mut role: Option<(Role, Path)> = None;
    let mut attrs = FieldAttrs::default();
    for attr in field.attrs.iter().filter(|a| is_ours(a)) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("when") {
                let expr: Expr = meta.value()?.parse()?;
                set_once(cx, &mut attrs.when, expr, &meta.path);
                return Ok(());
            }
            for (key, slot) in [("class", &mut attrs.class), ("extra_repr", &mut attrs.extra_repr)] {
                if meta.path.is_ident(key) {
                    let expr = text(cx, &meta, key)?;
                    set_once(cx, slot, expr, &meta.path);
                    return Ok(());
                }
            }
            for (key, slot) in [
                ("rename", &mut attrs.rename),
                ("prefix", &mut attrs.prefix),
                ("tied", &mut attrs.tied),
            ] {
                if meta.path.is_ident(key) {
                    let lit: LitStr = meta.value()?.parse()?;
                    set_once(cx, slot, lit, &meta.path);
                    return Ok(());
                }
            }
            for (key, slot) in [
                ("splice", &mut attrs.splice),
                ("uncalled", &mut attrs.uncalled),
                ("frozen", &mut attrs.frozen),
            ] {
                if meta.path.is_ident(key) {
                    let ident = meta.path.get_ident().cloned().expect("an ident");
                    set_once(cx, slot, ident, &meta.path);
                    return Ok(());
                }
            }
            let new_role = if meta.path.is_ident("skip") {
                Some(Role::Skip)
            } else if meta.path.is_ident("parameter") {
                parameter(cx, &meta, None)?.map(Role::Param)
            } else if meta.path.is_ident("buffer") {
                attrs.buffer = meta.path.get_ident().cloned();
                parameter(cx, &meta, Some(&mut attrs.persistent))?.map(Role::Param)
            } else if ["crate", "forward", "input", "fragment"].iter().any(|k| meta.path.is_ident(k)) {
                cx.error_at(&meta.path, format!("`{}` goes on the struct, not on a field", key_of(&meta.path)));
                skip_value(&meta)?;
                None
            } else {
                layer_spec(cx, &meta, false)?.map(Role::Layer)
            };
            if let Some(r) = new_role {
                if let Some((_, first)) = &role {
                    let first = key_of(first);
                    cx.error_at(
                        &meta.path,
                        format!(
                            "a field is one layer kind, `parameter` or `skip`; this one is already `{first}` \
                             (use `sequential(...)` for several layers)"
                        ),
                    );
                } else {
                    role = Some((r, meta.path.clone()));
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            cx.push(e);
        }
    }
    let role = role.map(|(r, _)| r).unwrap_or(Role::Nested);
    if let Role::Layer(spec) = &role
        && !matches!(spec, crate::ast::LayerSpec::Sequential { .. })
    {
        if let Some(prefix) = &attrs.prefix {
            cx.error_at(
                prefix,
                "`prefix` names the elements of a sequence (`sequential(…)`, an array, a tuple); a layer has none",
            );
        }
        if let Some(splice) = &attrs.splice {
            cx.error_at(
                splice,
                "`splice` puts a sequence's elements at positions of the `sequential` struct; a layer is one position already",
            );
        }
    }
    if let Some(tied) = &attrs.tied {
        tied_path(cx, tied, &role);
    }
    if let Some(when) = &attrs.when
        && quote::quote!(#when)
            .into_iter()
            .any(|t| matches!(&t, proc_macro2::TokenTree::Ident(i) if i == "self"))
    {
        cx.error_at(
            when,
            "`when` is a const condition (const generics, constants): whether the module exists is fixed by the type, not by a field's value",
        );
    }
    if matches!(role, Role::Skip | Role::Param(_)) {
        let what = if matches!(role, Role::Skip) {
            "a skipped field is not part of the model"
        } else if attrs.buffer.is_some() {
            "a buffer is not a module"
        } else {
            "a parameter is not a module"
        };
        for (key, tokens) in [
            ("when", attrs.when.as_ref().map(|e| quote::quote!(#e))),
            ("class", attrs.class.as_ref().map(|e| quote::quote!(#e))),
            ("rename", attrs.rename.as_ref().map(|e| quote::quote!(#e))),
            (
                "extra_repr",
                attrs.extra_repr.as_ref().map(|e| quote::quote!(#e)),
            ),
            ("prefix", attrs.prefix.as_ref().map(|e| quote::quote!(#e))),
            ("tied", attrs.tied.as_ref().map(|e| quote::quote!(#e))),
            ("splice", attrs.splice.as_ref().map(|e| quote::quote!(#e))),
            (
                "uncalled",
                attrs.uncalled.as_ref().map(|e| quote::quote!(#e)),
            ),
            ("frozen", attrs.frozen.as_ref().map(|e| quote::quote!(#e))),
        ] {
            if let Some(t) = tokens {
                cx.error_at(t, format!("{what}; `{key}` has no meaning on it"));
            }
        }
    }
    (role, attrs)
}

/// `parameter(shape = (1, 1, 768))`.
fn parameter(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    persistent: Option<&mut Option<syn::LitBool>>,
) -> syn::Result<Option<Expr>> {
    let mut shape = None;
    let mut misspelled = false;
    let buffer = persistent.is_some();
    let mut persistent = persistent;
    if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|arg| {
            if arg.path.is_ident("shape") {
                let expr: Expr = arg.value()?.parse()?;
                set_once(cx, &mut shape, expr, &arg.path);
            } else if let (true, Some(slot)) =
                (arg.path.is_ident("persistent"), persistent.as_deref_mut())
            {
                let flag: syn::LitBool = arg.value()?.parse()?;
                set_once(cx, slot, flag, &arg.path);
            } else if buffer {
                unknown(
                    cx,
                    &arg.path,
                    "argument",
                    " of `buffer`",
                    &["shape", "persistent"],
                );
                misspelled = true;
                skip_value(&arg)?;
            } else {
                unknown(cx, &arg.path, "argument", " of `parameter`", &["shape"]);
                misspelled = true;
                skip_value(&arg)?;
            }
            Ok(())
        })?;
    }
    match &shape {
        // A misspelled `shape` was reported already.
        None if misspelled => {}
        None => cx.error_at(&meta.path, "`parameter` is missing the required argument `shape`, e.g. `parameter(shape = (1, 1, 768))`"),
        Some(expr) => {
            let dims = crate::forward::elements(expr);
            if dims.len() > 8 {
                cx.error_at(expr, format!("a shape has at most 8 dimensions, this one {}", dims.len()));
            }
            for d in dims {
                if matches!(d, Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) if i.base10_digits() == "0") {
                    cx.error_at(d, "a parameter dimension of 0 holds nothing: its sizes are at least 1");
                }
            }
        }
    }
    // A parameter even when its arguments are wrong, so that `forward` does not add errors
    // about using it.
    Ok(Some(shape.unwrap_or_else(|| syn::parse_quote!((1,)))))
}

/// `conv2d(out = 64, kernel = 3)`, `relu`, or `sequential(conv2d(...), batch_norm2d)`.
fn layer_spec(
    cx: &Ctxt,
    meta: &ParseNestedMeta,
    in_sequence: bool,
) -> syn::Result<Option<LayerSpec>> {
    let key = key_of(&meta.path);
    let Some(name) = meta.path.get_ident().cloned() else {
        unknown_field_key(cx, &meta.path, in_sequence);
        skip_value(meta)?;
        return Ok(None);
    };
    if key == "sequential" {
        let mut items = Vec::new();
        let empty = meta.input.peek(syn::token::Paren)
            && meta
                .input
                .fork()
                .parse::<proc_macro2::Group>()
                .is_ok_and(|g| g.stream().is_empty());
        if empty {
            meta.input.parse::<proc_macro2::Group>()?;
        } else if meta.input.peek(syn::token::Paren) {
            meta.parse_nested_meta(|inner| {
                if let Some(item) = layer_spec(cx, &inner, true)? {
                    items.push(item);
                }
                Ok(())
            })?;
        }
        // `sequential()`: an empty `nn.Sequential()`, which returns its input.
        return Ok(Some(LayerSpec::Sequential { items }));
    }
    let Some(def) = kinds::kind(&key) else {
        unknown_field_key(cx, &meta.path, in_sequence);
        skip_value(meta)?;
        return Ok(None);
    };
    let mut args: Vec<Arg> = Vec::new();
    let mut class: Option<Box<Expr>> = None;
    let mut extra_repr: Option<Box<Expr>> = None;
    // Required arguments an unknown argument was taken for: they are not reported missing.
    let mut suggested: Vec<&str> = Vec::new();
    if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|arg| {
            // PyTorch's own names are accepted too: `kernel_size` for `kernel`, …
            let written = key_of(&arg.path);
            let arg_key = PYTORCH_NAMES
                .iter()
                .find(|(torch, ours)| written == *torch && def.arg(ours).is_some())
                .map_or(written.clone(), |(_, ours)| (*ours).to_string());
            let known = def.arg(&arg_key);
            let value = if arg.input.peek(Token![=]) {
                Some(arg.value()?.parse::<Expr>()?)
            } else {
                skip_value(&arg)?;
                None
            };
            // An element of `sequential(…)` names its own class and `extra_repr` here.
            if in_sequence && (written == "class" || written == "extra_repr") && known.is_none() {
                let slot = if written == "class" {
                    &mut class
                } else {
                    &mut extra_repr
                };
                match value {
                    Some(v) => set_once(cx, slot, Box::new(v), &arg.path),
                    None => cx.error_at(
                        &arg.path,
                        format!("`{written}` needs a value: `{written} = \"…\"`"),
                    ),
                }
                return Ok(());
            }
            match known {
                None if def.args.is_empty() => {
                    cx.error_at(&arg.path, format!("`{}` takes no arguments", def.name));
                }
                None => {
                    let names: Vec<&str> = def.args.iter().map(|a| a.name).collect();
                    unknown(
                        cx,
                        &arg.path,
                        "argument",
                        &format!(" of `{}`", def.name),
                        &names,
                    );
                    suggested.extend(closest(&arg_key, names.iter().copied()));
                }
                Some(_) if args.iter().any(|a| a.name == arg_key) => {
                    cx.error_at(
                        &arg.path,
                        format!("duplicate argument `{arg_key}` of `{}`", def.name),
                    );
                }
                Some(a) => {
                    if value.is_none() && a.ty != kinds::ArgTy::Bool {
                        cx.error_at(
                            &arg.path,
                            format!("`{written}` needs a value: `{written} = …`"),
                        );
                        // Reported as valueless, so not also as missing.
                        suggested.push(a.name);
                    } else if let Some(ident) = arg.path.get_ident() {
                        args.push(Arg {
                            name: Ident::new(&arg_key, ident.span()),
                            value,
                        });
                    }
                }
            }
            Ok(())
        })?;
    } else if meta.input.peek(Token![=]) {
        return Err(meta.error(format!(
            "`{key}` takes its arguments in parentheses: `{key}(…)`"
        )));
    }
    let missing: Vec<&str> = def
        .required()
        .filter(|r| !args.iter().any(|a| a.name == r.name) && !suggested.contains(&r.name))
        .map(|r| r.name)
        .collect();
    if !missing.is_empty() {
        let list = missing
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        let s = if missing.len() > 1 { "s" } else { "" };
        cx.error_at(
            &meta.path,
            format!("`{}` is missing the required argument{s} {list}", def.name),
        );
    }
    Ok(Some(LayerSpec::Kind {
        def,
        name,
        args,
        class,
        extra_repr,
    }))
}

/// PyTorch's argument names, accepted for ours: `conv2d(in_channels = 3, out_channels = 64,
/// kernel_size = 7)` reads as `conv2d(in = 3, out = 64, kernel = 7)`.
pub const PYTORCH_NAMES: &[(&str, &str)] = &[
    ("in_channels", "in"),
    ("out_channels", "out"),
    ("kernel_size", "kernel"),
    ("in_features", "in"),
    ("out_features", "out"),
];

/// An unknown key on a field: the closest layer kind or option, and both lists. Inside
/// `sequential(…)` only layer kinds go, so only they are suggested.
fn unknown_field_key(cx: &Ctxt, path: &Path, in_sequence: bool) {
    let key = key_of(path);
    let kinds: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
    if in_sequence {
        let mut msg = if FIELD_KEYS.contains(&key.as_str()) {
            format!(
                "`{key}` is a field option, not a layer kind: inside `sequential(…)` go layer kinds only"
            )
        } else {
            format!("unknown layer kind `{key}` in `sequential(…)`")
        };
        if let Some(c) = closest(&key, kinds.iter().copied()).filter(|c| *c != key) {
            msg += &format!("; did you mean `{c}`?");
        }
        msg += &format!("\nlayer kinds: {}", kinds.join(", "));
        cx.error_at(path, msg);
        return;
    }
    let mut msg = format!("unknown layer kind or field option `{key}`");
    if let Some(c) = closest(&key, kinds.iter().chain(FIELD_KEYS).copied()) {
        msg += &format!("; did you mean `{c}`?");
    }
    msg += &format!(
        "\nlayer kinds: {}\noptions: {}",
        kinds.join(", "),
        FIELD_KEYS.join(", ")
    );
    cx.error_at(path, msg);
}

/// Reads `forward` expressions' identifiers as names.
pub fn ident_of(expr: &Expr) -> Option<&Ident> {
    match expr {
        Expr::Path(p) if p.qself.is_none() && p.attrs.is_empty() => p.path.get_ident(),
        _ => None,
    }
}

/// `forward`'s expression: its tokens up to the next `,`, with PyTorch names that are
/// Rust keywords (`torch.where`, `x.type(dtype)`) made raw identifiers so they parse; the
/// compiler reads them unraw.
fn forward_expr(input: syn::parse::ParseStream) -> syn::Result<Expr> {
    use proc_macro2::{Group, Ident, TokenStream, TokenTree};
    // One pass over the tokens: `where` and `type` made raw, Python's `a @ b`, which Rust has no
    // operator for, an error at the `@`, and Python's subscripts that Rust cannot parse
    // (`x[:, None]`, `x[..., 0::2]`, `x[:, -1]`) made a `.__getitem__(…)` call.
    fn prepare(tokens: TokenStream) -> syn::Result<TokenStream> {
        let mut out: Vec<TokenTree> = Vec::new();
        for t in tokens {
            let after_value = matches!(
                out.last(),
                Some(TokenTree::Ident(_) | TokenTree::Group(_) | TokenTree::Literal(_))
            );
            match t {
                TokenTree::Ident(i) if i == "where" || i == "type" => {
                    let name = i.to_string();
                    out.push(TokenTree::Ident(Ident::new_raw(&name, i.span())));
                }
                TokenTree::Punct(p) if p.as_char() == '@' => {
                    return Err(syn::Error::new(
                        p.span(),
                        "Python's `a @ b` is written `matmul(a, b)` (or `a.matmul(b)`) in `forward`",
                    ));
                }
                TokenTree::Group(g)
                    if g.delimiter() == proc_macro2::Delimiter::Bracket
                        && after_value
                        && python_subscript(&g.stream()) =>
                {
                    let span = g.span();
                    let mut dot = proc_macro2::Punct::new('.', proc_macro2::Spacing::Alone);
                    dot.set_span(span);
                    out.push(TokenTree::Punct(dot));
                    out.push(TokenTree::Ident(Ident::new("__getitem__", span)));
                    let mut args = Group::new(
                        proc_macro2::Delimiter::Parenthesis,
                        subscript_items(prepare(g.stream())?, span),
                    );
                    args.set_span(span);
                    out.push(TokenTree::Group(args));
                }
                TokenTree::Group(g) => {
                    let mut group = Group::new(g.delimiter(), prepare(g.stream())?);
                    group.set_span(g.span());
                    out.push(TokenTree::Group(group));
                }
                other => out.push(other),
            }
        }
        Ok(out.into_iter().collect())
    }
    /// Whether a subscript's tokens are Python's, not Rust's: several items, a `:`, `...`
    /// or `None`.
    fn python_subscript(tokens: &TokenStream) -> bool {
        let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
        let dot = |t: &TokenTree| matches!(t, TokenTree::Punct(p) if p.as_char() == '.');
        tokens.iter().any(|t| match t {
            TokenTree::Punct(p) => matches!(p.as_char(), ',' | ':'),
            TokenTree::Ident(i) => i == "None",
            _ => false,
        }) || tokens.windows(3).any(|w| w.iter().all(dot))
    }
    /// `tokens` cut at every `sep` punctuation (the pieces between, empty ones included).
    fn split_at(tokens: impl IntoIterator<Item = TokenTree>, sep: char) -> Vec<Vec<TokenTree>> {
        let mut pieces = vec![Vec::new()];
        for t in tokens {
            if matches!(&t, TokenTree::Punct(p) if p.as_char() == sep) {
                pieces.push(Vec::new());
            } else if let Some(last) = pieces.last_mut() {
                last.push(t);
            }
        }
        pieces
    }
    /// `pieces` joined by commas.
    fn join_commas(pieces: impl IntoIterator<Item = Vec<TokenTree>>) -> Vec<TokenTree> {
        let mut out = Vec::new();
        for (k, piece) in pieces.into_iter().enumerate() {
            if k > 0 {
                out.push(TokenTree::Punct(proc_macro2::Punct::new(
                    ',',
                    proc_macro2::Spacing::Alone,
                )));
            }
            out.extend(piece);
        }
        out
    }
    /// A subscript's items as arguments: `...` → `__ellipsis`, `None` → `__new_axis`,
    /// `a:b:c` → `__slice(a, b, c)` with `__none` for a part left out, an index as is.
    fn subscript_items(tokens: TokenStream, span: proc_macro2::Span) -> TokenStream {
        let ident = |name: &str| TokenTree::Ident(Ident::new(name, span));
        let items = split_at(tokens, ',').into_iter().map(|item| {
            let text = item.iter().map(ToString::to_string).collect::<String>();
            if text == "..." {
                vec![ident("__ellipsis")]
            } else if text == "None" {
                vec![ident("__new_axis")]
            } else if item
                .iter()
                .any(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ':'))
            {
                let parts = split_at(item, ':').into_iter().map(|part| {
                    if part.is_empty() {
                        vec![ident("__none")]
                    } else {
                        part
                    }
                });
                let mut g = Group::new(
                    proc_macro2::Delimiter::Parenthesis,
                    join_commas(parts).into_iter().collect(),
                );
                g.set_span(span);
                vec![ident("__slice"), TokenTree::Group(g)]
            } else {
                item
            }
        });
        join_commas(items).into_iter().collect()
    }
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(syn::Token![,]) {
        tokens.extend([input.parse::<TokenTree>()?]);
    }
    if tokens.is_empty() {
        return Err(input.error("expected an expression after `forward =`"));
    }
    syn::parse2(prepare(tokens)?)
}
