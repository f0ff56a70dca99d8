//! `#[derive(Complexity)]`: the proc macro of `complexity-core`, which re-exports it.
//! Depend on `complexity-core`; its documentation describes the attributes.
//!
//! The macro reads the struct and its `#[complexity(...)]` attributes into a small AST
//! (`ast.rs`, `attr.rs`, with the layer kinds' spelling in `kinds.rs`), checks it
//! (`valid.rs`, `forward.rs`) and emits a static description (`expand.rs`); all counting
//! lives in `complexity-core`. On error it emits every error found (`ctxt.rs`) together
//! with a fallback impl (`fallback.rs`), so that one mistake does not cascade.

mod ast;
mod attr;
mod ctxt;
mod expand;
mod fallback;
mod forward;
mod kinds;
mod valid;

use proc_macro::TokenStream;

/// Describes a model struct for `complexity-core`: see the "Attributes" section of
/// `complexity_core`'s documentation.
#[proc_macro_derive(Complexity, attributes(complexity))]
pub fn derive_complexity(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
