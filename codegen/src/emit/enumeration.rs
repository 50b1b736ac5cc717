//! Forward-compatible enums: documented members plus a variant that keeps any other value.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident};
use crate::ir::Enumeration;

/// A documented enum with string serde impls and a catch-all variant.
pub fn enumeration(name: &str, enumeration: &Enumeration) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&enumeration.docs);
    let undocumented = ident(&enumeration.undocumented_variant);
    let variants = enumeration.variants.iter().map(|variant| {
        let variant_docs = docs(&variant.docs);
        let variant_name = ident(&variant.name);
        quote! {
            #variant_docs
            #variant_name,
        }
    });
    let from_docs = docs(&format!(
        "Never fails: a value that is not documented becomes [`{name}::{}`].",
        enumeration.undocumented_variant
    ));
    let names: Vec<_> = enumeration
        .variants
        .iter()
        .map(|v| ident(&v.name))
        .collect();
    let values: Vec<_> = enumeration
        .variants
        .iter()
        .map(|v| v.json_value.as_str())
        .collect();
    quote! {
        #type_docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #type_name {
            #(#variants)*
            /// A value the documentation did not list when this crate was generated, kept
            /// verbatim.
            #undocumented(crate::runtime::UnknownValue),
        }

        impl #type_name {
            /// The documented JSON values, in documentation order.
            pub const DOCUMENTED_VALUES: &'static [&'static str] = &[#(#values),*];

            /// The JSON value, exactly as documented or as received.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#names => #values,)*
                    Self::#undocumented(value) => value.as_str(),
                }
            }
        }

        impl ::core::convert::From<&str> for #type_name {
            #from_docs
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#names,)*
                    other => Self::#undocumented(crate::runtime::UnknownValue::new(other)),
                }
            }
        }

        impl ::core::str::FromStr for #type_name {
            type Err = ::core::convert::Infallible;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                ::core::result::Result::Ok(Self::from(value))
            }
        }

        impl ::core::fmt::Display for #type_name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #type_name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #type_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                crate::runtime::deserialize_enum(deserializer)
            }
        }
    }
}
