//! The derive input as a small AST that keeps spans.

use proc_macro2::Span;
use syn::{Expr, Generics, Ident, LitStr, Path, Type, Visibility};

use crate::kinds::KindDef;

/// The struct being derived.
pub struct Input<'a> {
    pub ident: &'a Ident,
    pub vis: &'a Visibility,
    pub generics: &'a Generics,
    pub attrs: ContainerAttrs,
    pub fields: Vec<Field<'a>>,
}

/// `#[complexity(...)]` on the struct.
#[derive(Default)]
pub struct ContainerAttrs {
    /// `crate = path`.
    pub krate: Option<Path>,
    /// `class = "ResNet"` (any const `&str` expression).
    pub class: Option<Expr>,
    /// `extra_repr = "…"` (any const `&str` expression).
    pub extra_repr: Option<Expr>,
    /// `prefix = "denselayer"` on a `sequential` struct: its children's names start so.
    pub prefix: Option<LitStr>,
    /// `start = 1` on a `sequential` struct: the first child's number.
    pub start: Option<Expr>,
    /// `forward = expr`.
    pub forward: Option<Expr>,
    /// `forward =` was written, whether or not its expression parsed (a parse error is
    /// the one error then: nothing is checked against a missing `forward`).
    pub forward_written: bool,
    /// `inputs = (a, b)`: the names of `forward`'s inputs (default: `x`).
    pub inputs: Option<Vec<Ident>>,
    /// `input = (3, 224, 224)` or `input = [1, 3, 224, 224]`.
    pub input: Option<InputShape>,
    /// `max_params = …`, `max_flops = …`, `max_activations = …`, `max_peak_elements = …`.
    pub budget: Vec<(Ident, Expr)>,
    /// `budget_mode = "eval"`: check the budget against eval-mode figures.
    pub budget_eval: Option<LitStr>,
    /// `sequential` (children named by position) or `fragment` (children spliced into
    /// the enclosing sequential struct), with the keyword for spans.
    pub naming: Option<(Naming, Ident)>,
}

/// How the children are named.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    Positions,
    Fragment,
}

/// The concrete input of a model.
pub struct InputShape {
    /// The dimensions as written.
    pub dims: Vec<Expr>,
    /// Written as a tuple: mmengine's `input_shape`, to which a batch of 1 is prepended.
    pub batch_of_one: bool,
    /// The whole `input = …`, for error spans.
    pub span: Span,
}

/// A field of the struct.
pub struct Field<'a> {
    pub ident: &'a Ident,
    pub ty: &'a Type,
    pub role: Role,
    pub attrs: FieldAttrs,
}

/// The field's options besides its role.
#[derive(Default)]
pub struct FieldAttrs {
    /// Set for `buffer(shape = …)`: the `Role::Param` is a buffer.
    pub buffer: Option<Ident>,
    /// `buffer(…, persistent = false)`: not in the `state_dict` (PyTorch's
    /// `register_buffer(…, persistent=False)`).
    pub persistent: Option<syn::LitBool>,
    /// `when = expr`: the child exists only when this const `bool` is true.
    pub when: Option<Expr>,
    /// `rename = "…"`: the module's name, when it is not a valid field name (`self`).
    pub rename: Option<LitStr>,
    /// `class = "…"`: the class name reports print (any const `&str` expression).
    pub class: Option<Expr>,
    /// `extra_repr = "…"`: what `out_arch` prints inside the parentheses (any const
    /// `&str` expression).
    pub extra_repr: Option<Expr>,
    /// `prefix = "…"`: a sequence's children are named `{prefix}0`, …
    pub prefix: Option<LitStr>,
    /// `splice`: in a sequential struct, the sequence's children take positions here.
    pub splice: Option<Ident>,
    /// `tied = "shared"`: the layer's parameters are those of the module at that path.
    pub tied: Option<LitStr>,
    /// `uncalled`: a module `forward` never calls (mmengine prints `N/A`).
    pub uncalled: Option<Ident>,
    /// `frozen`: its parameters need no gradient (`requires_grad_(False)`).
    pub frozen: Option<Ident>,
}

/// What a field is.
pub enum Role {
    /// A layer kind, described by the attribute.
    Layer(LayerSpec),
    /// A type implementing `Complexity` itself.
    Nested,
    /// `skip`: not part of the model.
    Skip,
    /// `parameter(shape = …)` (or `buffer(shape = …)`, with the field's `buffer` flag): a
    /// tensor of the struct's own module.
    Param(Expr),
}

/// A layer kind with its arguments, or `sequential(...)` of such.
pub enum LayerSpec {
    Kind {
        def: &'static KindDef,
        /// The kind's name as written, for spans.
        name: Ident,
        args: Vec<Arg>,
        /// Inside `sequential(…)`: `class = "Conv3DSimple"`, `extra_repr = "…"`, what
        /// reports print for this element (a field says them as field options).
        class: Option<Box<Expr>>,
        extra_repr: Option<Box<Expr>>,
    },
    Sequential {
        items: Vec<LayerSpec>,
    },
}

/// `name = value` inside a layer kind.
pub struct Arg {
    pub name: Ident,
    /// `None` for a bare flag (`inplace`), meaning `true`.
    pub value: Option<Expr>,
}

impl<'a> Input<'a> {
    /// Reads the derive input; `None` if it is not a struct with named fields (the error is
    /// recorded).
    pub fn from_syn(cx: &crate::ctxt::Ctxt, node: &'a syn::DeriveInput) -> Option<Input<'a>> {
        let attrs = crate::attr::container(cx, &node.attrs);
        let fields = match &node.data {
            syn::Data::Struct(s) => match &s.fields {
                syn::Fields::Named(named) => &named.named,
                syn::Fields::Unnamed(unnamed) => {
                    cx.error_at(
                        unnamed,
                        "`#[derive(Complexity)]` needs named fields, which become the module names (`conv1`, `layer1`, …); \
                         a tuple struct has none",
                    );
                    return None;
                }
                syn::Fields::Unit => {
                    cx.error_at(&node.ident, "`#[derive(Complexity)]` needs a struct with named fields, one per module; this one has none");
                    return None;
                }
            },
            syn::Data::Enum(e) => {
                cx.error_at(e.enum_token, "`#[derive(Complexity)]` describes a model struct with named fields; an enum is not supported");
                return None;
            }
            syn::Data::Union(u) => {
                cx.error_at(u.union_token, "`#[derive(Complexity)]` describes a model struct with named fields; a union is not supported");
                return None;
            }
        };
        let fields = fields
            .iter()
            .filter_map(|f| {
                let (role, attrs) = crate::attr::field(cx, f);
                Some(Field {
                    ident: f.ident.as_ref()?,
                    ty: &f.ty,
                    role,
                    attrs,
                })
            })
            .collect();
        Some(Input {
            ident: &node.ident,
            vis: &node.vis,
            generics: &node.generics,
            attrs,
            fields,
        })
    }
}
