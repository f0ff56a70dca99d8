//! Checks of the parsed input that need the whole struct.

use syn::Expr;

use crate::ast::{Input, LayerSpec, Naming, Role};
use crate::ctxt::Ctxt;
use crate::kinds::ArgTy;

pub fn check(cx: &Ctxt, input: &Input) {
    if let (Some(shape), Some(param)) = (&input.attrs.input, input.generics.params.first()) {
        cx.push(syn::Error::new(
            shape.span,
            format!(
                "`input` makes the analysis run at compile time, which needs a concrete model; `{}` is generic \
                 (over `{}`): describe a concrete type, use `assert_complexity!` at concrete parameters, or \
                 analyse an instantiation at run time with `Report::of`",
                input.ident,
                param_name(param)
            ),
        ));
    }
    if let (Some(shape), Some(names)) = (&input.attrs.input, &input.attrs.inputs)
        && names.len() != 1
    {
        cx.push(syn::Error::new(
            shape.span,
            format!(
                "`input` is the one tensor a model is analysed on, and `inputs` names {} for its `forward`: \
                 analyse a model of one input, and call this module from it",
                names.len()
            ),
        ));
    }
    // `prefix` and `start` number a `sequential` struct's children; elsewhere they would
    // change nothing.
    if !matches!(input.attrs.naming, Some((Naming::Positions, _))) {
        if let Some(prefix) = &input.attrs.prefix {
            cx.error_at(prefix, "`prefix` names the children of a `sequential` struct (`#[complexity(sequential, prefix = \"denselayer\")]`); this struct names them by field");
        }
        if let Some(start) = &input.attrs.start {
            cx.error_at(start, "`start` numbers the children of a `sequential` struct (`#[complexity(sequential, start = 1)]`); this struct names them by field");
        }
    }
    if let Some(Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(s),
        ..
    })) = &input.attrs.class
        && s.value().is_empty()
    {
        cx.error_at(
            s,
            "a class name cannot be empty: PyTorch prints it before `(`",
        );
    }
    if let (Some(mode), true) = (&input.attrs.budget_eval, input.attrs.budget.is_empty()) {
        cx.error_at(
            mode,
            "`budget_mode` says which figures the budgets check, and there is no budget: add `max_flops = …` (or another `max_…`), or remove it",
        );
    }
    if let (None, Some((key, _))) = (&input.attrs.input, input.attrs.budget.first()) {
        cx.error_at(
            key,
            format!("`{key}` is checked at a concrete input: add `input = (…)`, or use `assert_complexity!` for a generic model"),
        );
    }
    // After an attribute that failed to parse (a `forward` with a syntax error), its absence
    // is no mistake of its own.
    if cx.has_errors() {
    } else if input.fields.is_empty() && input.attrs.forward.is_none() {
        cx.error_at(
            input.ident,
            format!(
                "`{}` has no fields and no `forward`: a model is made of modules, one field each \
                 (a module with none, like `nn.Identity` or a rotary embedding, says what it computes \
                 with `#[complexity(forward = …)]`)",
                input.ident
            ),
        );
    }
    // A module with only its own parameters (RMSNorm), or none (Permute), says what it
    // does with them in its `forward`.
    else if input.attrs.forward.is_none()
        && !input
            .fields
            .iter()
            .any(|f| matches!(f.role, Role::Layer(_) | Role::Nested))
    {
        cx.error_at(
            input.ident,
            format!(
                "`{}` has no modules and no `forward`: every field is skipped or a parameter; \
                 write what it computes with `#[complexity(forward = …)]`",
                input.ident
            ),
        );
    }
    match &input.attrs.naming {
        // A `sequential` struct with a `forward` (an `nn.Sequential` subclass overriding
        // it) is checked as any struct with one; a fragment is no module and runs as placed.
        Some((Naming::Positions, _)) if input.attrs.forward.is_some() => {}
        Some((naming, _)) => {
            let fragment = *naming == Naming::Fragment;
            let runs = if fragment {
                "a `fragment` runs its fields in order, where the `sequential` struct holding it places them"
            } else {
                "a `sequential` struct without a `forward` runs its fields in order"
            };
            if let Some(forward) = &input.attrs.forward {
                cx.error_at(forward, format!("{runs}; it takes no `forward`"));
            }
            if let Some(names) = &input.attrs.inputs {
                let site = names.first().unwrap_or(input.ident);
                cx.error_at(
                    site,
                    format!("{runs}, so it takes one input (give it a `forward` that uses these)"),
                );
            }
            for field in &input.fields {
                if let Role::Param(shape) = &field.role {
                    cx.error_at(
                        shape,
                        format!("{runs}; a parameter of its own would be used by no operation (give it a `forward`)"),
                    );
                }
                if let Some(flag) = &field.attrs.uncalled {
                    cx.error_at(
                        flag,
                        format!("{runs}; `uncalled` has no meaning without a `forward`"),
                    );
                }
            }
            if fragment {
                if let Some(class) = &input.attrs.class {
                    cx.error_at(class, "a `fragment` is not a module, so it has no class");
                }
                if let Some(repr) = &input.attrs.extra_repr {
                    cx.error_at(
                        repr,
                        "a `fragment` is not a module, so it has no `extra_repr`",
                    );
                }
                if let Some(shape) = &input.attrs.input {
                    cx.push(syn::Error::new(
                        shape.span,
                        "a `fragment` is not a model: use it inside a `sequential` struct",
                    ));
                }
            }
        }
        None => {
            if let (Some(names), false) = (&input.attrs.inputs, input.attrs.forward_written) {
                let site = names.first().unwrap_or(input.ident);
                cx.error_at(
                    site,
                    "`inputs` names the inputs of a `forward`; add one that uses them",
                );
            }
            for field in &input.fields {
                if let Some(flag) = &field.attrs.splice {
                    cx.error_at(
                        flag,
                        "`splice` puts a sequence's children at positions of a `sequential` struct; this struct names its children by field",
                    );
                }
            }
        }
    }
    for field in &input.fields {
        if let Role::Layer(spec) = &field.role {
            check_spec(cx, spec);
        }
    }
    names(cx, input);
}

fn param_name(param: &syn::GenericParam) -> String {
    match param {
        syn::GenericParam::Type(t) => t.ident.to_string(),
        syn::GenericParam::Const(c) => c.ident.to_string(),
        syn::GenericParam::Lifetime(l) => l.lifetime.to_string(),
    }
}

fn check_spec(cx: &Ctxt, spec: &LayerSpec) {
    match spec {
        LayerSpec::Sequential { items, .. } => items.iter().for_each(|i| check_spec(cx, i)),
        LayerSpec::Kind { def, args, .. } => {
            for arg in args {
                let Some(value) = &arg.value else { continue };
                let Some(a) = def.arg(&arg.name.to_string()) else {
                    continue;
                };
                if a.ty == ArgTy::Size {
                    size_parts(cx, value, def.name, &arg.name.to_string());
                }
                if a.ty == ArgTy::Mode
                    && !matches!(value, Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. })
                        if ["nearest", "nearest-exact", "linear", "bilinear", "bicubic", "trilinear"].contains(&s.value().as_str()))
                {
                    cx.error_at(
                        value,
                        "`mode` is \"nearest\", \"nearest-exact\", \"linear\", \"bilinear\", \"bicubic\" or \"trilinear\"",
                    );
                }
                if a.ty == ArgTy::DropMode
                    && !matches!(value, Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) if s.value() == "row" || s.value() == "batch")
                {
                    cx.error_at(
                        value,
                        "`mode` of `stochastic_depth` is \"row\" or \"batch\"",
                    );
                }
                if a.ty == ArgTy::Approximate
                    && !matches!(value, Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) if s.value() == "none" || s.value() == "tanh")
                {
                    cx.error_at(value, "`approximate` is \"none\" or \"tanh\"");
                }
                if matches!(a.ty, ArgTy::Count | ArgTy::Size | ArgTy::Shape) {
                    check_literals(cx, value, def.name, &arg.name.to_string());
                }
            }
        }
    }
}

/// A size: one number, or a tuple / array of one to three — exactly as many as the
/// kind's spatial dimensions when its name says them (`conv1d`, `max_pool3d`).
fn size_parts(cx: &Ctxt, value: &Expr, kind: &str, arg: &str) {
    let n = match value {
        Expr::Tuple(t) => t.elems.len(),
        Expr::Array(a) => a.elems.len(),
        _ => return,
    };
    let rank = ["1d", "2d", "3d"]
        .iter()
        .position(|r| kind.ends_with(r))
        .map(|r| r + 1);
    if let Some(rank) = rank
        && n != rank
    {
        cx.error_at(
            value,
            format!(
                "`{kind}` has {rank} spatial dimension{}: `{arg}` takes one number or a tuple of {rank}, got {n} values",
                if rank == 1 { "" } else { "s" }
            ),
        );
        return;
    }
    if !(1..=3).contains(&n) {
        cx.error_at(
            value,
            format!(
                "`{arg}` takes one number or a tuple of one per spatial dimension, got {n} values"
            ),
        );
    }
}

/// Literal zeros, negative literals and literals past `u64` in counts and sizes are
/// caught here, at the tokens; const expressions are checked by the analysis.
fn check_literals(cx: &Ctxt, value: &Expr, kind: &str, arg: &str) {
    let parts: Vec<&Expr> = match value {
        Expr::Tuple(t) => t.elems.iter().collect(),
        Expr::Array(a) => a.elems.iter().collect(),
        other => vec![other],
    };
    for part in parts {
        if let Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) = part
        {
            let may_be_zero = !matches!(arg, "padding");
            if i.base10_parse::<u64>().is_err() {
                cx.error_at(
                    part,
                    format!("`{kind}`: `{arg}` = {} is out of range: counts and sizes are at most {} (u64)", i.base10_digits(), u64::MAX),
                );
            } else if may_be_zero && i.base10_digits() == "0" {
                cx.error_at(part, format!("`{kind}`: `{arg}` must be at least 1, got 0"));
            }
        }
        if let Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            ..
        }) = part
        {
            cx.error_at(part, format!("`{kind}`: `{arg}` cannot be negative"));
        }
    }
}

/// Module names are what reports and checkpoints key on: each must be a valid PyTorch
/// name (not empty, no `.`), and no two children nor two inputs may share one.
fn names(cx: &Ctxt, input: &Input) {
    use syn::ext::IdentExt;
    let mut seen: Vec<String> = Vec::new();
    for field in &input.fields {
        if matches!(field.role, Role::Skip) {
            continue;
        }
        let name = match &field.attrs.rename {
            Some(lit) => {
                let name = lit.value();
                if name.is_empty() {
                    cx.error_at(lit, "a module name cannot be empty");
                    continue;
                }
                if name.contains('.') {
                    cx.error_at(
                        lit,
                        format!("a module name cannot contain `.` (PyTorch's `add_module` rejects `{name}`): the dots of a path separate modules"),
                    );
                    continue;
                }
                (lit.span(), name)
            }
            None => (field.ident.span(), field.ident.unraw().to_string()),
        };
        if seen.contains(&name.1) {
            cx.push(syn::Error::new(
                name.0,
                format!(
                    "two modules of `{}` are named `{}`; rename one",
                    input.ident.unraw(),
                    name.1
                ),
            ));
        } else {
            seen.push(name.1);
        }
    }
    if let Some(inputs) = &input.attrs.inputs {
        for (i, a) in inputs.iter().enumerate() {
            if inputs[..i].contains(a) {
                cx.error_at(a, format!("the input `{a}` is named twice in `inputs`"));
            } else if input.fields.iter().any(|f| f.ident == a) {
                cx.error_at(
                    a,
                    format!("the input `{a}` has the name of a field, so `forward` could not tell them apart; rename the input"),
                );
            }
        }
    }
}
