//! Request types: one per documented operation, implementing `runtime::Operation`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident, rust_type};
use crate::ir::{ArgumentLiteral, Operation, PathPart, RustType};

/// The request type of an operation and its `Operation` impl.
pub fn operation(name: &str, operation: &Operation) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&operation.docs);

    let mut fields = Vec::new();
    let mut arguments = Vec::new();
    let mut initializers = Vec::new();
    for parameter in &operation.parameters {
        let field = ident(&parameter.name);
        let field_docs = docs(&parameter.docs);
        fields.push(quote!(#field_docs pub #field: ::std::string::String,));
        arguments.push(quote!(#field: impl ::core::convert::Into<::std::string::String>));
        initializers.push(quote!(#field: ::core::convert::Into::into(#field)));
    }
    for argument in &operation.function_arguments {
        let field = ident(&argument.field.name);
        let field_docs = docs(&argument.field.docs);
        let ty = rust_type(&argument.field.ty);
        fields.push(quote!(#field_docs pub #field: #ty,));
        arguments.push(quote!(#field: #ty));
        initializers.push(quote!(#field));
    }
    let query_fn = operation.query_field.as_ref().map(|query| {
        let query = ident(query);
        fields.push(quote! {
            /// OData query options: `$select`, `$filter`, `$top`, … (none by default).
            pub #query: crate::runtime::QueryOptions,
        });
        initializers.push(quote!(#query: crate::runtime::QueryOptions::new()));
        quote! {
            fn query(&self) -> ::core::option::Option<&crate::runtime::QueryOptions> {
                ::core::option::Option::Some(&self.#query)
            }
        }
    });
    let body_fn = operation.body.as_ref().map(|body| {
        let field = ident(&body.field);
        let body_docs = docs(&body.docs);
        let ty = rust_type(&body.ty);
        fields.push(quote!(#body_docs pub #field: #ty,));
        arguments.push(quote!(#field: #ty));
        initializers.push(quote!(#field));
        quote! {
            fn body(
                &self,
            ) -> ::core::result::Result<::core::option::Option<::std::vec::Vec<u8>>, ::serde_json::Error> {
                ::serde_json::to_vec(&self.#field).map(::core::option::Option::Some)
            }
        }
    });

    let path = path(operation);
    let no_content_fn = operation.accepts_no_content.then(|| {
        let nothing = match &operation.output {
            RustType::Updated(_) => quote!(crate::runtime::Updated::NoContent),
            _ => quote!(()),
        };
        quote! {
            fn no_content() -> ::core::option::Option<Self::Output> {
                ::core::option::Option::Some(#nothing)
            }
        }
    });
    let documented_name = &operation.documented_name;
    let method = ident(operation.method.as_str());
    let status = ident(operation.success.constant());
    let output = rust_type(&operation.output);
    let clouds = operation.national_clouds.iter().map(|cloud| {
        let cloud = ident(cloud.variant());
        quote!(crate::runtime::NationalCloud::#cloud)
    });
    let headers = operation
        .headers
        .iter()
        .map(|(name, value)| quote!((#name, #value)));
    let mut inputs = Vec::new();
    if !operation.parameters.is_empty() {
        inputs.push("path parameters");
    }
    if !operation.function_arguments.is_empty() {
        inputs.push("function arguments");
    }
    if operation.body.is_some() {
        inputs.push("body");
    }
    let new_docs = docs(&match inputs.as_slice() {
        [] => "Creates the request.".to_owned(),
        [only] => format!("Creates the request from its {only}."),
        [first @ .., last] => format!(
            "Creates the request from its {} and {last}.",
            first.join(", ")
        ),
    });
    // A request without arguments can also be made with `Default::default()`.
    let derive = if arguments.is_empty() {
        quote!(#[derive(Debug, Clone, Default, PartialEq)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    let struct_body = if fields.is_empty() {
        quote!(;)
    } else {
        quote!({ #(#fields)* })
    };
    // Every documented input is an argument of `new`, as many as the page lists.
    let allow_many = (arguments.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let constructor = if initializers.is_empty() {
        quote!(Self)
    } else {
        quote!(Self { #(#initializers),* })
    };
    quote! {
        #type_docs
        #derive
        #[non_exhaustive]
        pub struct #type_name #struct_body

        impl #type_name {
            #new_docs
            #allow_many
            pub fn new(#(#arguments),*) -> Self {
                #constructor
            }
        }

        impl crate::runtime::Operation for #type_name {
            type Output = #output;

            const NAME: &'static str = #documented_name;
            const METHOD: crate::runtime::http::Method = crate::runtime::http::Method::#method;
            const SUCCESS: crate::runtime::http::StatusCode =
                crate::runtime::http::StatusCode::#status;
            const NATIONAL_CLOUDS: &'static [crate::runtime::NationalCloud] = &[#(#clouds),*];
            const HEADERS: &'static [(&'static str, &'static str)] = &[#(#headers),*];

            fn path(&self) -> ::core::result::Result<::std::string::String, crate::runtime::BuildError> {
                #path
            }

            #query_fn

            #body_fn

            #no_content_fn
        }
    }
}

/// The body of `Operation::path`: a constant for a template without parameters, otherwise one
/// `RequestPath` chain over the template's pieces.
fn path(operation: &Operation) -> TokenStream {
    if operation.parameters.is_empty() && operation.function_arguments.is_empty() {
        let text: String = operation
            .path
            .iter()
            .map(|part| match part {
                PathPart::Literal(text) => text.as_str(),
                PathPart::Parameter(_) => "",
            })
            .collect();
        return quote!(::core::result::Result::Ok(::std::string::String::from(#text)));
    }
    let pieces = operation.path.iter().map(|part| match part {
        PathPart::Literal(text) => quote!(.literal(#text)),
        PathPart::Parameter(index) => {
            let parameter = &operation.parameters[*index];
            let documented = &parameter.documented_name;
            let field = ident(&parameter.name);
            quote!(.segment(#documented, &self.#field)?)
        }
    });
    let arguments = (!operation.function_arguments.is_empty()).then(|| {
        let calls = operation.function_arguments.iter().map(|argument| {
            let json = &argument.field.json_name;
            let field = ident(&argument.field.name);
            match argument.literal {
                ArgumentLiteral::Quoted => quote!(.quoted(#json, &self.#field)),
                ArgumentLiteral::Bare => quote!(.bare(#json, &self.#field)),
                ArgumentLiteral::Prefixed(prefix) => {
                    quote!(.prefixed(#json, #prefix, &self.#field))
                }
                ArgumentLiteral::Json => quote!(.json(#json, &self.#field)?),
            }
        });
        quote!(.arguments(crate::runtime::FunctionArguments::new() #(#calls)*))
    });
    quote! {
        ::core::result::Result::Ok(
            crate::runtime::RequestPath::new() #(#pieces)* #arguments .finish()
        )
    }
}
