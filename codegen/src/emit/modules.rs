//! The module tree: `lib.rs` and one `mod.rs` per resource.

use proc_macro2::TokenStream;
use quote::quote;

use super::{gate, ident, inner_docs};
use crate::ir::{Crate, Item, Resource};

/// `lib.rs`: crate docs, lints, the runtime, every resource, and root re-exports.
pub fn crate_root(krate: &Crate) -> TokenStream {
    let crate_docs = inner_docs(&krate.docs);
    let api_version = &krate.api_version;
    let namespace = &krate.namespace;
    let modules = krate.resources.iter().map(|resource| {
        let module = ident(&resource.module);
        let gate = gate(&resource.features);
        // Generated files are formatted by prettyplease; rustfmt would fight it. A glob, as
        // each name is gated in the module.
        quote! {
            #gate
            #[rustfmt::skip]
            pub mod #module;
            #gate
            pub use #module::*;
        }
    });
    let examples = krate.examples.as_ref().map(|examples| {
        let module = ident(&examples.module);
        quote! {
            #[cfg(test)]
            #[rustfmt::skip]
            mod #module;
        }
    });
    quote! {
        #crate_docs
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]
        #![cfg_attr(rustfmt, rustfmt::skip)]

        /// The `msgraph-runtime` crate, which every generated type and operation builds on:
        /// the `Operation` trait, the `Client`, paging, errors and primitives. It is one crate
        /// for every generated crate, so a program using several shares one client and one
        /// error type; `runtime::X` names the same item as `msgraph_runtime::X`.
        pub use ::msgraph_runtime as runtime;

        #(#modules)*

        #examples

        /// The API version every request addresses, the first path segment after the host.
        pub const API_VERSION: &str = #api_version;

        /// The OData namespace of the documented types.
        pub const NAMESPACE: &str = #namespace;
    }
}

/// A resource's `mod.rs`: its docs and one private module per item with its re-export; items
/// not compiled whenever the module is come last, each gated by its features.
pub fn resource_module(resource: &Resource) -> TokenStream {
    let resource_docs = inner_docs(&resource.docs);
    let (always, gated): (Vec<_>, Vec<_>) = resource
        .items
        .iter()
        .partition(|item| item.features.is_empty());
    let module = |item: &Item| {
        let module = ident(&item.module);
        // An entity usually names its resource; its module then repeats the resource's name.
        let allow =
            (item.module == resource.module).then(|| quote!(#[allow(clippy::module_inception)]));
        quote!(#allow mod #module;)
    };
    let export = |item: &Item| {
        let module = ident(&item.module);
        let name = ident(&item.name);
        quote!(pub use #module::#name;)
    };
    let modules = always.iter().map(|item| module(item));
    let exports = always.iter().map(|item| export(item));
    let gated = gated.iter().map(|item| {
        let gate = gate(&item.features);
        let (module, export) = (module(item), export(item));
        quote!(#gate #module #gate #export)
    });
    quote! {
        #resource_docs
        #(#modules)*
        #(#exports)*
        #(#gated)*
    }
}
