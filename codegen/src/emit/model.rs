//! Entity models, their `PATCH` bodies, action parameters and polymorphic enums.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use syn::ext::IdentExt as _;

use super::{docs, gate, ident, rust_type, type_path};
use crate::ir::{Field, Model, OwnFields, ParametersModel, PatchModel, PolymorphicModel};

/// The field every model and body has for properties the spec does not know.
fn additional_properties(field: &str) -> TokenStream {
    let field = ident(field);
    quote! {
        /// Properties the documentation does not list, kept so that they survive a round trip.
        pub #field: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
}

/// Public fields of type `wrapper<T>`.
fn wrapped_fields(fields: &[Field], wrapper: &TokenStream) -> TokenStream {
    fields
        .iter()
        .map(|field| {
            let field_docs = docs(&field.docs);
            let field_name = ident(&field.name);
            let ty = rust_type(&field.ty);
            quote! {
                #field_docs
                pub #field_name: #wrapper<#ty>,
            }
        })
        .collect()
}

/// `Debug` and `Serialize` through the runtime's routines over [`properties`], and with
/// `deserialize`, `Deserialize` through its object reader over [`object`]. Each is one call:
/// derived, they were most of the crate's compile time.
fn runtime_impls(type_name: &Ident, deserialize: bool) -> TokenStream {
    let deserialize = deserialize.then(|| {
        quote! {
            impl<'de> ::serde::Deserialize<'de> for #type_name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    crate::runtime::deserialize_object(deserializer)
                }
            }
        }
    });
    quote! {
        impl ::core::fmt::Debug for #type_name {
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                crate::runtime::debug_object(self, formatter)
            }
        }

        impl ::serde::Serialize for #type_name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                crate::runtime::serialize_object(self, serializer)
            }
        }

        #deserialize
    }
}

/// The field holding `@odata.type` (none in an action's parameters), and the one keeping
/// undocumented properties.
struct OwnIdents {
    odata_type: Option<Ident>,
    additional: Ident,
}

impl OwnIdents {
    fn new(own: &OwnFields) -> Self {
        Self {
            odata_type: Some(ident(&own.odata_type)),
            additional: ident(&own.additional_properties),
        }
    }
}

/// `runtime::Properties`: every field, with its JSON and Rust names, in declaration order.
fn properties(name: &str, own: &OwnIdents, fields: &[Field]) -> TokenStream {
    let type_name = ident(name);
    let odata = own.odata_type.as_ref().map(|field| {
        let rust_name = field.unraw().to_string();
        quote!(visitor.property("@odata.type", #rust_name, &self.#field);)
    });
    let documented = fields.iter().map(|field| {
        let json_name = &field.json_name;
        let field = ident(&field.name);
        let rust_name = field.unraw().to_string();
        quote!(visitor.property(#json_name, #rust_name, &self.#field);)
    });
    let additional = {
        let field = &own.additional;
        let rust_name = field.unraw().to_string();
        quote!(visitor.additional(#rust_name, &self.#field);)
    };
    quote! {
        impl crate::runtime::Properties for #type_name {
            const NAME: &'static str = #name;

            fn visit<V: crate::runtime::PropertyVisitor>(&self, visitor: &mut V) {
                #odata
                #(#documented)*
                #additional
            }
        }
    }
}

/// `runtime::Object`: reads each documented property by its JSON name.
fn object(name: &str, own: &OwnIdents, fields: &[Field]) -> TokenStream {
    let type_name = ident(name);
    let odata = own
        .odata_type
        .as_ref()
        .map(|field| quote!("@odata.type" => crate::runtime::read_into(map, &mut self.#field),));
    let documented = fields.iter().map(|field| {
        let json_name = &field.json_name;
        let field = ident(&field.name);
        quote!(#json_name => crate::runtime::read_into(map, &mut self.#field),)
    });
    let additional = &own.additional;
    quote! {
        impl crate::runtime::Object for #type_name {
            fn read_property<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::core::result::Result<bool, A::Error> {
                match key {
                    #odata
                    #(#documented)*
                    _ => ::core::result::Result::Ok(false),
                }
            }

            fn additional_properties(
                &mut self,
            ) -> &mut ::serde_json::Map<::std::string::String, ::serde_json::Value> {
                &mut self.#additional
            }
        }
    }
}

/// An entity as Graph returns it: every property optional, unknown ones kept.
pub fn model(name: &str, model: &Model) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&model.docs);
    let odata_type = &model.odata_type;
    let own = OwnIdents::new(&model.own);
    let odata_field = ident(&model.own.odata_type);
    let odata_docs = docs(&format!(
        "The `@odata.type` the object was sent with: `{odata_type}` for this type itself."
    ));
    let fields = wrapped_fields(&model.fields, &quote!(::core::option::Option));
    let additional = additional_properties(&model.own.additional_properties);
    let runtime = runtime_impls(&type_name, true);
    let properties = properties(name, &own, &model.fields);
    let object = object(name, &own, &model.fields);
    quote! {
        #type_docs
        #[derive(Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #type_name {
            #odata_docs
            pub #odata_field: ::core::option::Option<::std::string::String>,
            #fields
            #additional
        }

        impl #type_name {
            /// The `@odata.type` of this type.
            pub const ODATA_TYPE: &'static str = #odata_type;
        }

        #runtime
        #properties
        #object
    }
}

/// The `PATCH` body of an entity: three-state properties, `@odata.type` always sent.
pub fn patch(name: &str, patch: &PatchModel) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&patch.docs);
    let odata_type = &patch.odata_type;
    let own = OwnIdents::new(&patch.own);
    let odata_field = ident(&patch.own.odata_type);
    let additional_field = &own.additional;
    let fields = wrapped_fields(&patch.fields, &quote!(crate::runtime::Patch));
    let defaults = patch.fields.iter().map(|field| {
        let field_name = ident(&field.name);
        quote!(#field_name: crate::runtime::Patch::Unchanged,)
    });
    let additional = additional_properties(&patch.own.additional_properties);
    let runtime = runtime_impls(&type_name, false);
    let properties = properties(name, &own, &patch.fields);
    quote! {
        #type_docs
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #type_name {
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

        #runtime
        #properties
    }
}

/// An action's parameters: each optional, sent when set; members the table does not list
/// kept, as a model keeps undocumented properties.
pub fn parameters(name: &str, parameters: &ParametersModel) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&parameters.docs);
    let own = OwnIdents {
        odata_type: None,
        additional: ident(&parameters.additional_properties),
    };
    let fields = wrapped_fields(&parameters.fields, &quote!(::core::option::Option));
    let additional = additional_properties(&parameters.additional_properties);
    let runtime = runtime_impls(&type_name, true);
    let properties = properties(name, &own, &parameters.fields);
    let object = object(name, &own, &parameters.fields);
    quote! {
        #type_docs
        #[derive(Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #type_name {
            #fields
            #additional
        }

        #runtime
        #properties
        #object
    }
}

/// An enum over a base type and its derived types, read by `@odata.type`.
pub fn polymorphic(name: &str, polymorphic: &PolymorphicModel) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&polymorphic.docs);
    let variants = polymorphic.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let variant_docs = docs(&format!("A [`{0}`](crate::{0}).", variant.ty.relative()));
        let gate = gate(&variant.features);
        let ty = type_path(&variant.ty);
        quote!(#variant_docs #gate #variant_name(#ty),)
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
