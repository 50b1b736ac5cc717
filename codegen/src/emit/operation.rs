//! Request types: one per documented operation, implementing `runtime::Operation`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident, rust_type};
use crate::ir::{Operation, PathPart, RustType};

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
        fields.push(quote!(#field_docs pub #field: String,));
        arguments.push(quote!(#field: impl Into<String>));
        initializers.push(quote!(#field: #field.into()));
    }
    for argument in &operation.function_arguments {
        let field = ident(&argument.field.name);
        let field_docs = docs(&argument.field.docs);
        let ty = rust_type(&argument.field.ty);
        fields.push(quote!(#field_docs pub #field: #ty,));
        arguments.push(quote!(#field: #ty));
        initializers.push(quote!(#field));
    }
    let query_fn = operation.query_options.then(|| {
        fields.push(quote! {
            /// OData query options: `$select`, `$filter`, `$top`, … (none by default).
            pub query: crate::runtime::QueryOptions,
        });
        initializers.push(quote!(query: crate::runtime::QueryOptions::new()));
        quote! {
            fn query(&self) -> Option<&crate::runtime::QueryOptions> {
                Some(&self.query)
            }
        }
    });
    let body_fn = operation.body.as_ref().map(|body| {
        let body_docs = docs(&body.docs);
        let ty = rust_type(&body.ty);
        fields.push(quote!(#body_docs pub body: #ty,));
        arguments.push(quote!(body: #ty));
        initializers.push(quote!(body));
        quote! {
            fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
                serde_json::to_vec(&self.body).map(Some)
            }
        }
    });

    // Each parameter is encoded into a local, then the path is one `format!` of the template.
    let mut format = String::new();
    let mut segments = Vec::new();
    for part in &operation.path {
        match part {
            PathPart::Literal(text) => format.push_str(text),
            PathPart::Parameter(index) => {
                let parameter = &operation.parameters[*index];
                let documented = &parameter.documented_name;
                let field = ident(&parameter.name);
                let binding = ident(&parameter.binding);
                format.push_str(&format!("{{{}}}", parameter.binding));
                segments.push(quote! {
                    let #binding = PathSegment::new(#documented, &self.#field)?;
                });
            }
        }
    }
    if !operation.function_arguments.is_empty() {
        let calls = operation.function_arguments.iter().map(|argument| {
            let json = &argument.field.json_name;
            let field = ident(&argument.field.name);
            if argument.quoted {
                quote!(.quoted(#json, &self.#field))
            } else {
                quote!(.bare(#json, &self.#field))
            }
        });
        format.push_str("{arguments}");
        segments.push(quote! {
            let arguments = crate::runtime::FunctionArguments::new() #(#calls)*;
        });
    }
    let path = if segments.is_empty() {
        quote!(Ok(#format.to_owned()))
    } else {
        quote!(#(#segments)* Ok(format!(#format)))
    };
    let path_segment_import = (!operation.parameters.is_empty()).then(|| {
        quote!(
            use crate::runtime::PathSegment;
        )
    });

    let no_content_fn = operation.accepts_no_content.then(|| {
        let nothing = match &operation.output {
            RustType::Updated(_) => quote!(crate::runtime::Updated::NoContent),
            _ => quote!(()),
        };
        quote! {
            fn no_content() -> Option<Self::Output> {
                Some(#nothing)
            }
        }
    });
    let documented_name = &operation.documented_name;
    let method = ident(&operation.method);
    let status = ident(operation.success_status_name);
    let output = rust_type(&operation.output);
    let clouds = operation.national_clouds.iter().map(|cloud| {
        let cloud = ident(cloud);
        quote!(NationalCloud::#cloud)
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
    let constructor = if initializers.is_empty() {
        quote!(Self)
    } else {
        quote!(Self { #(#initializers),* })
    };
    quote! {
        use crate::runtime::http::{Method, StatusCode};
        use crate::runtime::{BuildError, NationalCloud, Operation};
        #path_segment_import

        #type_docs
        #derive
        #[non_exhaustive]
        pub struct #type_name #struct_body

        impl #type_name {
            #new_docs
            pub fn new(#(#arguments),*) -> Self {
                #constructor
            }
        }

        impl Operation for #type_name {
            type Output = #output;

            const NAME: &'static str = #documented_name;
            const METHOD: Method = Method::#method;
            const SUCCESS: StatusCode = StatusCode::#status;
            const NATIONAL_CLOUDS: &'static [NationalCloud] = &[#(#clouds),*];
            const HEADERS: &'static [(&'static str, &'static str)] = &[#(#headers),*];

            fn path(&self) -> Result<String, BuildError> {
                #path
            }

            #query_fn

            #body_fn

            #no_content_fn
        }
    }
}
