//! What is emitted next to the errors when the input is wrong: an impl with an empty
//! description (and the constants, if `input` was asked for), so that one mistake does not
//! cascade into errors about a missing trait impl or missing constants.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Path;

pub fn expand(node: &syn::DeriveInput, krate: &Path, with_input: bool) -> TokenStream {
    let ident = &node.ident;
    let (impl_generics, ty_generics, where_clause) = node.generics.split_for_impl();
    let p = quote!(#krate::__private);
    // The constants exist only for concrete models; a generic one already has its error.
    let concrete = node.generics.params.is_empty();
    let model = (with_input && concrete).then(|| {
        let vis = &node.vis;
        quote! {
            impl #krate::Model for #ident {
                const INPUT: #p::Shape = #p::Shape::SCALAR;
                const TRAIN: #p::Totals = #p::FALLBACK_TOTALS;
                const EVAL: #p::Totals = #p::FALLBACK_TOTALS;
            }
            impl #ident {
                #vis const INPUT: #p::Shape = #p::Shape::SCALAR;
                #vis const PARAMS: ::core::primitive::u64 = 0;
                #vis const FLOPS: ::core::primitive::u128 = 0;
                #vis const FLOPS_EVAL: ::core::primitive::u128 = 0;
                #vis const ACTIVATIONS: ::core::primitive::u64 = 0;
                #vis const OUTPUT: #p::Shape = #p::Shape::SCALAR;
                #vis const PEAK_ACTIVATIONS: ::core::primitive::u128 = 0;
                #vis const fn param_bytes(_: #krate::DType) -> ::core::primitive::u128 { 0 }
                #vis const fn peak_activation_bytes(_: #krate::DType) -> ::core::primitive::u128 { 0 }
            }
        }
    });
    quote! {
        impl #impl_generics #krate::Complexity for #ident #ty_generics #where_clause {
            const MODULE: #p::Module = #p::FALLBACK;
        }
        #model
    }
}
