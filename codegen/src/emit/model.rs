//! Entity models, their `PATCH` bodies, action parameters and polymorphic enums.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, gate, ident, rust_type};
use crate::ir::{Field, Model, OwnFields, ParametersModel, PatchModel, PolymorphicModel};

/// The field every model and body has for properties the spec does not know.
fn additional_properties(own: &OwnFields) -> TokenStream {
    let field = ident(&own.additional_properties);
    quote! {
        /// Properties the documentation does not list, kept so that they survive a round trip.
        #[serde(flatten)]
        pub #field: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
}

/// An entity as Graph returns it: every property optional, unknown ones kept. `Serialize` is
/// derived; `Deserialize` is the runtime's object reader given the property names, which
/// compiles faster than the derive with `#[serde(flatten)]` (see `runtime/object.rs`).
pub fn model(name: &str, model: &Model) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&model.docs);
    let odata_type = &model.odata_type;
    let odata_field = ident(&model.own.odata_type);
    let additional_field = ident(&model.own.additional_properties);
    let odata_docs = docs(&format!(
        "The `@odata.type` the object was sent with: `{odata_type}` for this type itself."
    ));
    let fields = wrapped_fields(
        &model.fields,
        &quote!(::core::option::Option),
        "::core::option::Option::is_none",
    );
    let additional = additional_properties(&model.own);
    let names = model.fields.iter().map(|f| ident(&f.name));
    let json_names = model.fields.iter().map(|f| f.json_name.as_str());
    quote! {
        #type_docs
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct #type_name {
            #odata_docs
            #[serde(rename = "@odata.type", skip_serializing_if = "::core::option::Option::is_none")]
            pub #odata_field: ::core::option::Option<::std::string::String>,
            #fields
            #additional
        }

        impl #type_name {
            /// The `@odata.type` of this type.
            pub const ODATA_TYPE: &'static str = #odata_type;
        }

        impl<'de> ::serde::Deserialize<'de> for #type_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                crate::runtime::deserialize_object(deserializer)
            }
        }

        impl crate::runtime::Object for #type_name {
            const NAME: &'static str = #name;

            fn read_property<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::core::result::Result<bool, A::Error> {
                match key {
                    "@odata.type" => self.#odata_field = map.next_value()?,
                    #(#json_names => self.#names = map.next_value()?,)*
                    _ => return ::core::result::Result::Ok(false),
                }
                ::core::result::Result::Ok(true)
            }

            fn additional_properties(
                &mut self,
            ) -> &mut ::serde_json::Map<::std::string::String, ::serde_json::Value> {
                &mut self.#additional_field
            }
        }
    }
}

/// The `PATCH` body of an entity: three-state properties, `@odata.type` always sent.
pub fn patch(name: &str, patch: &PatchModel) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&patch.docs);
    let odata_type = &patch.odata_type;
    let odata_field = ident(&patch.own.odata_type);
    let additional_field = ident(&patch.own.additional_properties);
    let fields = wrapped_fields(
        &patch.fields,
        &quote!(crate::runtime::Patch),
        "crate::runtime::Patch::is_unchanged",
    );
    let defaults = patch.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        quote!(#field_name: crate::runtime::Patch::Unchanged,)
    });
    let additional = additional_properties(&patch.own);
    quote! {
        #type_docs
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct #type_name {
            #[serde(rename = "@odata.type")]
            #odata_field: &'static str,
            #fields
            #additional
        }

        impl #type_name {
            /// The `@odata.type` every body carries.
            pub const ODATA_TYPE: &'static str = #odata_type;
        }

        impl ::core::default::Default for #type_name {
            /// A body that changes nothing.
            fn default() -> Self {
                Self {
                    #odata_field: Self::ODATA_TYPE,
                    #(#defaults)*
                    #additional_field: ::serde_json::Map::new(),
                }
            }
        }
    }
}

/// Public fields of type `wrapper<T>`, left out of the JSON when `skip` says so.
fn wrapped_fields(fields: &[Field], wrapper: &TokenStream, skip: &str) -> TokenStream {
    fields
        .iter()
        .map(|field| {
            let field_docs = docs(&field.docs);
            let field_name = ident(&field.name);
            let ty = rust_type(&field.ty);
            let serde = match &field.serde_rename {
                Some(json) => quote!(#[serde(rename = #json, skip_serializing_if = #skip)]),
                None => quote!(#[serde(skip_serializing_if = #skip)]),
            };
            quote! {
                #field_docs
                #serde
                pub #field_name: #wrapper<#ty>,
            }
        })
        .collect()
}

/// An action's parameters: each optional, sent when set.
pub fn parameters(name: &str, parameters: &ParametersModel) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&parameters.docs);
    let fields = wrapped_fields(
        &parameters.fields,
        &quote!(::core::option::Option),
        "::core::option::Option::is_none",
    );
    quote! {
        #type_docs
        #[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub struct #type_name {
            #fields
        }
    }
}

/// An enum over a base type and its derived types, read by `@odata.type`.
pub fn polymorphic(name: &str, polymorphic: &PolymorphicModel) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&polymorphic.docs);
    let variants = polymorphic.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let variant_docs = docs(&format!("A [`{0}`](crate::{0}).", variant.name));
        let gate = gate(&variant.features);
        quote!(#variant_docs #gate #variant_name(crate::#variant_name),)
    });
    let serialize = polymorphic.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let gate = gate(&variant.features);
        quote!(#gate Self::#variant_name(value) => ::serde::Serialize::serialize(value, serializer),)
    });
    // The base type reads whatever no derived type claims, and whatever a type compiled out
    // would have.
    let (base, derived) = polymorphic
        .variants
        .split_first()
        .expect("the base type is always a variant");
    let base = ident(&base.name);
    let deserialize = derived.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let odata_type = &variant.odata_type;
        let gate = gate(&variant.features);
        quote!(#gate ::core::option::Option::Some(#odata_type) => ::serde_json::from_value(value).map(Self::#variant_name),)
    });
    quote! {
        #type_docs
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(
            clippy::large_enum_variant,
            reason = "values are matched by variant; boxing each would cost every reader"
        )]
        pub enum #type_name {
            #(#variants)*
        }

        impl ::serde::Serialize for #type_name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    #(#serialize)*
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #type_name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let read = match crate::runtime::odata_type(&value) {
                    #(#deserialize)*
                    _ => ::serde_json::from_value(value).map(Self::#base),
                };
                read.map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    }
}
