//! The module tree: `lib.rs` and one `mod.rs` per resource.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, inner_docs};
use crate::ir::{Crate, Resource};

/// `lib.rs`: crate docs, lints, the runtime, every resource, and root re-exports.
pub fn crate_root(krate: &Crate) -> TokenStream {
    let crate_docs = inner_docs(&krate.docs);
    let api_version = &krate.api_version;
    let namespace = &krate.namespace;
    let modules = krate.resources.iter().map(|resource| {
        let module = ident(&resource.module);
        let feature = &resource.feature;
        let names = resource.items.iter().map(|item| ident(&item.name));
        // Generated files are formatted by prettyplease; rustfmt would fight it.
        quote! {
            #[cfg(feature = #feature)]
            #[rustfmt::skip]
            pub mod #module;
            #[cfg(feature = #feature)]
            pub use #module::{#(#names),*};
        }
    });
    quote! {
        #crate_docs
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]
        #![cfg_attr(rustfmt, rustfmt::skip)]

        pub mod runtime;

        #(#modules)*

        /// The API version every request addresses, the first path segment after the host.
        pub const API_VERSION: &str = #api_version;

        /// The OData namespace of the documented types.
        pub const NAMESPACE: &str = #namespace;
    }
}

/// A resource's `mod.rs`: its docs, one private module per item, and their re-exports.
pub fn resource_module(resource: &Resource) -> TokenStream {
    let resource_docs = inner_docs(&resource.docs);
    let modules = resource.items.iter().map(|item| {
        let module = ident(&item.module);
        // An entity usually names its resource; its module then repeats the resource's name.
        let allow =
            (item.module == resource.module).then(|| quote!(#[allow(clippy::module_inception)]));
        quote!(#allow mod #module;)
    });
    let exports = resource.items.iter().map(|item| {
        let module = ident(&item.module);
        let name = ident(&item.name);
        quote!(pub use #module::#name;)
    });
    quote! {
        #resource_docs
        #(#modules)*
        #(#exports)*
    }
}
