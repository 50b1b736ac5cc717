//! The rustdoc of an operation: its documented sections and a doc test that builds the
//! request and reads a response.

use std::fmt::Write as _;

use super::Lowering;
use crate::docs;
use crate::ir::{Accepted, Operation, Presence, RustType, TypePath};
use crate::spec;

impl Lowering<'_, '_> {
    pub(super) fn operation_docs(
        &self,
        item: &spec::Endpoint,
        path: &TypePath,
        operation: &Operation,
    ) -> String {
        let mut text = format!("{}\n\n", self.doc(&item.name.value));
        text.push_str(&self.page_docs(&item.summary, &item.page));
        let _ = write!(text, "\n\n`{} {}`", item.method.value, item.path.value);

        text.push_str("\n\n# Permissions\n\n| Permission type | Permissions (from least to most privileged) |\n|:---|:---|");
        for (permission_type, accepted) in operation.permissions.rows() {
            let cell = match accepted {
                Accepted::AnyOf(names) => names
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                Accepted::NotSupported => "Not supported.".to_owned(),
                Accepted::NotStated(text) => format!(
                    "Not stated: the page's table reads `{}`.",
                    docs::table_cell(text)
                ),
            };
            let _ = write!(text, "\n| {permission_type} | {cell} |");
        }
        text.push_str(
            "\n\nThe same table is the `permissions` of [`Operation::INFO`](crate::runtime::Operation::INFO); \
             [`least_privilege`](crate::runtime::least_privilege) picks the fewest permissions \
             for the operations a program calls.",
        );

        text.push_str("\n\n# National clouds\n\n");
        match &operation.national_clouds {
            Some(clouds) => {
                let clouds: Vec<String> = clouds
                    .iter()
                    .map(|cloud| {
                        let v = cloud.variant();
                        format!("[`NationalCloud::{v}`](crate::runtime::NationalCloud::{v})")
                    })
                    .collect();
                let _ = write!(
                    text,
                    "Available in {}; a request to another cloud is refused before sending.",
                    clouds.join(", ")
                );
            }
            None => text.push_str(
                "The documentation does not say which national clouds offer this operation: \
                 the request goes to any cloud, and the service decides.",
            ),
        }

        text.push_str("\n\n# Request headers\n\n| Header | Value |\n|:---|:---|");
        for header in &item.headers {
            let required = if header.required { " Required." } else { "" };
            let _ = write!(
                text,
                "\n| {} | {}{required} |",
                docs::table_cell(&header.name),
                self.doc(&docs::table_cell(&header.value))
            );
        }

        if let Some(body) = &operation.body {
            let _ = write!(text, "\n\n# Request body\n\n{}", body.docs);
        }
        let _ = write!(
            text,
            "\n\n# Response\n\n{}",
            self.doc(&item.response.description)
        );
        let output = match &operation.output {
            RustType::Content => Some(
                "The output is the content, as [`runtime::Content`](crate::runtime::Content): the \
                 client follows a redirect to it without the token, and a `Range` header \
                 answered `206 Partial Content` reads the same way.",
            ),
            RustType::Text => {
                Some("The output is the body as text, [`runtime::Text`](crate::runtime::Text).")
            }
            RustType::Location => Some(
                "The output is the `Location` header, [`runtime::Location`](crate::runtime::Location); \
                 [`Location::monitor`](crate::runtime::Location::monitor) reads a long-running \
                 operation's status there (without the token outside the service root).",
            ),
            _ => None,
        };
        if let Some(output) = output {
            let _ = write!(text, "\n\n{output}");
        }
        let _ = write!(
            text,
            "\n\n# Example\n\n```\n{}```",
            self.example(path, operation)
        );
        let _ = write!(
            text,
            "\n\n[Documentation]({})",
            docs::page_url(&item.page.source.value, self.version)
        );
        super::exact(text)
    }

    /// A doc test that builds the request and reads a response.
    pub(super) fn example(&self, path: &TypePath, operation: &Operation) -> String {
        let krate = &self.lib_name;
        let mut code =
            format!("use {krate}::runtime::{{AccessToken, NationalCloud, Operation, http}};\n");
        code.push_str(&self.construction(path, operation));
        let cloud = operation
            .national_clouds
            .as_ref()
            .and_then(|clouds| clouds.first())
            .map_or("Global", |cloud| cloud.variant());
        let _ = writeln!(
            code,
            "let request = operation.to_http_request(NationalCloud::{cloud}, &AccessToken::new(\"<token>\"))?;"
        );
        let _ = writeln!(
            code,
            "assert_eq!(request.method(), http::Method::{});",
            operation.method
        );
        let status = operation.success.code();
        let mut header = String::new();
        let (status, body) = match &operation.output {
            RustType::Unit => (204, String::new()),
            RustType::Page(_) => (status, r#"{"value": []}"#.to_owned()),
            RustType::ValueOf(inner) => (
                status,
                format!(r#"{{"value": {}}}"#, self.example_json(inner)),
            ),
            // A redirect to the content arrives as the content, once followed.
            RustType::Content => (200, "content".to_owned()),
            RustType::Text => (status, "0".to_owned()),
            RustType::Location => {
                header =
                    ".header(\"location\", \"https://graph.microsoft.com/location\")".to_owned();
                (status, String::new())
            }
            _ => (status, "{}".to_owned()),
        };
        let _ = writeln!(
            code,
            "\n// Send `request` with any HTTP client, then read the answer:\nlet response = http::Response::builder().status({status}){header}.body(br#\"{body}\"#.to_vec())?;"
        );
        let _ = writeln!(
            code,
            "let output = {}::parse_response(&response)?;",
            path.name
        );
        code.push_str("# Ok::<(), Box<dyn std::error::Error>>(())\n");
        code
    }

    /// Doc test lines that import the request type and build `operation`, from example values.
    pub(super) fn construction(&self, path: &TypePath, operation: &Operation) -> String {
        let krate = &self.lib_name;
        let name = &path.name;
        let mut code = String::new();
        let mut args: Vec<String> = operation
            .addressing
            .new_parameters()
            .iter()
            .map(|(_, p)| format!("\"{}-value\"", p.documented_name))
            .collect();
        let path_arguments = args.len();
        match operation.body.as_ref().map(|body| &body.ty) {
            // A polymorphic body has no default: send the base type.
            Some(RustType::Polymorphic { name: body, base }) => {
                // The enum and its base type are named in the same namespace.
                let base_path = TypePath {
                    namespace: body.namespace.clone(),
                    name: base.clone(),
                };
                let imports = [base_path, body.clone(), path.clone()];
                let _ = writeln!(code, "{}\n", use_item(krate, &imports));
                let body = &body.name;
                let _ = writeln!(code, "let body = {body}::{base}({base}::default());");
                args.push("body".to_owned());
            }
            Some(RustType::Named(body)) => {
                let imports = [body.clone(), path.clone()];
                let _ = writeln!(code, "{}\n", use_item(krate, &imports));
                let _ = writeln!(code, "let body = {}::default();", body.name);
                args.push("body".to_owned());
            }
            Some(RustType::Upload) => {
                let _ = writeln!(code, "{}\n", use_item(krate, std::slice::from_ref(path)));
                let _ = writeln!(
                    code,
                    "let body = {krate}::runtime::Upload::new(\"text/plain\", \"The contents of the file.\");"
                );
                args.push("body".to_owned());
            }
            _ => {
                let _ = writeln!(code, "{}\n", use_item(krate, std::slice::from_ref(path)));
            }
        }
        // `new` takes the body last, after the function arguments and required query parameters.
        let body = args.len() > path_arguments;
        let required_query = operation
            .query_parameters
            .iter()
            .filter(|parameter| parameter.presence == Presence::Required)
            .map(|parameter| &parameter.field.ty);
        let values = operation
            .function_arguments
            .iter()
            .map(|argument| &argument.field.ty)
            .chain(required_query)
            .map(example_value);
        let at = if body { args.len() - 1 } else { args.len() };
        args.splice(at..at, values);
        let _ = writeln!(code, "let operation = {name}::new({});", args.join(", "));
        code
    }

    /// A JSON literal of type `ty`, for doc examples: an enum's first documented member.
    fn example_json(&self, ty: &RustType) -> String {
        match ty {
            RustType::Primitive(primitive) => primitive.example_json().to_owned(),
            RustType::Vec(_) => "[]".to_owned(),
            RustType::Flags(member) => self.example_json(member),
            RustType::Enum(name) => self
                .spec
                .enums
                .iter()
                .find(|e| self.rust_names.get(e.item.name.value.as_str()) == Some(name))
                .and_then(|e| e.item.members.first())
                .map_or_else(|| "\"\"".to_owned(), |m| format!("\"{}\"", m.name.value)),
            _ => "{}".to_owned(),
        }
    }
}

/// The `use` item of a doc test importing `paths`, in order: from their namespace's module when
/// they share one (`use krate::security::{AlertPatch, UpdateAlert};`).
pub(super) fn use_item(krate: &str, paths: &[TypePath]) -> String {
    let shared = paths
        .first()
        .map(|first| &first.namespace)
        .filter(|namespace| paths.iter().all(|p| &p.namespace == *namespace));
    let (prefix, names): (String, Vec<String>) = match shared {
        Some(namespace) => (
            namespace
                .as_ref()
                .map_or_else(String::new, |n| format!("{n}::")),
            paths.iter().map(|p| p.name.clone()).collect(),
        ),
        None => (
            String::new(),
            paths.iter().map(TypePath::relative).collect(),
        ),
    };
    match names.as_slice() {
        [one] => format!("use {krate}::{prefix}{one};"),
        many => format!("use {krate}::{prefix}{{{}}};", many.join(", ")),
    }
}

/// A Rust expression of type `ty`, for doc examples.
fn example_value(ty: &RustType) -> String {
    match ty {
        RustType::Primitive(primitive) => primitive.example_rust().to_owned(),
        RustType::Vec(_) => "Vec::new()".to_owned(),
        RustType::Flags(_) => "Vec::new().into()".to_owned(),
        RustType::Enum(_) | RustType::Json => "\"value\".into()".to_owned(),
        RustType::Polymorphic { name, base } => {
            format!("{}::{base}(Default::default())", name.relative())
        }
        RustType::Named(_)
        | RustType::Boxed(_)
        | RustType::Unit
        | RustType::Content
        | RustType::Text
        | RustType::Location
        | RustType::Upload
        | RustType::Updated(_)
        | RustType::Page(_)
        | RustType::ValueOf(_) => "Default::default()".to_owned(),
    }
}
