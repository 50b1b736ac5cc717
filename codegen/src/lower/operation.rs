//! Operations: request types with their path, arguments, body and output.

use std::path::Path;

use super::Lowering;
use super::model::OWN_FIELDS;
use super::permissions::lower_permissions;
use super::scope::{Case, Scope};
use crate::diagnostic::Location;
use crate::ir::{
    AdditionalParameter, Addressing, ArgumentLiteral, Body, FunctionArgument, HeaderKind, ItemKind,
    Operation, OperationFile, OperationKind, OperationSummary, OptionalHeader, ParametersModel,
    PathVariant, PathsModel, Presence, QueryParameter, RustType, TypePath,
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
/// The request type's own methods, claimed before setters.
const CONSTRUCTORS: &[(&str, &str)] = &[
    ("new", "the request's constructor"),
    ("at", "the constructor taking a request path"),
];

impl<'a> Lowering<'a, '_> {
    pub(super) fn lower_endpoint(
        &mut self,
        endpoint: &Sourced<spec::Endpoint>,
        kind: OperationKind,
    ) -> OperationFile {
        let Sourced { file, item } = endpoint;
        let source = Location::in_file(file, &item.name.referenced);
        // An operation is named beside its resource's type, in its namespace's module.
        let resource = self.namespaced_resource(file);
        let namespace = resource.and_then(|name| name.namespace);
        let wanted = match &item.overrides.rust_name {
            Some(name) => name.value.clone(),
            None if is_bound(kind, &item.name.value) => {
                // In its namespace's module, the resource is named as its type is there.
                let resource = resource.map_or_else(
                    || resource_folder(&self.spec.api.file, file).unwrap_or_default(),
                    |name| name.name,
                );
                bound_operation_name(&item.path.value, resource)
            }
            None => naming::type_name(&item.name.value),
        };
        let name = self.claim_type_name(
            namespace,
            &wanted,
            &format!("the operation `{}`", item.name.value),
        );

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
            .and_then(|body| self.lower_body(file, item, kind, namespace, &name, body));
        let mut scope = Scope::new(Case::Snake);
        let body = body.map(|(ty, docs)| Body {
            field: scope.claim(BODY_FIELD.0, BODY_FIELD.1).name,
            ty,
            docs,
        });
        let query_field = takes_query.then(|| scope.claim(QUERY_FIELD.0, QUERY_FIELD.1).name);

        let addressing = self.addressing(file, item, namespace, &name, &mut scope);
        let function_arguments = match &item.request_body {
            Some(body) if body.placement == Placement::Url => {
                self.function_arguments(body, &mut scope)
            }
            _ => Vec::new(),
        };
        let mut methods = Scope::with_reserved(Case::Snake, CONSTRUCTORS);
        let query_parameters = self.query_parameters(item, &mut scope, &mut methods);
        let optional_headers = optional_headers(item, &mut scope, &mut methods);
        let bindings = self.bindings(item, kind, body.as_ref(), &mut methods);
        let additional_parameter = item
            .request_body
            .as_ref()
            .filter(|_| body.is_some())
            .and_then(|documented| additional_parameter(documented, &mut methods));
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
                // An uploaded body's type is the caller's, not the page's example.
                let caller_sets = uploads && h.name.eq_ignore_ascii_case("content-type");
                !caller_sets && is_fixed_header(&h.name, &h.value)
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
            query_parameters,
            optional_headers,
            bindings,
            additional_parameter,
            output,
            accepts_no_content,
            reads_body,
            success: item.response.status.value,
            national_clouds: item
                .national_clouds
                .as_ref()
                .map(|clouds| clouds.iter().map(|c| c.value).collect()),
            permissions: lower_permissions(&item.permissions),
        };
        operation.docs = self.operation_docs(item, &name, &operation);
        let summary = OperationSummary {
            documented_name: operation.documented_name.clone(),
            method: operation.method,
            uses: crate::features::operation_uses(&operation),
            permissions: operation.permissions.clone(),
        };
        let kind = ItemKind::Operation(Box::new(summary));
        let (resource, module) = self.push_item(file, name.clone(), source.clone(), kind);
        self.add_test(file, &module, examples);
        self.offer_sample(item, &resource, &module, &name, &operation);
        let folder = self.resource(file);
        OperationFile {
            feature: self.resources[&folder].feature.clone(),
            resource,
            module,
            name: name.name,
            source,
            operation,
        }
    }

    /// The request's path: its fields when the page documents one, else a `Paths` enum with a
    /// variant per path: the one several operations share (see `shared_paths`), or its own,
    /// pushed before the operation.
    fn addressing(
        &mut self,
        file: &Path,
        item: &spec::Endpoint,
        namespace: Option<&str>,
        operation: &TypePath,
        scope: &mut Scope,
    ) -> Addressing {
        if item.additional_paths.is_empty() {
            return Addressing::Fixed(self.request_path(
                &item.path_parameters,
                &item.path.value,
                scope,
            ));
        }
        let field = scope.claim(PATH_FIELD.0, PATH_FIELD.1).name;
        let variants = self.path_variants(
            &item.path.value,
            &item.additional_paths,
            &item.path_parameters,
        );
        let path_source = || Location::in_file(file, &item.path.referenced);
        let folder = self.resource(file);
        let feature = self.resources[&folder].feature.clone();
        let shared = self.take_shared_paths(&variants, (operation, feature), path_source);
        let ty = match &shared {
            Some(shared) => shared.clone(),
            None => self.claim_type_name(
                namespace,
                &format!("{}Path", operation.name),
                &format!("the request paths of `{}`", item.name.value),
            ),
        };
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
        if shared.is_none() {
            let docs = format!(
                "The documented request paths of [`{}`](crate::{}): any of them addresses the \
                 same operation. The page's first path comes first.",
                operation.name,
                operation.relative()
            );
            self.push_item(
                file,
                ty.clone(),
                path_source(),
                ItemKind::Paths(PathsModel { docs, variants }),
            );
        }
        Addressing::Choice {
            field,
            ty,
            primary,
            arguments,
        }
    }

    /// A variant per documented request path, the page's first `path` first, then the
    /// `additional` ones, with their placeholders' `parameters`.
    pub(super) fn path_variants(
        &self,
        path: &str,
        additional: &[String],
        parameters: &[spec::PathParameter],
    ) -> Vec<PathVariant> {
        let templates: Vec<&str> = std::iter::once(path)
            .chain(additional.iter().map(String::as_str))
            .collect();
        let mut names = Scope::new(Case::Camel);
        variant_names(&templates)
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
                    path: self.request_path(parameters, template, &mut Scope::new(Case::Snake)),
                }
            })
            .collect()
    }

    /// The request body of an endpoint, its type and docs: a `PATCH` body type, an entity, or
    /// an action's parameters (a generated struct). Function parameters go in the URL instead.
    fn lower_body(
        &mut self,
        file: &Path,
        item: &spec::Endpoint,
        kind: OperationKind,
        namespace: Option<&str>,
        operation: &TypePath,
        body: &spec::RequestBody,
    ) -> Option<(RustType, String)> {
        // A page may give its body's table with no sentence before it.
        let docs = self.doc_or(&body.description, || {
            "The body the page's Request body table describes.".to_owned()
        });
        let ty = match (&body.ty, body.placement) {
            _ if body.content != BodyContent::Json => RustType::Upload,
            (Some(ty), _) if kind == OperationKind::Update => self.lower_patch(&ty.value),
            (Some(ty), _) => self.rust_type(&ty.value),
            (None, Placement::Url) => return None,
            (None, Placement::Body) => {
                let wanted = format!("{}Parameters", operation.name);
                let path = self.claim_type_name(
                    namespace,
                    &wanted,
                    &format!("the parameters of `{}`", item.name.value),
                );
                let source = Location::in_file(file, &item.name.referenced);
                let mut scope = Scope::with_reserved(Case::Snake, &OWN_FIELDS[1..]);
                let fields = body
                    .parameters
                    .iter()
                    .map(|p| self.parameter_field(&mut scope, p))
                    .collect();
                let model = ParametersModel {
                    docs: format!(
                        "The parameters of [`{}`](crate::{}): each is sent when set; members \
                         the parameters table does not list are read into, and sent from, \
                         `additional_properties`.\n\n{docs}",
                        operation.name,
                        operation.relative()
                    ),
                    fields,
                    additional_properties: OWN_FIELDS[1].0.to_owned(),
                };
                self.push_item(file, path.clone(), source, ItemKind::Parameters(model));
                RustType::Named(path)
            }
        };
        Some((ty, docs))
    }

    fn parameter_field(
        &mut self,
        scope: &mut Scope,
        parameter: &spec::Parameter,
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
        body: &spec::RequestBody,
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

    /// The page's query parameters: a field each in `scope`, and for an optional one a setter
    /// named like its field in `methods`.
    fn query_parameters(
        &mut self,
        item: &spec::Endpoint,
        scope: &mut Scope,
        methods: &mut Scope,
    ) -> Vec<QueryParameter> {
        item.query_parameters
            .iter()
            .map(|parameter| {
                let field = self.field(
                    scope,
                    &parameter.name.value,
                    None,
                    &parameter.ty.value,
                    &parameter.description,
                    "query parameter",
                );
                let presence = if parameter.required {
                    Presence::Required
                } else {
                    let owner = format!("the query parameter `{}`", parameter.name.value);
                    Presence::Optional {
                        setter: methods.claim(&field.name, &owner).name,
                    }
                };
                QueryParameter { field, presence }
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

/// For a body of an action's parameters, the request's method sending a member the table does
/// not list (the service reads some that pages forget, or write in another case), claimed in
/// `methods` after the documented setters.
fn additional_parameter(
    body: &spec::RequestBody,
    methods: &mut Scope,
) -> Option<AdditionalParameter> {
    let parameters =
        body.ty.is_none() && body.placement == Placement::Body && body.content == BodyContent::Json;
    if !parameters {
        return None;
    }
    let wanted = "additional_parameter";
    let claimed = methods.claim(wanted, "the method sending an undocumented parameter");
    let additional = OWN_FIELDS[1].0;
    let mut docs = format!(
        "Sends the member `name` with `value` in the body, besides the documented parameters \
         (one the parameters table does not list): kept in the body's `{additional}`, sent \
         after the parameters, replacing an earlier value of the same name."
    );
    if let Some(note) = claimed.note(wanted) {
        docs.push_str("\n\n");
        docs.push_str(&note);
    }
    Some(AdditionalParameter {
        method: claimed.name,
        additional: additional.to_owned(),
        docs,
    })
}

/// The optional headers among the page's Request headers rows, each once: a field in `scope`
/// and a setter in `methods`, both named after what they send (`prefer_outlook_timezone`).
fn optional_headers(
    item: &spec::Endpoint,
    scope: &mut Scope,
    methods: &mut Scope,
) -> Vec<OptionalHeader> {
    let mut kinds: Vec<HeaderKind> = Vec::new();
    for header in &item.headers {
        if let Some(kind) = header_kind(&header.name, &header.value)
            && !kinds.contains(&kind)
        {
            kinds.push(kind);
        }
    }
    kinds
        .into_iter()
        .map(|header| {
            let (wanted, docs) = match &header {
                HeaderKind::ConsistencyLevelEventual => (
                    "consistency_level_eventual".to_owned(),
                    "Sends `ConsistencyLevel: eventual`, which advanced queries (`$count`, \
                     `$search`, some `$filter` and `$orderby`) require."
                        .to_owned(),
                ),
                HeaderKind::Preference(preference) => (
                    format!("prefer {preference}"),
                    format!("Sends the preference `Prefer: {preference}`."),
                ),
                HeaderKind::PreferenceValue { name, quoted } => {
                    let value = if *quoted { "\"…\"" } else { "…" };
                    (
                        format!("prefer {name}"),
                        format!("Sends the preference `Prefer: {name}={value}`."),
                    )
                }
            };
            let wanted = naming::field_name(&wanted);
            let owner = "the optional request header";
            let mut docs = docs;
            let field = scope.claim(&wanted, owner);
            let setter = methods.claim(&wanted, owner);
            for note in [field.note(&wanted), setter.note(&wanted)]
                .into_iter()
                .flatten()
            {
                docs.push_str("\n\n");
                docs.push_str(&note);
            }
            OptionalHeader {
                field: field.name,
                setter: setter.name,
                docs,
                header,
            }
        })
        .collect()
}

/// What a Request headers row lets the caller send: `ConsistencyLevel: eventual`, or a
/// `Prefer` preference, named in the Name column (`Prefer: outlook.timezone`, whose value the
/// caller gives, quoted) or by the value's first word (`return=minimal`; `odata.maxpagesize={x}`,
/// a bare value to give). `None` for other headers and rows that name no preference.
fn header_kind(name: &str, value: &str) -> Option<HeaderKind> {
    let (header, named) = match name.split_once(':') {
        Some((header, preference)) => (header.trim(), Some(preference.trim())),
        None => (name.trim(), None),
    };
    let first = value
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ',', ';']);
    if header.eq_ignore_ascii_case("consistencylevel") {
        return first
            .eq_ignore_ascii_case("eventual")
            .then_some(HeaderKind::ConsistencyLevelEventual);
    }
    if !header.eq_ignore_ascii_case("prefer") {
        return None;
    }
    let is_name = |text: &str| {
        !text.is_empty()
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    };
    if let Some(preference) = named.filter(|p| is_name(p)) {
        return Some(HeaderKind::PreferenceValue {
            name: preference.to_owned(),
            quoted: true,
        });
    }
    let (preference, given) = first.split_once('=')?;
    if !is_name(preference) || given.is_empty() {
        return None;
    }
    if given.contains(['{', '<']) {
        return Some(HeaderKind::PreferenceValue {
            name: preference.to_owned(),
            quoted: given.starts_with('"'),
        });
    }
    is_name(given).then(|| HeaderKind::Preference(first.to_owned()))
}

/// Whether a documented request header is sent with every request as documented: not
/// `Authorization` (the credential's), not a value to fill in (`Bearer <token>`, `{x}`), and
/// not a per-call choice: `Prefer` preferences and `ConsistencyLevel` (pages write them
/// `Prefer: outlook.timezone` in the Name column, or the value as prose), which callers send
/// with the client's call options.
fn is_fixed_header(name: &str, value: &str) -> bool {
    let token = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
    let chosen = ["authorization", "prefer", "consistencylevel"]
        .iter()
        .any(|chosen| name.eq_ignore_ascii_case(chosen));
    token && !chosen && !value.contains(['<', '{'])
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
    use super::{bound_operation_name, header_kind, is_bound, is_fixed_header, variant_names};
    use crate::ir::{HeaderKind, OperationKind};

    #[test]
    fn optional_headers_are_read_from_either_column() {
        let value = |name: &str, quoted| {
            Some(HeaderKind::PreferenceValue {
                name: name.to_owned(),
                quoted,
            })
        };
        assert_eq!(
            header_kind("Prefer: outlook.timezone", "string"),
            value("outlook.timezone", true)
        );
        assert_eq!(
            header_kind("Prefer", "odata.maxpagesize={x}. Optional."),
            value("odata.maxpagesize", false)
        );
        assert_eq!(
            header_kind("Prefer", r#"outlook.timezone="{time-zone}""#),
            value("outlook.timezone", true)
        );
        assert_eq!(
            header_kind("Prefer", "return=minimal <br><br>Specifying this header …"),
            Some(HeaderKind::Preference("return=minimal".to_owned()))
        );
        assert_eq!(
            header_kind(
                "ConsistencyLevel",
                "eventual. This header and `$count` are required"
            ),
            Some(HeaderKind::ConsistencyLevelEventual)
        );
        assert_eq!(header_kind("Prefer", "string"), None);
        assert_eq!(header_kind("ConsistencyLevel", "session"), None);
        assert_eq!(header_kind("Content-Type", "application/json"), None);
    }

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
    fn only_documented_values_of_header_names_are_fixed_headers() {
        assert!(is_fixed_header("Accept", "application/json"));
        assert!(is_fixed_header("Content-Type", "application/json"));
        assert!(!is_fixed_header("Authorization", "Bearer token"));
        assert!(!is_fixed_header("If-Match", "{etag}"));
        assert!(!is_fixed_header("Prefer: outlook.timezone", "string"));
        assert!(!is_fixed_header("Prefer", "return=minimal"));
        assert!(!is_fixed_header(
            "ConsistencyLevel",
            "eventual. This header and `$count` are required when using `$search`"
        ));
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
