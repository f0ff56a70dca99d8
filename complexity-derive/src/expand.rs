//! Generates the `Complexity` impl (a `const` description) and, with `input`, the
//! `Model` impl whose totals the compiler computes.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Expr, Path};

use crate::ast::{Field, Input, InputShape, LayerSpec, Naming, Role};
use crate::ctxt::Ctxt;
use crate::forward::{self, Program};
use crate::kinds::ArgTy;
use crate::valid;

pub fn derive(node: &syn::DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let input = crate::ast::Input::from_syn(&cx, node);
    let krate = krate(input.as_ref());
    let p = quote!(#krate::__private);
    let program = input.as_ref().map(|input| {
        valid::check(&cx, input);
        let inputs: Vec<String> = match &input.attrs.inputs {
            Some(names) => names.iter().map(|n| n.to_string()).collect(),
            None => vec!["x".into()],
        };
        match &input.attrs.forward {
            Some(expr) => forward::compile(&cx, expr, &input.fields, &inputs, &p),
            None => forward::sequential(&cx, input.ident, &input.fields, &p),
        }
    });
    match (cx.check(), input, program) {
        (Ok(()), Some(input), Some(program)) => impls(&input, &program, &krate),
        (result, input, _) => {
            let errors = result.err().map(|e| e.to_compile_error());
            let fallback = crate::fallback::expand(
                node,
                &krate,
                input.as_ref().is_some_and(|i| i.attrs.input.is_some()),
            );
            quote! { #errors #fallback }
        }
    }
}

pub fn krate(input: Option<&Input>) -> Path {
    input
        .and_then(|i| i.attrs.krate.clone())
        .unwrap_or_else(|| syn::parse_quote!(::complexity_core))
}

fn impls(input: &Input, program: &Program, krate: &Path) -> TokenStream {
    let ident = input.ident;
    let p = quote!(#krate::__private);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let mut where_clause = where_clause
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(where));
    for field in &input.fields {
        // Bounds for the types that depend on a type parameter; other types are checked
        // where their description is used, without a trivially false `where` bound.
        if let (Role::Nested, true) = (&field.role, mentions_type_param(field.ty, input.generics)) {
            // Spanned at the field's type, so a type without a description is reported there.
            let ty = field.ty;
            let krate = respan(krate, ty.span());
            where_clause
                .predicates
                .push(syn::parse_quote_spanned!(ty.span()=> #ty: #krate::Complexity));
        }
    }
    let extra_repr = match &input.attrs.extra_repr {
        Some(e) => {
            let e = text(e);
            quote!(::core::option::Option::Some(#e))
        }
        None => quote!(::core::option::Option::None),
    };
    let class = match &input.attrs.class {
        Some(e) => text(e),
        None if matches!(input.attrs.naming, Some((Naming::Fragment, _))) => quote!(""),
        None => {
            let name = ident.unraw().to_string();
            quote!(#name)
        }
    };
    let rust = ident.unraw().to_string();
    let prefix = match &input.attrs.prefix {
        Some(lit) => quote!(#lit),
        None => quote!(""),
    };
    let start = match &input.attrs.start {
        Some(e) => quote_spanned!(e.span()=> { let start: ::core::primitive::usize = #e; start }),
        None => quote!(0),
    };
    let naming = match &input.attrs.naming {
        None => quote!(Fields),
        Some((Naming::Positions, _)) => quote!(Positions),
        Some((Naming::Fragment, _)) => quote!(Fragment),
    };
    let children = forward::children(&input.fields).map(|f| child(f, &p, krate));
    let params = forward::params(&input.fields).map(|f| {
        let name = f.ident.unraw().to_string();
        let Role::Param(shape) = &f.role else {
            unreachable!("params() yields parameters")
        };
        let dims = forward::elements(shape);
        let buffer = f.attrs.buffer.is_some();
        let persistent = f.attrs.persistent.as_ref().is_none_or(|b| b.value);
        quote_spanned!(shape.span()=> #p::Param { name: #name, shape: #p::shape(&[#(#dims),*]), buffer: #buffer, persistent: #persistent })
    });
    let steps = &program.steps;
    let output = program.output;
    let more_outputs = &program.more_outputs;
    let inputs = input.attrs.inputs.as_ref().map_or(1, Vec::len);
    let description = quote! {
        #[automatically_derived]
        impl #impl_generics #krate::Complexity for #ident #ty_generics #where_clause {
            const MODULE: #p::Module = #p::Module {
                class: #class,
                extra_repr: #extra_repr,
                tied: ::core::option::Option::None,
                frozen: false,
                body: #p::Body::Graph(#p::Graph {
                    rust: #rust,
                    naming: #p::Naming::#naming,
                    inputs: #inputs,
                    children: &[#(#children),*],
                    params: &[#(#params),*],
                    steps: &[#(#steps),*],
                    output: #output,
                    more_outputs: &[#(#more_outputs),*],
                    prefix: #prefix,
                    start: #start,
                }),
            };
        }
    };
    let model = input
        .attrs
        .input
        .as_ref()
        .map(|shape| model(input, shape, program, krate));
    // The fields are the model's modules: mark them as used, as a derive that reads them
    // would, so that marker fields (`conv1: ()`) raise no dead-code warnings.
    let members = input
        .fields
        .iter()
        .filter(|f| !matches!(f.role, Role::Skip))
        .map(|f| f.ident);
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let uses = quote! {
        impl #impl_generics #ident #ty_generics #where_clause {
            #[doc(hidden)]
            #[allow(dead_code)]
            fn __complexity_modules(&self) {
                #(let _ = &self.#members;)*
            }
        }
    };
    // A non-generic description is evaluated here, in declaration order, so that a chain
    // of nested structs is built one level at a time: the compiler's query depth (its
    // `recursion_limit`) then does not grow with the nesting.
    let early = input.generics.params.is_empty().then(|| {
        quote! {
            const _: &#p::Module = &<#ident as #krate::Complexity>::MODULE;
        }
    });
    quote! { #description #early #model #uses }
}

fn child(field: &Field, p: &TokenStream, krate: &Path) -> TokenStream {
    let name = match &field.attrs.rename {
        Some(lit) => lit.value(),
        None => field.ident.unraw().to_string(),
    };
    let attrs = &field.attrs;
    let mut module = match &field.role {
        // A sequence is built as a struct literal with its names set (see `layer_module`).
        Role::Layer(spec @ LayerSpec::Sequential { .. }) => {
            let module = layer_module(spec, p, Some(attrs));
            let (present, splice) = (when(attrs), attrs.splice.is_some());
            return quote! {
                #p::Child { name: #name, module: &#module, present: #present, splice: #splice }
            };
        }
        Role::Layer(spec) => layer_module(spec, p, None),
        Role::Nested => {
            let ty = field.ty;
            let krate = respan(krate, ty.span());
            quote_spanned!(ty.span()=> <#ty as #krate::Complexity>::MODULE)
        }
        Role::Skip | Role::Param(_) => unreachable!("not children"),
    };
    if field.attrs.class.is_some() || field.attrs.extra_repr.is_some() {
        let class = match &field.attrs.class {
            Some(c) => text(c),
            None => quote!(#module.class),
        };
        let repr = match &field.attrs.extra_repr {
            Some(r) => {
                let r = text(r);
                quote!(::core::option::Option::Some(#r))
            }
            None => quote!(::core::option::Option::None),
        };
        module = quote!(#p::renamed(#module, #class, #repr));
    }
    if let Some(tied) = &field.attrs.tied {
        module = quote!(#module.tied_to(#tied));
    }
    if field.attrs.frozen.is_some() {
        module = quote!(#module.frozen());
    }
    if let Some(prefix) = &field.attrs.prefix {
        // Spanned at the prefix, where a prefix on a type that is not a sequence fails.
        let call = crate::forward::respan(quote!(#p::prefixed), prefix.span());
        module = quote_spanned!(prefix.span()=> #call(#module, #prefix));
    }
    let present = when(attrs);
    let splice = attrs.splice.is_some();
    quote! {
        #p::Child { name: #name, module: &#module, present: #present, splice: #splice }
    }
}

/// A `class` or `extra_repr` value as a `&'static str`, typed at the user's expression
/// (a `String` is reported there, not inside the generated code).
fn text(e: &Expr) -> TokenStream {
    quote_spanned!(e.span()=> { let text: &'static str = #e; text })
}

/// `when = expr` as a const `bool`, `true` without it.
fn when(attrs: &crate::ast::FieldAttrs) -> TokenStream {
    match &attrs.when {
        Some(expr) => {
            quote_spanned!(expr.span()=> { let present: ::core::primitive::bool = #expr; present })
        }
        None => quote!(true),
    }
}

/// A layer's module, or a sequence's, with the field's `class`, `extra_repr` and
/// `prefix` for a sequence (default `Sequential`, none, none).
fn layer_module(
    spec: &LayerSpec,
    p: &TokenStream,
    attrs: Option<&crate::ast::FieldAttrs>,
) -> TokenStream {
    match spec {
        LayerSpec::Sequential { items } => {
            let items = items.iter().map(|i| layer_module(i, p, None));
            let class = attrs
                .and_then(|a| a.class.as_ref())
                .map_or_else(|| quote!("Sequential"), text);
            let prefix = attrs
                .and_then(|a| a.prefix.as_ref())
                .map_or_else(|| quote!(""), |c| quote!(#c));
            let repr = match attrs.and_then(|a| a.extra_repr.as_ref()) {
                Some(r) => {
                    let r = text(r);
                    quote!(::core::option::Option::Some(#r))
                }
                None => quote!(::core::option::Option::None),
            };
            // A struct literal, not a function call: the array must be a temporary the
            // constant extends to 'static, which a function argument is not.
            quote!(#p::Module {
                class: #class,
                extra_repr: #repr,
                tied: ::core::option::Option::None,
                frozen: false,
                body: #p::Body::Sequence { modules: &[#(&#items),*], prefix: #prefix },
            })
        }
        LayerSpec::Kind {
            def,
            name,
            args,
            class,
            extra_repr,
        } => {
            let layer = layer_expr(def, name.span(), args, p);
            let module = quote! { #p::Module::layer(#layer) };
            if class.is_none() && extra_repr.is_none() {
                return module;
            }
            let class = match class {
                Some(c) => text(c),
                None => quote!(#module.class),
            };
            let repr = match extra_repr {
                Some(r) => {
                    let r = text(r);
                    quote!(::core::option::Option::Some(#r))
                }
                None => quote!(::core::option::Option::None),
            };
            quote!(#p::renamed(#module, #class, #repr))
        }
    }
}

/// The `Layer` a layer kind with its arguments builds (`Layer::Pool(Pool::max_pool2d(…)
/// .stride(…))`); the arguments were checked.
pub fn layer_expr(
    def: &crate::kinds::KindDef,
    span: Span,
    args: &[crate::ast::Arg],
    p: &TokenStream,
) -> TokenStream {
    let variant = format_ident!("{}", def.variant, span = span);
    let ctor: TokenStream = def.ctor.parse().expect("the kinds table holds paths");
    let fixed = def.fixed.map(|f| {
        let f: TokenStream = f.parse().expect("the kinds table holds paths");
        quote!(#p::layer::#f)
    });
    let value_of = |arg_name: &str| args.iter().find(|a| a.name == arg_name);
    let ctor_args = fixed.into_iter().chain(def.required().map(|r| {
        let arg = value_of(r.name).expect("required arguments were checked");
        value(arg.value.as_ref(), r.ty, p, arg.name.span())
    }));
    let setters = args.iter().filter_map(|arg| {
        let a = def.arg(&arg.name.to_string())?;
        let method = format_ident!("{}", a.method?, span = arg.name.span());
        let v = value(arg.value.as_ref(), a.ty, p, arg.name.span());
        Some(quote!(.#method(#v)))
    });
    quote! {
        #p::Layer::#variant(#p::layer::#ctor(#(#ctor_args),*) #(#setters)*)
    }
}

/// An argument's value, converted for core, spanned at the value so that a type error
/// points at it.
fn value(expr: Option<&Expr>, ty: ArgTy, p: &TokenStream, name_span: Span) -> TokenStream {
    let Some(expr) = expr else {
        return quote_spanned!(name_span=> true);
    };
    let span = expr.span();
    match ty {
        ArgTy::Count => quote_spanned!(span=> #p::count(#expr)),
        ArgTy::Dim => quote_spanned!(span=> #p::dim(#expr)),
        // An integer literal is a float too (`p = 1`), as in Python.
        ArgTy::Float
            if matches!(
                expr,
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Int(_),
                    ..
                })
            ) =>
        {
            quote_spanned!(span=> #p::float(#expr as f64))
        }
        ArgTy::Float => quote_spanned!(span=> #p::float(#expr)),
        ArgTy::Bool => quote_spanned!(span=> { let flag: ::core::primitive::bool = #expr; flag }),
        ArgTy::Size => forward::size(p, expr),
        ArgTy::Shape => {
            let dims = forward::elements(expr);
            quote_spanned!(span=> #p::shape(&[#(#dims),*]))
        }
        ArgTy::Approximate => {
            let tanh = matches!(expr, Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) if s.value() == "tanh");
            quote_spanned!(span=> #tanh)
        }
        ArgTy::Dims => {
            let dims = forward::elements(expr);
            quote_spanned!(span=> &[#(#p::dim(#dims)),*])
        }
        ArgTy::DropMode => {
            let batch = matches!(expr, Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) if s.value() == "batch");
            quote_spanned!(span=> #batch)
        }
        ArgTy::Mode => {
            // Checked to be a known mode by `valid.rs`.
            let mode = match expr {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => s.value(),
                _ => String::new(),
            };
            let variant = match mode.as_str() {
                "nearest-exact" => "NearestExact",
                "linear" => "Linear",
                "bilinear" => "Bilinear",
                "bicubic" => "Bicubic",
                "trilinear" => "Trilinear",
                _ => "Nearest",
            };
            let variant = syn::Ident::new(variant, span);
            quote_spanned!(span=> #p::layer::UpsampleMode::#variant)
        }
    }
}

/// Whether `ty` names one of the type parameters.
fn mentions_type_param(ty: &syn::Type, generics: &syn::Generics) -> bool {
    fn idents(tokens: TokenStream, out: &mut Vec<proc_macro2::Ident>) {
        for tt in tokens {
            match tt {
                proc_macro2::TokenTree::Ident(i) => out.push(i),
                proc_macro2::TokenTree::Group(g) => idents(g.stream(), out),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    idents(quote!(#ty), &mut found);
    generics.type_params().any(|p| found.contains(&p.ident))
}

/// `ident` (raw or not) at `span`.
fn spanned(ident: &syn::Ident, span: Span) -> syn::Ident {
    let mut ident = ident.clone();
    ident.set_span(span);
    ident
}

/// `path` with every token at `span`.
fn respan(path: &Path, span: Span) -> Path {
    let mut path = path.clone();
    if let Some(colon) = &mut path.leading_colon {
        colon.spans = [span, span];
    }
    for mut pair in path.segments.pairs_mut() {
        pair.value_mut().ident.set_span(span);
        if let Some(p) = pair.punct_mut() {
            p.spans = [span, span];
        }
    }
    path
}

/// `const` items that report an analysis error at the tokens it comes from: a field of the
/// model (for an error inside that field), the `forward` (for one in the model's own
/// program), or `input` (anything else). Each is spanned entirely at its tokens.
fn error_sites(input: &Input, shape: &InputShape, program: &Program, krate: &Path) -> TokenStream {
    let mut names = Vec::new();
    let mut sites = Vec::new();
    // `const _: () = __private::<call>;` with every token at `span`, where the compiler
    // then reports the failure.
    let site = |span: Span, call: &dyn Fn(&syn::Ident, &Path) -> TokenStream| {
        let krate = respan(krate, span);
        let model = spanned(input.ident, span);
        let call = forward::respan(call(&model, &krate), span);
        quote_spanned!(span=> const _: () = #krate::__private::#call;)
    };
    let positional = matches!(input.attrs.naming, Some((Naming::Positions, _)));
    if input.attrs.naming.is_none() || positional {
        for (child, field) in forward::children(&input.fields).enumerate() {
            let span = field.ident.span();
            if positional {
                sites.push(site(span, &|model, krate| {
                    quote!(fail_at_position(&#model::__COMPLEXITY_TRAIN, &<#model as #krate::Complexity>::MODULE, #child))
                }));
            } else {
                let name = field
                    .attrs
                    .rename
                    .as_ref()
                    .map_or_else(|| field.ident.unraw().to_string(), |r| r.value());
                sites.push(site(
                    span,
                    &|model, _| quote!(fail_at_field(&#model::__COMPLEXITY_TRAIN, #name)),
                ));
                names.push(name);
            }
        }
    }
    // Each operation of the model's own `forward`, at the operator, method or function
    // that performs it.
    let mut covered = Vec::new();
    for (step, span) in program.spans.iter().enumerate() {
        if let Some(span) = span {
            sites.push(site(
                *span,
                &|model, _| quote!(fail_at_step(&#model::__COMPLEXITY_TRAIN, #step)),
            ));
            covered.push(step);
        }
    }
    // Anything else in the model's own program: the first token of `forward` (a
    // multi-token span cannot be joined on stable), looking through invisible groups.
    fn first_span(tokens: TokenStream) -> Option<Span> {
        match tokens.into_iter().next()? {
            proc_macro2::TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::None => {
                first_span(g.stream())
            }
            t => Some(t.span()),
        }
    }
    let root = input
        .attrs
        .forward
        .as_ref()
        .and_then(|f| first_span(quote!(#f)))
        .unwrap_or(shape.span);
    sites.push(site(
        root,
        &|model, _| quote!(fail_at_root(&#model::__COMPLEXITY_TRAIN, &[#(#covered),*])),
    ));
    sites.push(site(
        shape.span,
        &|model, _| quote!(fail_elsewhere(&#model::__COMPLEXITY_TRAIN, &[#(#names),*])),
    ));
    quote!(#(#sites)*)
}

fn model(input: &Input, shape: &InputShape, program: &Program, krate: &Path) -> TokenStream {
    let ident = input.ident;
    let vis = input.vis;
    let dims = &shape.dims;
    let span = shape.span;
    let constructor = if shape.batch_of_one {
        quote!(batch_of_one)
    } else {
        quote!(new)
    };
    // Spanned at `input = …`, so that a failing analysis points there.
    let krate = respan(krate, span);
    let p = quote_spanned!(span=> #krate::__private);
    let limit = |key: &syn::Ident, value: &Expr| {
        let ty: TokenStream = crate::attr::BUDGET_KEYS
            .iter()
            .find(|(k, _)| key == k)
            .map_or("::core::primitive::u128", |(_, t)| t)
            .replace(
                "KRATE",
                &quote::ToTokens::to_token_stream(&krate).to_string(),
            )
            .parse()
            .expect("a type");
        quote_spanned!(value.span()=> .#key({ let limit: #ty = #value; limit }))
    };
    let (memory, scalar): (Vec<_>, Vec<_>) = input
        .attrs
        .budget
        .iter()
        .partition(|(key, _)| crate::attr::MEMORY_BUDGET_KEYS.iter().any(|k| key == k));
    let budget = (!scalar.is_empty()).then(|| {
        let limits = scalar.iter().map(|(key, value)| limit(key, value));
        let totals = if input
            .attrs
            .budget_eval
            .as_ref()
            .is_some_and(|m| m.value() == "eval")
        {
            quote!(EVAL)
        } else {
            quote!(TRAIN)
        };
        // Every token at the first limit, so that an exceeded budget is reported there.
        let span = scalar[0].0.span();
        let krate = respan(&krate, span);
        let model = spanned(ident, span);
        quote_spanned! {span=>
            // Evaluated by `cargo check`: a model over its budget fails to compile here.
            const _: () = #krate::__private::enforce_totals(
                &<#model as #krate::__private::Model>::#totals,
                #krate::Budget::new() #(#limits)*,
            );
        }
    });
    let memory_budget = (!memory.is_empty()).then(|| {
        let limits = memory.iter().map(|(key, value)| limit(key, value));
        let span = memory[0].0.span();
        let krate = respan(&krate, span);
        let model = spanned(ident, span);
        quote_spanned! {span=>
            // Training memory on the training-mode figures, inference memory on the
            // eval-mode ones.
            const _: () = #krate::__private::enforce_memory(
                &<#model as #krate::__private::Complexity>::MODULE,
                <#model as #krate::__private::Model>::INPUT,
                &<#model as #krate::__private::Model>::TRAIN,
                &<#model as #krate::__private::Model>::EVAL,
                #krate::Budget::new() #(#limits)*,
            );
        }
    });
    let checks = error_sites(input, shape, program, &krate);
    let doc_input = format!(
        "The input shape, batch included, from `#[complexity(input = …)]`{}.",
        if shape.batch_of_one {
            " (mmengine's `input_shape` with a batch of 1 prepended)"
        } else {
            ""
        }
    );
    quote_spanned! {span=>
        #[automatically_derived]
        impl #krate::Model for #ident {
            const INPUT: #p::Shape = #p::Shape::#constructor(&[#(#p::count(#dims)),*]);
            // An error is reported at the field it comes from (below), so not here.
            const TRAIN: #p::Totals = #p::totals_of(&#ident::__COMPLEXITY_TRAIN);
            // Analysed only when used (`FLOPS_EVAL`, `PEAK_ACTIVATIONS`, an eval budget).
            const EVAL: #p::Totals = #p::analyze_again_or_fail(
                &#ident::__COMPLEXITY_TRAIN, &<Self as #p::Complexity>::MODULE, <Self as #p::Model>::INPUT, #p::Mode::Eval);
        }

        #[allow(dead_code)]
        impl #ident {
            #[doc(hidden)]
            const __COMPLEXITY_TRAIN: ::core::result::Result<#p::Totals, #krate::Error> =
                #p::analysis(&<Self as #p::Complexity>::MODULE, <Self as #p::Model>::INPUT, #p::Mode::Train);

            #[doc = #doc_input]
            #vis const INPUT: #p::Shape = <Self as #p::Model>::INPUT;
            /// Parameters, computed by the compiler.
            #vis const PARAMS: ::core::primitive::u64 = <Self as #p::Model>::TRAIN.cost.params;
            /// FLOPs (multiply-adds) in training mode, mmengine's default, computed by the compiler.
            #vis const FLOPS: ::core::primitive::u128 = <Self as #p::Model>::TRAIN.cost.flops;
            /// FLOPs (multiply-adds) in evaluation mode, computed by the compiler.
            #vis const FLOPS_EVAL: ::core::primitive::u128 = <Self as #p::Model>::EVAL.cost.flops;
            /// Activations (output elements of convolutions, linear layers and matrix products), computed by the compiler.
            #vis const ACTIVATIONS: ::core::primitive::u64 = <Self as #p::Model>::TRAIN.cost.activations;
            /// The output shape, computed by the compiler.
            #vis const OUTPUT: #p::Shape = <Self as #p::Model>::TRAIN.output;
            /// The most activation elements alive at once in an inference pass (eval mode):
            /// the size of a scratch arena, in elements, computed by the compiler.
            #vis const PEAK_ACTIVATIONS: ::core::primitive::u128 = <Self as #p::Model>::EVAL.cost.peak_elements;

            /// The bytes of all parameters stored as `dtype`, computed by the compiler.
            #vis const fn param_bytes(dtype: #krate::DType) -> ::core::primitive::u128 {
                <Self as #p::Model>::TRAIN.param_bytes(dtype)
            }

            /// The bytes of the activation peak stored as `dtype`, computed by the compiler.
            #vis const fn peak_activation_bytes(dtype: #krate::DType) -> ::core::primitive::u128 {
                <Self as #p::Model>::EVAL.peak_bytes(dtype)
            }

            /// The bytes to train on `INPUT` with a batch of `batch`, as `training` says
            /// (weights, gradients, optimizer states, saved activations): computed by the
            /// compiler in a `const`, else at run time.
            #vis const fn train_bytes(batch: ::core::primitive::u64, training: #krate::memory::Training) -> ::core::primitive::u128 {
                #p::train_bytes(&<Self as #p::Complexity>::MODULE, <Self as #p::Model>::INPUT, batch, training)
            }

            /// The bytes to serve `INPUT` with a batch of `batch`, as `inference` says
            /// (weights, KV cache, activation arena): computed by the compiler in a
            /// `const`, else at run time.
            #vis const fn inference_bytes(batch: ::core::primitive::u64, inference: #krate::memory::Inference) -> ::core::primitive::u128 {
                #p::inference_bytes(&<Self as #p::Complexity>::MODULE, <Self as #p::Model>::INPUT, batch, inference)
            }
        }

        // Evaluated by `cargo check`: an inconsistent model fails to compile here.
        const _: () = {
            let _ = <#ident as #p::Model>::TRAIN;
        };

        #checks
        #budget
        #memory_budget
    }
}
