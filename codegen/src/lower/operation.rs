//! Operations: request types with their path, arguments, body and output.

use std::path::Path;

use super::Lowering;
use super::permissions::lower_permissions;
use super::scope::{Case, Scope};
use crate::diagnostic::Location;
use crate::ir::{
    Addressing, ArgumentLiteral, Body, FunctionArgument, ItemKind, Operation, OperationKind,
    Parameter, ParametersModel, PathPart, PathVariant, PathsModel, RequestPath, RustType,
};
use crate::load::Sourced;
use crate::naming;
use crate::primitive::UrlLiteral;
use crate::spec::{self, Placement};
use crate::template;
use crate::validate::TypeKind;
use crate::validate::resource_folder;
use crate::vocabulary::{BodyContent, SuccessStatus, TypeRef};

/// The request type's own fields, claimed before documented names.
const BODY_FIELD: (&str, &str) = ("body", "the request body");
const QUERY_FIELD: (&str, &str) = ("query", "the OData query options");
const PATH_FIELD: (&str, &str) = ("path", "the request path");

impl<'a> Lowering<'a, '_> {
    pub(super) fn lower_endpoint(
        &mut self,
        endpoint: &'a Sourced<spec::Endpoint>,
        kind: OperationKind,
    ) {
        let Sourced { file, item } = endpoint;
        let source = Location::in_file(file, &item.name.referenced);
        let wanted = match &item.overrides.rust_name {
            Some(name) => name.value.clone(),
            None if is_bound(kind, &item.name.value) => {
                let folder = resource_folder(&self.spec.api.file, file).unwrap_or_default();
                bound_operation_name(&item.path.value, folder)
            }
            None => naming::type_name(&item.name.value),
        };
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

        let addressing = self.addressing(file, item, &name, &mut scope);
        let function_arguments = match &item.request_body {
            Some(body) if body.placement == Placement::Url => {
                self.function_arguments(body, &mut scope)
            }
            _ => Vec::new(),
        };
        let response = &item.response;
        let documented_output = match &response.ty {
            // A range of the content, or a redirect to it, is the content whatever its type.
            _ if response.status.value.is_content() => RustType::Content,
            _ if response.content == BodyContent::Binary => RustType::Content,
            _ if response.content == BodyContent::Text => RustType::Text,
            None if response.location => RustType::Location,
            None => RustType::Unit,
            Some(ty) if item.response.collection => {
                RustType::Page(Box::new(self.rust_type(&ty.value)))
            }
            // OData sends a single primitive or enum member as `{"value": …}`.
            Some(ty) => match self.rust_type(&ty.value) {
                ty @ (RustType::Primitive(_) | RustType::Enum(_) | RustType::Flags(_)) => {
                    RustType::ValueOf(Box::new(ty))
                }
                ty => ty,
            },
        };
        // Graph answers many updates with `204 No Content` instead of the documented entity;
        // an operation documented without a body succeeds with `204` too.
        // Content is no entity an update could answer instead of `204`.
        let updates = kind == OperationKind::Update
            && !matches!(
                documented_output,
                RustType::Unit | RustType::Content | RustType::Text | RustType::Location
            );
        let accepts_no_content = updates || documented_output == RustType::Unit;
        let output = if updates {
            RustType::Updated(Box::new(documented_output))
        } else {
            documented_output
        };
        // Uploaded content goes with the caller's content type, not the example's.
        let uploads = body
            .as_ref()
            .is_some_and(|body| body.ty == RustType::Upload);
        let headers = item
            .headers
            .iter()
            .filter(|h| {
                let caller_sets = h.name.eq_ignore_ascii_case("authorization")
                    || (uploads && h.name.eq_ignore_ascii_case("content-type"));
                !caller_sets && !h.value.contains(['<', '{'])
            })
            .map(|h| (h.name.to_ascii_lowercase(), h.value.clone()))
            .collect();

        let reads_body =
            output != RustType::Unit || item.response.status.value == SuccessStatus::NoContent;
        let examples = self.example_bodies(item, kind, body.as_ref(), &output);
        let mut operation = Operation {
            docs: String::new(),
            documented_name: item.name.value.clone(),
            kind,
            method: item.method.value,
            addressing,
            headers,
            body,
            function_arguments,
            query_field,
            output,
            accepts_no_content,
            reads_body,
            success: item.response.status.value,
            national_clouds: item
                .national_clouds
                .as_ref()
                .map(|clouds| clouds.iter().map(|c| c.value).collect()),
            examples,
            permissions: lower_permissions(&item.permissions),
        };
        operation.docs = self.operation_docs(item, &name, &operation);
        self.push_item(file, name, source, ItemKind::Operation(Box::new(operation)));
    }

    /// The request's path: its fields when the page documents one, else a `Paths` enum with a
    /// variant per path, pushed before the operation.
    fn addressing(
        &mut self,
        file: &Path,
        item: &spec::Endpoint,
        operation: &str,
        scope: &mut Scope,
    ) -> Addressing {
        if item.additional_paths.is_empty() {
            return Addressing::Fixed(self.request_path(item, &item.path.value, scope));
        }
        let field = scope.claim(PATH_FIELD.0, PATH_FIELD.1).name;
        let ty = self.claim_type_name(
            &format!("{operation}Path"),
            &format!("the request paths of `{}`", item.name.value),
        );
        let templates: Vec<&str> = std::iter::once(item.path.value.as_str())
            .chain(item.additional_paths.iter().map(String::as_str))
            .collect();
        let mut names = Scope::new(Case::Camel);
        let variants: Vec<PathVariant> = variant_names(&templates)
            .into_iter()
            .zip(&templates)
            .map(|(wanted, template)| {
                let claimed = names.claim(&wanted, &format!("the path `{template}`"));
                let mut docs = format!("`{template}`");
                if let Some(note) = claimed.note(&wanted) {
                    docs.push_str("\n\n");
                    docs.push_str(&note);
                }
                PathVariant {
                    name: claimed.name,
                    docs,
                    path: self.request_path(item, template, &mut Scope::new(Case::Snake)),
                }
            })
            .collect();
        let primary = variants[0].clone();
        let arguments = primary
            .path
            .parameters
            .iter()
            .map(|p| {
                let owner = format!("the path parameter `{}`", p.documented_name);
                scope.claim(&p.name, &owner).name
            })
            .collect();
        let docs = format!(
            "The documented request paths of [`{operation}`](crate::{operation}): any of them \
             addresses the same operation. The page's first path comes first."
        );
        let source = Location::in_file(file, &item.path.referenced);
        self.push_item(
            file,
            ty.clone(),
            source,
            ItemKind::Paths(PathsModel { docs, variants }),
        );
        Addressing::Choice {
            field,
            ty,
            primary,
            arguments,
        }
    }

    /// A path template's pieces and a field per placeholder occurrence, claimed in `scope`.
    fn request_path(
        &self,
        item: &spec::Endpoint,
        template: &str,
        scope: &mut Scope,
    ) -> RequestPath {
        let mut parameters: Vec<Parameter> = Vec::new();
        let mut parts = Vec::new();
        // Validation accepted the template.
        for part in template::parse(template).unwrap_or_default() {
            match part {
                template::Part::Literal(text) => parts.push(PathPart::Literal(text.to_owned())),
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
                    parts.push(PathPart::Parameter(parameters.len()));
                    parameters.push(Parameter {
                        name: claimed.name,
                        documented_name: placeholder.to_owned(),
                        docs,
                    });
                }
            }
        }
        RequestPath { parameters, parts }
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
            _ if body.content != BodyContent::Json => RustType::Upload,
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

/// The wanted variant name of each path: its literal segments past those all the paths share,
/// in upper camel case (a type cast `microsoft.graph.x` reads as `x`); a path with nothing of
/// its own is named by its last literal segment.
fn variant_names(templates: &[&str]) -> Vec<String> {
    let segments: Vec<Vec<&str>> = templates
        .iter()
        .map(|template| {
            template::parse(template)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|part| match part {
                    template::Part::Literal(text) => Some(text),
                    template::Part::Placeholder(_) => None,
                })
                .flat_map(|text| text.split('/'))
                .map(|segment| segment.rsplit('.').next().unwrap_or(segment))
                .filter(|segment| !segment.is_empty())
                .collect()
        })
        .collect();
    let shared = (0..)
        .take_while(|&i| {
            let first = segments[0].get(i);
            first.is_some() && segments.iter().all(|s| s.get(i) == first)
        })
        .count();
    segments
        .iter()
        .map(|segments| {
            let own = match segments.get(shared..) {
                Some(own) if !own.is_empty() => own,
                _ => segments
                    .last()
                    .map(std::slice::from_ref)
                    .unwrap_or_default(),
            };
            naming::variant_name(&own.join(" "))
        })
        .collect()
}

/// Whether an operation is an action or a function, whose title (`assign action`) many
/// resources share; a function without parameters is classified as a `GET`, so its title says.
fn is_bound(kind: OperationKind, title: &str) -> bool {
    let title = title.to_ascii_lowercase();
    matches!(kind, OperationKind::Action | OperationKind::Function)
        || title.ends_with(" action")
        || title.ends_with(" function")
}

/// The name of an action or function: its name in the path, then the resource it is bound to
/// (`/…/deviceCompliancePolicies/{id}/assign` in `deviceCompliancePolicy` →
/// `AssignDeviceCompliancePolicy`), since many resources share an action's name and title.
/// A name that already says the resource is kept as it is.
fn bound_operation_name(path: &str, resource: &str) -> String {
    let last = path.rsplit('/').next().unwrap_or(path);
    let last = last.split('(').next().unwrap_or(last);
    let action = naming::type_name(last.rsplit('.').next().unwrap_or(last));
    let resource = naming::type_name(resource);
    if action.contains(&resource) {
        action
    } else {
        format!("{action}{resource}")
    }
}

#[cfg(test)]
mod tests {
    use super::{bound_operation_name, is_bound, variant_names};
    use crate::ir::OperationKind;

    #[test]
    fn variants_are_named_by_what_their_paths_do_not_share() {
        assert_eq!(
            variant_names(&[
                "/deviceAppManagement/mobileApps/{mobileAppId}",
                "/deviceAppManagement/mobileApps/{mobileAppId}/userStatuses/{id}/app",
                "/deviceAppManagement/mobileApps/{mobileAppId}/deviceStatuses/{id}/app",
            ]),
            ["MobileApps", "UserStatusesApp", "DeviceStatusesApp"]
        );
        assert_eq!(
            variant_names(&[
                "/deviceManagement/settingDefinitions",
                "/deviceManagement/intents/{a}/categories/{b}/settingDefinitions",
            ]),
            ["SettingDefinitions", "IntentsCategoriesSettingDefinitions"]
        );
        // A type cast reads as the type; identical segments are told apart by the scope later.
        assert_eq!(
            variant_names(&[
                "/configs/{id}",
                "/configs/{id}/microsoft.graph.windowsConfig/children/{id}",
                "/configs/{otherId}",
            ]),
            ["Configs", "WindowsConfigChildren", "Configs"]
        );
    }

    #[test]
    fn actions_and_functions_are_named_with_their_resource() {
        assert_eq!(
            bound_operation_name(
                "/deviceManagement/deviceCompliancePolicies/{deviceCompliancePolicyId}/assign",
                "deviceCompliancePolicy"
            ),
            "AssignDeviceCompliancePolicy"
        );
        assert_eq!(
            bound_operation_name(
                "/officeConfiguration/clientConfigurations/microsoft.management.services.api.updatePriorities",
                "officeClientConfiguration"
            ),
            "UpdatePrioritiesOfficeClientConfiguration"
        );
        assert_eq!(
            bound_operation_name(
                "/reports/getDeviceReport(period='{period}',top={top})",
                "deviceReport"
            ),
            "GetDeviceReport"
        );
        assert!(is_bound(OperationKind::Get, "getAssignedRoleIds function"));
        assert!(is_bound(OperationKind::Action, "Reset widget"));
        assert!(!is_bound(OperationKind::Get, "Get widget"));
    }
}
