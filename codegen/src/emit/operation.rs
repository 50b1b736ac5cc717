//! Request types: one per documented operation, implementing `runtime::Operation`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{docs, ident, rust_type, type_path};
use crate::ir::{
    Accepted, Addressing, ArgumentLiteral, HeaderKind, Operation, ParameterForm, PathPart,
    PathsModel, Permissions, Presence, RequestPath, RustType,
};

/// The request type of an operation and its `Operation` impl.
pub fn operation(name: &str, operation: &Operation) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&operation.docs);

    let mut fields = Vec::new();
    // `new`'s path arguments; the rest are shared with `at`.
    let mut path_arguments = Vec::new();
    let mut arguments = Vec::new();
    let mut path_initializers = Vec::new();
    let mut initializers = Vec::new();
    let mut at_fn = None;
    match &operation.addressing {
        Addressing::Fixed(path) => {
            for parameter in &path.parameters {
                let field = ident(&parameter.name);
                let field_docs = docs(&parameter.docs);
                fields.push(quote!(#field_docs pub #field: ::std::string::String,));
                path_arguments.push(string_argument(&parameter.name));
                path_initializers.push(quote!(#field: ::core::convert::Into::into(#field)));
            }
        }
        Addressing::Choice {
            field,
            ty,
            primary,
            arguments: names,
        } => {
            let field = ident(field);
            let field_docs = docs(&format!(
                "The request path: one of the documented paths of [`{}`](crate::{}).",
                ty.name,
                ty.relative()
            ));
            let ty_docs = (ty.name.clone(), ty.relative());
            let ty = type_path(ty);
            fields.push(quote!(#field_docs pub #field: #ty,));
            path_arguments.extend(names.iter().map(|name| string_argument(name)));
            let variant = ident(&primary.name);
            let values = names.iter().zip(&primary.path.parameters).map(|(name, p)| {
                let (name, field) = (ident(name), ident(&p.name));
                quote!(#field: ::core::convert::Into::into(#name))
            });
            let value = if primary.path.parameters.is_empty() {
                quote!(#ty::#variant)
            } else {
                quote!(#ty::#variant { #(#values),* })
            };
            path_initializers.push(quote!(#field: #value));
            at_fn = Some((field, ty, ty_docs));
        }
    }
    for argument in &operation.function_arguments {
        let field = ident(&argument.field.name);
        let field_docs = docs(&argument.field.docs);
        let ty = rust_type(&argument.field.ty);
        fields.push(quote!(#field_docs pub #field: #ty,));
        arguments.push(quote!(#field: #ty));
        initializers.push(quote!(#field));
    }
    let mut setters = Vec::new();
    for parameter in &operation.query_parameters {
        let field = ident(&parameter.field.name);
        let field_docs = docs(&parameter.field.docs);
        let ty = rust_type(&parameter.field.ty);
        match &parameter.presence {
            Presence::Required => {
                fields.push(quote!(#field_docs pub #field: #ty,));
                arguments.push(quote!(#field: #ty));
                initializers.push(quote!(#field));
            }
            Presence::Optional { setter } => {
                fields.push(quote!(#field_docs pub #field: ::core::option::Option<#ty>,));
                initializers.push(quote!(#field: ::core::option::Option::None));
                let setter = ident(setter);
                let setter_docs = docs(&format!(
                    "Sends the query parameter `{}`.",
                    parameter.field.json_name
                ));
                setters.push(quote! {
                    #setter_docs
                    pub fn #setter(mut self, #field: #ty) -> Self {
                        self.#field = ::core::option::Option::Some(#field);
                        self
                    }
                });
            }
        }
    }
    for header in &operation.optional_headers {
        let field = ident(&header.field);
        let setter = ident(&header.setter);
        let header_docs = docs(&header.docs);
        if header.header == HeaderKind::ConsistencyLevelEventual
            || matches!(header.header, HeaderKind::Preference(_))
        {
            fields.push(quote!(#header_docs pub #field: bool,));
            initializers.push(quote!(#field: false));
            setters.push(quote! {
                #header_docs
                pub fn #setter(mut self) -> Self {
                    self.#field = true;
                    self
                }
            });
        } else {
            fields.push(
                quote!(#header_docs pub #field: ::core::option::Option<::std::string::String>,),
            );
            initializers.push(quote!(#field: ::core::option::Option::None));
            setters.push(quote! {
                #header_docs
                pub fn #setter(mut self, #field: impl ::core::convert::Into<::std::string::String>) -> Self {
                    self.#field = ::core::option::Option::Some(::core::convert::Into::into(#field));
                    self
                }
            });
        }
    }
    if let Some(body) = &operation.body {
        let body = ident(&body.field);
        setters.extend(operation.bindings.iter().map(|binding| {
            let method = ident(&binding.method);
            let parameter = ident(&binding.parameter);
            let additional = ident(&binding.additional);
            let relationship = &binding.relationship;
            let binding_docs = docs(&binding.docs);
            if binding.collection {
                quote! {
                    #binding_docs
                    pub fn #method(
                        mut self,
                        #parameter: impl ::core::iter::IntoIterator<
                            Item = impl ::core::convert::Into<::std::string::String>,
                        >,
                    ) -> Self {
                        crate::runtime::bind_many(&mut self.#body.#additional, #relationship, #parameter);
                        self
                    }
                }
            } else {
                quote! {
                    #binding_docs
                    pub fn #method(
                        mut self,
                        #parameter: impl ::core::convert::Into<::std::string::String>,
                    ) -> Self {
                        crate::runtime::bind_one(&mut self.#body.#additional, #relationship, #parameter);
                        self
                    }
                }
            }
        }));
        setters.extend(
            operation
                .additional_parameter
                .iter()
                .map(|additional_parameter| {
                    let method = ident(&additional_parameter.method);
                    let additional = ident(&additional_parameter.additional);
                    let method_docs = docs(&additional_parameter.docs);
                    quote! {
                        #method_docs
                        pub fn #method(
                            mut self,
                            name: impl ::core::convert::Into<::std::string::String>,
                            value: ::serde_json::Value,
                        ) -> Self {
                            ::serde_json::Map::insert(
                                &mut self.#body.#additional,
                                ::core::convert::Into::into(name),
                                value,
                            );
                            self
                        }
                    }
                }),
        );
    }
    let request_headers_fn = (!operation.optional_headers.is_empty()).then(|| {
        let calls = operation.optional_headers.iter().map(|header| {
            let field = ident(&header.field);
            match &header.header {
                HeaderKind::ConsistencyLevelEventual => {
                    quote!(.consistency_level_eventual(self.#field))
                }
                HeaderKind::Preference(preference) => quote!(.preference(#preference, self.#field)),
                HeaderKind::PreferenceValue { name, quoted: true } => {
                    quote!(.quoted(#name, self.#field.as_deref()))
                }
                HeaderKind::PreferenceValue {
                    name,
                    quoted: false,
                } => {
                    quote!(.bare(#name, self.#field.as_deref()))
                }
            }
        });
        quote! {
            fn request_headers(&self) -> crate::runtime::RequestHeaders {
                crate::runtime::RequestHeaders::new() #(#calls)*
            }
        }
    });
    let query_parameters_fn = (!operation.query_parameters.is_empty()).then(|| {
        let calls = operation.query_parameters.iter().map(|parameter| {
            let name = &parameter.field.json_name;
            let field = ident(&parameter.field.name);
            match parameter.presence {
                Presence::Required => quote!(.with(#name, &self.#field)),
                Presence::Optional { .. } => quote!(.with_optional(#name, self.#field.as_ref())),
            }
        });
        quote! {
            fn query_parameters(&self) -> crate::runtime::QueryParameters {
                crate::runtime::QueryParameters::new() #(#calls)*
            }
        }
    });
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
        if body.ty == RustType::Upload {
            return quote! {
                fn body(
                    &self,
                ) -> ::core::result::Result<::core::option::Option<::std::vec::Vec<u8>>, ::serde_json::Error> {
                    ::core::result::Result::Ok(::core::option::Option::Some(self.#field.bytes.clone()))
                }

                fn body_content_type(&self) -> &str {
                    &self.#field.content_type
                }
            };
        }
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
    let reads_body = (!operation.reads_body).then(|| {
        quote!(
            const READS_BODY: bool = false;
        )
    });
    let documented_name = &operation.documented_name;
    let method = ident(operation.method.as_str());
    let status = ident(operation.success.constant());
    let output = rust_type(&operation.output);
    let availability = match &operation.national_clouds {
        Some(clouds) => {
            let clouds = clouds.iter().map(|cloud| {
                let cloud = ident(cloud.variant());
                quote!(crate::runtime::NationalCloud::#cloud)
            });
            quote!(crate::runtime::Availability::Listed(&[#(#clouds),*]))
        }
        None => quote!(crate::runtime::Availability::NotStated),
    };
    let permissions = permissions(&operation.permissions);
    let headers = operation
        .headers
        .iter()
        .map(|(name, value)| quote!((#name, #value)));
    let mut inputs = Vec::new();
    if !path_arguments.is_empty() {
        inputs.push("path parameters");
    }
    if !operation.function_arguments.is_empty() {
        inputs.push("function arguments");
    }
    if operation
        .query_parameters
        .iter()
        .any(|parameter| parameter.presence == Presence::Required)
    {
        inputs.push("required query parameters");
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
    let at_fn = at_fn.map(|(field, ty, (name, relative))| {
        let at_docs = docs(&format!(
            "Creates the request for any of its documented paths (see [`{name}`](crate::{relative})), \
             with its other inputs as for [`new`](Self::new)."
        ));
        let allow_many =
            (arguments.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            #at_docs
            #allow_many
            pub fn at(#field: #ty, #(#arguments),*) -> Self {
                Self { #field, #(#initializers),* }
            }
        }
    });
    let arguments: Vec<TokenStream> = path_arguments.into_iter().chain(arguments).collect();
    let initializers: Vec<TokenStream> =
        path_initializers.into_iter().chain(initializers).collect();
    // A request without arguments can also be made with `Default::default()`: derived, or the
    // primary path's when the path is a choice.
    let default_impl = (arguments.is_empty()
        && matches!(operation.addressing, Addressing::Choice { .. }))
    .then(|| {
        quote! {
            impl ::core::default::Default for #type_name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let derive = if arguments.is_empty() && matches!(operation.addressing, Addressing::Fixed(_)) {
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

            #at_fn

            #(#setters)*
        }

        #default_impl

        impl crate::runtime::Operation for #type_name {
            type Output = #output;

            const INFO: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
                name: #documented_name,
                method: crate::runtime::http::Method::#method,
                success: crate::runtime::http::StatusCode::#status,
                national_clouds: #availability,
                permissions: #permissions,
                headers: &[#(#headers),*],
            };
            #reads_body

            fn api_version(&self) -> &str {
                crate::API_VERSION
            }

            fn path(&self) -> ::core::result::Result<::std::string::String, crate::runtime::BuildError> {
                #path
            }

            #query_parameters_fn

            #request_headers_fn

            #query_fn

            #body_fn

            #no_content_fn
        }
    }
}

/// The `runtime::Permissions` value of a Permissions table.
fn permissions(table: &Permissions) -> TokenStream {
    let [work, personal, application] = [
        &table.delegated_work_or_school,
        &table.delegated_personal_account,
        &table.application,
    ]
    .map(|accepted| match accepted {
        Accepted::AnyOf(names) => quote!(crate::runtime::Accepted::AnyOf(&[#(#names),*])),
        Accepted::NotSupported => quote!(crate::runtime::Accepted::NotSupported),
        Accepted::NotStated(_) => quote!(crate::runtime::Accepted::NotStated),
    });
    quote! {
        crate::runtime::Permissions {
            delegated_work_or_school: #work,
            delegated_personal_account: #personal,
            application: #application,
        }
    }
}

/// `name: impl Into<String>`, a path parameter of `new`.
fn string_argument(name: &str) -> TokenStream {
    let name = ident(name);
    quote!(#name: impl ::core::convert::Into<::std::string::String>)
}

/// The body of `Operation::path`: a constant for a template without parameters, otherwise one
/// `RequestPath` chain over the template's pieces, or over the chosen variant's.
fn path(operation: &Operation) -> TokenStream {
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
    match &operation.addressing {
        Addressing::Fixed(path) if path.parameters.is_empty() && arguments.is_none() => {
            let text: String = path
                .parts
                .iter()
                .map(|part| match part {
                    PathPart::Literal(text) => text.as_str(),
                    PathPart::Parameter(..) => "",
                })
                .collect();
            quote!(::core::result::Result::Ok(::std::string::String::from(#text)))
        }
        Addressing::Fixed(path) => {
            let pieces = pieces(path, |field| quote!(&self.#field));
            quote!(crate::runtime::RequestPath::new() #pieces #arguments .finish())
        }
        Addressing::Choice { field, .. } => {
            let field = ident(field);
            quote!(self.#field.request_path() #arguments .finish())
        }
    }
}

/// The `RequestPath` calls that write `path`, each parameter read through `value(field)`.
fn pieces(path: &RequestPath, value: impl Fn(&proc_macro2::Ident) -> TokenStream) -> TokenStream {
    path.parts
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => quote!(.literal(#text)),
            PathPart::Parameter(index, form) => {
                let parameter = &path.parameters[*index];
                let documented = &parameter.documented_name;
                let value = value(&ident(&parameter.name));
                match form {
                    ParameterForm::Segment => quote!(.segment(#documented, #value)),
                    ParameterForm::Quoted => quote!(.quoted(#value)),
                    ParameterForm::Bare => quote!(.bare(#documented, #value)),
                    ParameterForm::ItemPath => quote!(.item_path(#documented, #value)),
                }
            }
        })
        .collect()
}

/// The enum of an operation's documented request paths, and the path each variant addresses.
pub fn paths(name: &str, model: &PathsModel) -> TokenStream {
    let type_name = ident(name);
    let type_docs = docs(&model.docs);
    let variants = model.variants.iter().map(|variant| {
        let variant_docs = docs(&variant.docs);
        let variant_name = ident(&variant.name);
        if variant.path.parameters.is_empty() {
            return quote!(#variant_docs #variant_name,);
        }
        let fields = variant.path.parameters.iter().map(|p| {
            let field_docs = docs(&p.docs);
            let field = ident(&p.name);
            quote!(#field_docs #field: ::std::string::String,)
        });
        quote!(#variant_docs #variant_name { #(#fields)* },)
    });
    let arms = model.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let bindings = variant.path.parameters.iter().map(|p| ident(&p.name));
        let pattern = if variant.path.parameters.is_empty() {
            quote!(Self::#variant_name)
        } else {
            quote!(Self::#variant_name { #(#bindings),* })
        };
        let pieces = pieces(&variant.path, |field| quote!(#field));
        quote!(#pattern => crate::runtime::RequestPath::new() #pieces,)
    });
    quote! {
        #type_docs
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #type_name {
            #(#variants)*
        }

        impl #type_name {
            /// The path below the version root, each parameter encoded as its place in the
            /// path asks; [`RequestPath::finish`](crate::runtime::RequestPath::finish) reports
            /// a parameter that cannot be written there.
            pub fn request_path(&self) -> crate::runtime::RequestPath {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}
