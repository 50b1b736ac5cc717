//! The module tree: `lib.rs`, one `mod.rs` per resource and a module per namespace besides the
//! API's.

use proc_macro2::TokenStream;
use quote::quote;

use super::{gate, ident, inner_docs};
use crate::ir::{
    CrateRoot, FacadeRoot, Home, Item, NamespaceModule, Place, Resource, ResourceModule, RootRole,
};

/// `lib.rs` of one crate: its docs, lints, its part of every resource, and root re-exports.
/// The models crate holds the runtime and the API's constants; a requests crate names the
/// models crate's root as its own, privately, and holds its examples module; the crate users
/// name re-exports every other crate, each under its features.
pub fn crate_root(root: &CrateRoot<'_>) -> TokenStream {
    let modules = root.modules.iter().map(|(module, part)| {
        let module = ident(module);
        // Generated files are formatted by prettyplease; rustfmt would fight it. A glob, as
        // each name is gated in the module, compiled where it re-exports something.
        // `self::`: the item modules of another namespace's types are crate-visible, so a
        // sibling's glob brings them in, and a bare `alert` could name either module.
        let export = part.root_exports.as_deref().map(|features| {
            let gate = gate(features);
            quote!(#gate pub use self::#module::*;)
        });
        let gate = gate(&part.features);
        quote! {
            #gate
            #[rustfmt::skip]
            pub mod #module;
            #export
        }
    });
    let namespaces = root.namespaces.iter().map(|module| {
        let module = ident(module);
        quote! {
            #[rustfmt::skip]
            pub mod #module;
        }
    });
    let lints = quote! {
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]
        #![cfg_attr(rustfmt, rustfmt::skip)]
    };
    let crate_docs = inner_docs(root.docs);
    let runtime = runtime();
    let role = match &root.role {
        RootRole::Models {
            api_version,
            namespace,
        } => quote! {
            #runtime

            /// The API version every request addresses, the first path segment after the host.
            pub const API_VERSION: &str = #api_version;

            /// The OData namespace of the documented types.
            pub const NAMESPACE: &str = #namespace;
        },
        RootRole::Requests { models } => {
            let models = ident(models);
            quote! {
                // The models, the runtime and the API's constants, named as this crate's own.
                use ::#models::*;
            }
        }
        RootRole::Facade(facade) => facade_root(facade, runtime),
    };
    quote! {
        #crate_docs
        #lints
        #role

        #(#modules)*

        #(#namespaces)*
    }
}

/// The runtime crate's re-export, in the models crate and the crate users name.
fn runtime() -> TokenStream {
    quote! {
        /// The `msgraph-runtime` crate, which every generated type and operation builds on:
        /// the `Operation` trait, the `Client`, paging, errors and primitives. It is one crate
        /// for every generated crate, so a program using several shares one client and one
        /// error type; `runtime::X` names the same item as `msgraph_runtime::X`.
        pub use ::msgraph_runtime as runtime;
    }
}

/// What the root of the crate users name re-exports: the runtime, the models crate's root and
/// constants, and each requests crate's root and resource modules under its feature.
fn facade_root(facade: &FacadeRoot<'_>, runtime: TokenStream) -> TokenStream {
    let models = ident(facade.models);
    let models_glob = facade.models_exports.map(|features| {
        let gate = gate(features);
        quote! {
            /// Every model: each type Graph sends, defined in the models crate and named here.
            #gate
            #[doc(no_inline)]
            pub use ::#models::*;
        }
    });
    let requests = facade.requests.iter().map(|requests| {
        let feature = requests.feature;
        let gate = quote!(#[cfg(feature = #feature)]);
        let lib = ident(requests.lib_name);
        let modules = requests.modules.iter().map(|module| {
            let module = ident(module);
            quote!(#gate #[doc(no_inline)] pub use ::#lib::#module;)
        });
        let root = requests
            .root_exports
            .then(|| quote!(#gate #[doc(no_inline)] pub use ::#lib::*;));
        quote! {
            #root
            #(#modules)*
        }
    });
    let examples = facade.examples.map(|module| {
        let module = ident(module);
        quote! {
            #[cfg(test)]
            #[rustfmt::skip]
            mod #module;
        }
    });
    quote! {
        #runtime

        pub use ::#models::{API_VERSION, NAMESPACE};

        #models_glob

        #(#requests)*

        #examples
    }
}

/// A resource's `mod.rs` in the crate of `part`: its docs and one private module per item the
/// crate defines, with its re-export; items not compiled whenever the module is come last, each
/// gated by its features. An item of another namespace is re-exported by its namespace's module
/// instead, which reaches it through the crate.
pub fn resource_module(resource: &Resource, part: &ResourceModule) -> TokenStream {
    let resource_docs = inner_docs(match part.home {
        Home::Models => &resource.models_docs,
        Home::Requests => &resource.docs,
    });
    let (always, gated): (Vec<_>, Vec<_>) = resource
        .items
        .iter()
        .filter(|item| item.home == part.home)
        .partition(|item| item.features.is_empty());
    let module = |item: &Item| {
        let module = ident(&item.module);
        // An entity usually names its resource; its module then repeats the resource's name.
        let allow =
            (item.module == resource.module).then(|| quote!(#[allow(clippy::module_inception)]));
        match item.namespace {
            Some(_) => quote!(#allow pub(crate) mod #module;),
            None => quote!(#allow mod #module;),
        }
    };
    let export = |item: &Item| {
        let module = ident(&item.module);
        let name = ident(&item.name);
        item.namespace
            .is_none()
            .then(|| quote!(pub use #module::#name;))
    };
    let modules = always.iter().map(|item| module(item));
    let exports = always.iter().map(|item| export(item));
    let gated = gated.iter().map(|item| {
        let gate = gate(&item.features);
        let module = module(item);
        let export = export(item).map(|export| quote!(#gate #export));
        quote!(#gate #module #export)
    });
    quote! {
        #resource_docs
        #(#modules)*
        #(#exports)*
        #(#gated)*
    }
}

/// A namespace's module: its docs, the same module of other crates whole (publicly in the
/// crate users name, for the crate alone in a requests crate), and a re-export of each of its
/// types, gated like the type.
pub fn namespace_module(namespace: &NamespaceModule) -> TokenStream {
    let module_docs = inner_docs(&namespace.docs);
    let module = ident(&namespace.module);
    let globs = namespace.globs.iter().map(|glob| {
        let gate = gate(&glob.features);
        let lib = ident(&glob.lib_name);
        match namespace.place {
            Place::Facade => quote!(#gate #[doc(no_inline)] pub use ::#lib::#module::*;),
            // For the crate's items, which may name none of them.
            Place::Models | Place::Requests(_) => {
                quote!(#gate #[allow(unused_imports)] pub(crate) use ::#lib::#module::*;)
            }
        }
    });
    let exports = namespace.exports.iter().map(|export| {
        let gate = gate(&export.features);
        let (resource, item, name) = (
            ident(&export.resource),
            ident(&export.item),
            ident(&export.name),
        );
        quote!(#gate pub use crate::#resource::#item::#name;)
    });
    quote! {
        #module_docs
        #(#globs)*
        #(#exports)*
    }
}
