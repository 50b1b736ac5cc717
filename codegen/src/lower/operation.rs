//! Operations: request types with their path, arguments, body and output.

use std::path::Path;

use super::Lowering;
use super::scope::{Case, Scope};
use crate::diagnostic::Location;
use crate::ir::{
    ArgumentLiteral, Body, FunctionArgument, ItemKind, Operation, OperationKind, Parameter,
    ParametersModel, PathPart, RustType,
};
use crate::load::Sourced;
use crate::naming;
use crate::primitive::UrlLiteral;
use crate::spec::{self, Placement};
use crate::template;
use crate::validate::TypeKind;
use crate::vocabulary::TypeRef;

/// The request type's own fields, claimed before documented names.
const BODY_FIELD: (&str, &str) = ("body", "the request body");
const QUERY_FIELD: (&str, &str) = ("query", "the OData query options");

impl<'a> Lowering<'a, '_> {
    pub(super) fn lower_endpoint(
        &mut self,
        endpoint: &'a Sourced<spec::Endpoint>,
        kind: OperationKind,
    ) {
        let Sourced { file, item } = endpoint;
        let source = Location::in_file(file, &item.name.referenced);
        let wanted = item.overrides.rust_name.as_ref().map_or_else(
            || naming::type_name(&item.name.value),
            |name| name.value.clone(),
        );
        let name = self.claim_type_name(&wanted, &format!("the operation `{}`", item.name.value));

        let takes_query = match kind {
            OperationKind::List => true,
            OperationKind::Get | OperationKind::Function => {
                item.odata_query_parameters || item.response.collection
            }
            OperationKind::Create
            | OperationKind::Update
            | OperationKind::Replace
            | OperationKind::Delete
            | OperationKind::Action => false,
        };
        let body = item
            .request_body
            .as_ref()
            .and_then(|body| self.lower_body(file, item, kind, &name, body));
        let mut scope = Scope::new(Case::Snake);
        let body = body.map(|(ty, docs)| Body {
            field: scope.claim(BODY_FIELD.0, BODY_FIELD.1).name,
            ty,
            docs,
        });
        let query_field = takes_query.then(|| scope.claim(QUERY_FIELD.0, QUERY_FIELD.1).name);

        let (parameters, path) = self.path(item, &mut scope);
        let function_arguments = match &item.request_body {
            Some(body) if body.placement == Placement::Url => {
                self.function_arguments(body, &mut scope)
            }
            _ => Vec::new(),
        };
        let documented_output = match &item.response.ty {
            None => RustType::Unit,
            Some(ty) if item.response.collection => {
                RustType::Page(Box::new(self.rust_type(&ty.value)))
            }
            Some(ty) if TypeRef::parse(&ty.value).primitive().is_some() => {
                RustType::ValueOf(Box::new(self.rust_type(&ty.value)))
            }
            Some(ty) => self.rust_type(&ty.value),
        };
        // Graph answers many updates with `204 No Content` instead of the documented entity;
        // an operation documented without a body succeeds with `204` too.
        let updates = kind == OperationKind::Update;
        let accepts_no_content = updates || item.response.ty.is_none();
        let output = if updates && item.response.ty.is_some() {
            RustType::Updated(Box::new(documented_output))
        } else {
            documented_output
        };
        let headers = item
            .headers
            .iter()
            .filter(|h| {
                !h.name.eq_ignore_ascii_case("authorization") && !h.value.contains(['<', '{'])
            })
            .map(|h| (h.name.to_ascii_lowercase(), h.value.clone()))
            .collect();

        let mut operation = Operation {
            docs: String::new(),
            documented_name: item.name.value.clone(),
            kind,
            method: item.method.value,
            parameters,
            path,
            headers,
            body,
            function_arguments,
            query_field,
            output,
            accepts_no_content,
            success: item.response.status.value,
            national_clouds: item.national_clouds.iter().map(|c| c.value).collect(),
        };
        operation.docs = self.operation_docs(item, &name, &operation);
        self.push_item(file, name, source, ItemKind::Operation(operation));
    }

    /// The path template's pieces and a field per placeholder.
    fn path(&self, item: &spec::Endpoint, scope: &mut Scope) -> (Vec<Parameter>, Vec<PathPart>) {
        let mut parameters: Vec<Parameter> = Vec::new();
        let mut path = Vec::new();
        // Validation accepted the template.
        for part in template::parse(&item.path.value).unwrap_or_default() {
            match part {
                template::Part::Literal(text) => path.push(PathPart::Literal(text.to_owned())),
                template::Part::Placeholder(placeholder) => {
                    let declared = item
                        .path_parameters
                        .iter()
                        .find(|p| p.name.value == placeholder);
                    let mut docs = match declared.and_then(|p| p.description.as_deref()) {
                        Some(description) => self.doc(description),
                        None => format!("The `{{{placeholder}}}` segment of the path."),
                    };
                    let wanted = naming::field_name(placeholder);
                    let claimed =
                        scope.claim(&wanted, &format!("the path parameter `{placeholder}`"));
                    if let Some(note) = claimed.note(&wanted) {
                        docs.push_str("\n\n");
                        docs.push_str(&note);
                    }
                    path.push(PathPart::Parameter(parameters.len()));
                    parameters.push(Parameter {
                        name: claimed.name,
                        documented_name: placeholder.to_owned(),
                        docs,
                    });
                }
            }
        }
        (parameters, path)
    }

    /// The request body of an endpoint, its type and docs: a `PATCH` body type, an entity, or
    /// an action's parameters (a generated struct). Function parameters go in the URL instead.
    fn lower_body(
        &mut self,
        file: &Path,
        item: &'a spec::Endpoint,
        kind: OperationKind,
        operation: &str,
        body: &'a spec::RequestBody,
    ) -> Option<(RustType, String)> {
        let docs = self.doc(&body.description);
        let ty = match (&body.ty, body.placement) {
            (Some(ty), _) if kind == OperationKind::Update => self.lower_patch(&ty.value),
            (Some(ty), _) => self.rust_type(&ty.value),
            (None, Placement::Url) => return None,
            (None, Placement::Body) => {
                let wanted = format!("{operation}Parameters");
                let name = self
                    .claim_type_name(&wanted, &format!("the parameters of `{}`", item.name.value));
                let source = Location::in_file(file, &item.name.referenced);
                let mut scope = Scope::new(Case::Snake);
                let fields = body
                    .parameters
                    .iter()
                    .map(|p| self.parameter_field(&mut scope, p))
                    .collect();
                let model = ParametersModel {
                    docs: format!(
                        "The parameters of [`{operation}`](crate::{operation}): each is sent when set.\n\n{docs}"
                    ),
                    fields,
                };
                self.push_item(file, name.clone(), source, ItemKind::Parameters(model));
                RustType::Named(name)
            }
        };
        Some((ty, docs))
    }

    fn parameter_field(
        &mut self,
        scope: &mut Scope,
        parameter: &'a spec::Parameter,
    ) -> crate::ir::Field {
        self.field(
            scope,
            &parameter.name.value,
            None,
            &parameter.ty.value,
            &parameter.description,
            "parameter",
        )
    }

    fn function_arguments(
        &mut self,
        body: &'a spec::RequestBody,
        scope: &mut Scope,
    ) -> Vec<FunctionArgument> {
        body.parameters
            .iter()
            .map(|parameter| FunctionArgument {
                literal: self.argument_literal(&parameter.ty.value),
                field: self.parameter_field(scope, parameter),
            })
            .collect()
    }

    /// How a function argument of the documented type is written in the URL.
    fn argument_literal(&self, documented: &str) -> ArgumentLiteral {
        let reference = TypeRef::parse(documented);
        if reference.collection {
            return ArgumentLiteral::Json;
        }
        match reference.primitive().map(|p| p.url_literal()) {
            Some(UrlLiteral::Quoted) => ArgumentLiteral::Quoted,
            Some(UrlLiteral::Bare) => ArgumentLiteral::Bare,
            Some(UrlLiteral::Prefixed(prefix)) => ArgumentLiteral::Prefixed(prefix),
            None => match self.symbols.kind(reference.name) {
                Some(TypeKind::Enum { .. }) => ArgumentLiteral::Quoted,
                Some(TypeKind::Entity | TypeKind::Complex | TypeKind::Opaque) | None => {
                    ArgumentLiteral::Json
                }
            },
        }
    }
}
