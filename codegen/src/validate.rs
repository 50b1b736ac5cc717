//! Checks the parsed spec: references resolve, names are unique, endpoints are well formed.
//! Every problem is collected, so one run reports them all.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::ir::OperationKind;
use crate::load::{Sourced, Spec};
use crate::primitive::Primitive;
use crate::spec::{
    Endpoint, Entity, Enumeration, ExampleHeader, Overrides, PathParameter, Placement, RequestBody,
};
use crate::template;
use crate::vocabulary::{
    HttpMethod, SuccessStatus, TypeName, TypeRef, is_nameable, is_system_query_option,
};

/// What a documented type name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeKind {
    /// An entity page.
    Entity,
    /// A complex-type page.
    Complex,
    /// An enum page.
    Enum {
        /// Whether its values combine (`"a,b"`).
        flags: bool,
    },
    /// Referenced but not documented in the spec: raw JSON.
    Opaque,
}

/// The symbol table of a valid spec: what every documented name refers to, the inheritance
/// graph, and what each operation does. Lowering consumes it, so holding one proves validation
/// ran.
#[derive(Debug)]
pub struct Symbols<'a> {
    types: BTreeMap<&'a str, TypeKind>,
    /// Entity and complex-type pages by documented name.
    pages: HashMap<&'a str, &'a Sourced<Entity>>,
    /// Each documented base type with every type derived from it, directly or not.
    derived: BTreeMap<&'a str, BTreeSet<&'a str>>,
    /// Each endpoint's outline, in spec order.
    operations: Vec<Outline>,
}

/// What lowering needs of an operation before it lowers any: the endpoint itself is parsed
/// again then ([`crate::load::Endpoints`]).
#[derive(Debug)]
pub struct Outline {
    /// The endpoint's file.
    pub file: PathBuf,
    /// What it does.
    pub kind: OperationKind,
    /// The documentation page it renders, which says its workload.
    pub source: String,
    /// Its paths, when it documents several: operations documenting the same ones share
    /// their enum.
    pub paths: Option<DocumentedPaths>,
}

/// The request paths an endpoint documents.
#[derive(Debug)]
pub struct DocumentedPaths {
    /// The page's first path.
    pub path: String,
    /// The others.
    pub additional: Vec<String>,
    /// Their placeholders.
    pub parameters: Vec<PathParameter>,
}

impl Outline {
    fn of(endpoint: &Sourced<Endpoint>) -> Self {
        let Sourced { file, item } = endpoint;
        Self {
            file: file.clone(),
            kind: operation_kind(item),
            source: item.page.source.value.clone(),
            paths: (!item.additional_paths.is_empty()).then(|| DocumentedPaths {
                path: item.path.value.clone(),
                additional: item.additional_paths.clone(),
                parameters: item.path_parameters.clone(),
            }),
        }
    }
}

impl<'a> Symbols<'a> {
    /// What `name` refers to, if it is a documented type.
    pub fn kind(&self, name: &str) -> Option<TypeKind> {
        self.types.get(name).copied()
    }

    /// The symbol table's own copy of the documented name `name`, borrowed from the spec's
    /// type pages.
    pub fn name(&self, name: &str) -> Option<&'a str> {
        self.types.get_key_value(name).map(|(name, _)| *name)
    }

    /// The entity or complex-type page documenting `name`.
    pub fn page(&self, name: &str) -> Option<&'a Sourced<Entity>> {
        self.pages.get(name).copied()
    }

    /// Every documented base type with all the types derived from it, sorted by name.
    pub fn derived(&self) -> &BTreeMap<&'a str, BTreeSet<&'a str>> {
        &self.derived
    }

    /// Whether values of `name` may be of a derived type.
    pub fn is_polymorphic(&self, name: &str) -> bool {
        self.derived.contains_key(name)
    }

    /// What the `index`th endpoint of the spec does.
    pub fn operation(&self, index: usize) -> OperationKind {
        self.operations[index].kind
    }

    /// Every endpoint's outline, in spec order.
    pub fn outlines(&self) -> &[Outline] {
        &self.operations
    }
}

/// Validates `spec`; on success returns its symbol table.
pub fn validate(spec: &Spec) -> Result<Symbols<'_>, Diagnostics> {
    validate_apart(spec, spec.endpoints.iter().map(Ok))
}

/// [`validate`], with `endpoints` in place of the spec's own, in spec order, each parsed or
/// the reason it could not be: for a caller that keeps them apart from the spec
/// ([`crate::load::Endpoints`]). The symbol table borrows the spec's type pages, never an
/// endpoint: it keeps an [`Outline`] of each.
pub fn validate_apart<'a, E: Borrow<Sourced<Endpoint>>>(
    spec: &'a Spec,
    endpoints: impl Iterator<Item = Result<E, Diagnostic>>,
) -> Result<Symbols<'a>, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut symbols = collect_symbols(spec, &mut diagnostics);
    check_api(spec, &mut diagnostics);
    for entity in spec.entities.iter().chain(&spec.complex_types) {
        check_resource_folder(spec, &entity.file, &mut diagnostics);
        check_entity(entity, &symbols, &mut diagnostics);
    }
    for enumeration in &spec.enums {
        check_resource_folder(spec, &enumeration.file, &mut diagnostics);
        check_enum(enumeration, &mut diagnostics);
    }
    let mut operations = BTreeMap::new();
    let mut outlines = Vec::new();
    for endpoint in endpoints {
        let endpoint = match endpoint {
            Ok(endpoint) => endpoint,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        let endpoint = endpoint.borrow();
        check_resource_folder(spec, &endpoint.file, &mut diagnostics);
        check_operation_unique(&mut operations, spec, endpoint, &mut diagnostics);
        check_endpoint(endpoint, &symbols, &mut diagnostics);
        outlines.push(Outline::of(endpoint));
    }
    symbols.derived = derived_types(spec);
    symbols.operations = outlines;
    diagnostics.into_result(symbols)
}

/// What an endpoint does, from its method, where its parameters go and what it answers.
fn operation_kind(endpoint: &Endpoint) -> OperationKind {
    let body = endpoint.request_body.as_ref();
    match endpoint.method.value {
        HttpMethod::Get if body.is_some_and(|b| b.placement == Placement::Url) => {
            OperationKind::Function
        }
        HttpMethod::Get if endpoint.response.collection => OperationKind::List,
        HttpMethod::Get => OperationKind::Get,
        HttpMethod::Post if body.is_some_and(|b| b.ty.is_some()) => OperationKind::Create,
        HttpMethod::Post => OperationKind::Action,
        HttpMethod::Patch => OperationKind::Update,
        HttpMethod::Put => OperationKind::Replace,
        HttpMethod::Delete => OperationKind::Delete,
    }
}

/// Every documented base type with all the types derived from it, directly or not.
fn derived_types(spec: &Spec) -> BTreeMap<&str, BTreeSet<&str>> {
    let types: Vec<&Entity> = spec
        .entities
        .iter()
        .chain(&spec.complex_types)
        .map(|e| &e.item)
        .collect();
    let base_of: HashMap<&str, &str> = types
        .iter()
        .filter_map(|t| {
            t.base_type
                .as_ref()
                .map(|b| (t.name.value.as_str(), b.value.as_str()))
        })
        .collect();
    let documented: HashSet<&str> = types.iter().map(|t| t.name.value.as_str()).collect();
    let mut derived: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for ty in &types {
        let name = ty.name.value.as_str();
        let mut base = base_of.get(name).copied();
        // The chain is bounded by the number of types, so a cycle cannot loop forever.
        for _ in 0..types.len() {
            let Some(ancestor) = base else { break };
            if ancestor == name {
                break;
            }
            if documented.contains(ancestor) {
                derived.entry(ancestor).or_default().insert(name);
            }
            base = base_of.get(ancestor).copied();
        }
    }
    derived
}

fn at<T>(file: &Path, spanned: &Spanned<T>) -> Location {
    Location::in_file(file, &spanned.referenced)
}

fn collect_symbols<'a>(spec: &'a Spec, diagnostics: &mut Diagnostics) -> Symbols<'a> {
    let mut seen = BTreeMap::new();
    let mut symbols = Symbols {
        types: BTreeMap::new(),
        pages: HashMap::new(),
        derived: BTreeMap::new(),
        operations: Vec::new(),
    };
    let pages = spec
        .entities
        .iter()
        .map(|e| (e, TypeKind::Entity))
        .chain(spec.complex_types.iter().map(|e| (e, TypeKind::Complex)));
    let api_namespace = spec.api.item.namespace.value.as_str();
    for (page, kind) in pages {
        let name = &page.item.name;
        check_qualified(&page.file, name, api_namespace, diagnostics);
        if check_unique(&mut seen, &page.file, name, "type", diagnostics) {
            symbols.types.insert(&name.value, kind);
            symbols.pages.insert(&name.value, page);
        }
    }
    for enumeration in &spec.enums {
        let name = &enumeration.item.name;
        check_qualified(&enumeration.file, name, api_namespace, diagnostics);
        if check_unique(&mut seen, &enumeration.file, name, "type", diagnostics) {
            let flags = enumeration.item.flags;
            symbols.types.insert(&name.value, TypeKind::Enum { flags });
        }
    }
    for name in &spec.opaque_types {
        if check_unique(&mut seen, &name.file, &name.item, "type", diagnostics) {
            symbols.types.insert(&name.item.value, TypeKind::Opaque);
        }
    }
    symbols
}

/// Checks a documented type's name: plain in `api.yaml`'s namespace, qualified in another, by
/// a namespace of dot-separated names.
fn check_qualified(
    file: &Path,
    name: &Spanned<String>,
    api_namespace: &str,
    diagnostics: &mut Diagnostics,
) {
    let TypeName {
        namespace,
        name: simple,
    } = TypeName::parse(&name.value);
    let Some(namespace) = namespace else {
        return;
    };
    if namespace == api_namespace {
        diagnostics.push(
            Diagnostic::new(
                at(file, name),
                format!("type `{}` is qualified by api.yaml's namespace", name.value),
            )
            .with_hint(format!(
                "write a type of `{api_namespace}` by its plain name, `{simple}`"
            )),
        );
    } else if !is_nameable(simple) || !namespace.split('.').all(is_nameable) {
        diagnostics.push(
            Diagnostic::new(
                at(file, name),
                format!("type name `{}` is not a qualified name", name.value),
            )
            .with_hint(
                "a type of another namespace is named `namespace.name`, e.g. \
                 `microsoft.graph.security.alert`",
            ),
        );
    }
}

/// Records `name` in `seen`; reports a duplicate with both places. True when it is new.
fn check_unique(
    seen: &mut BTreeMap<String, Location>,
    file: &Path,
    name: &Spanned<String>,
    what: &str,
    diagnostics: &mut Diagnostics,
) -> bool {
    let here = at(file, name);
    if !crate::vocabulary::is_nameable(&name.value) {
        diagnostics.push(
            Diagnostic::new(
                here,
                format!("{what} name `{}` has no letters or digits", name.value),
            )
            .with_hint("use the name exactly as the documentation writes it"),
        );
        return false;
    }
    if let Some(first) = seen.get(&name.value) {
        diagnostics.push(
            Diagnostic::new(here, format!("duplicate {what} `{}`", name.value))
                .with_related(first.clone(), "first defined here")
                .with_hint(format!("each {what} is defined once; remove or rename one")),
        );
        return false;
    }
    seen.insert(name.value.clone(), here);
    true
}

/// An operation is identified by what it acts on: its resource, method and path (placeholder
/// names aside), not its page title, which many resources share (`assign action`). A path alone
/// is not enough either: each type derived from a base documents the base's path for itself
/// (`GET /deviceManagement/deviceConfigurations/{id}` answers each kind of configuration).
fn check_operation_unique(
    seen: &mut BTreeMap<(String, HttpMethod, String), Location>,
    spec: &Spec,
    endpoint: &Sourced<Endpoint>,
    diagnostics: &mut Diagnostics,
) {
    let Sourced { file, item } = endpoint;
    let resource = resource_folder(&spec.api.file, file).unwrap_or_default();
    let here = at(file, &item.path);
    let Some(shape) = template::shape(&item.path.value) else {
        return; // `check_path` reports it.
    };
    let key = (resource.to_owned(), item.method.value, shape);
    if let Some(first) = seen.get(&key) {
        diagnostics.push(
            Diagnostic::new(
                here,
                format!(
                    "duplicate operation `{} {}` on `{resource}`",
                    item.method.value, item.path.value
                ),
            )
            .with_related(first.clone(), "first defined here")
            .with_hint(
                "each method and path is documented once per resource; remove one of the pages",
            ),
        );
    } else {
        seen.insert(key, here);
    }
}

fn check_api(spec: &Spec, diagnostics: &mut Diagnostics) {
    let Sourced { file, item: api } = &spec.api;
    let package = &api.krate.name;
    let valid_package = !package.value.is_empty()
        && package.value.starts_with(|c: char| c.is_ascii_lowercase())
        && package
            .value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid_package {
        diagnostics.push(
            Diagnostic::new(
                at(file, package),
                format!("`{}` is not a valid package name", package.value),
            )
            .with_hint("use lower-case ASCII letters, digits, `-` and `_`, starting with a letter"),
        );
    }
    if !is_semver(&api.krate.version.value) {
        diagnostics.push(
            Diagnostic::new(
                at(file, &api.krate.version),
                format!(
                    "`{}` is not a package version cargo accepts",
                    api.krate.version.value
                ),
            )
            .with_hint("write it as semver does: `MAJOR.MINOR.PATCH`, e.g. `0.1.0`"),
        );
    }
    for (value, what) in [(&api.namespace, "namespace"), (&api.version, "version")] {
        let valid = !value.value.is_empty()
            && value
                .value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.');
        if !valid {
            diagnostics.push(
                Diagnostic::new(
                    at(file, value),
                    format!("`{}` is not a valid {what}", value.value),
                )
                .with_hint("e.g. namespace `microsoft.graph`, version `beta` or `v1.0`"),
            );
        }
    }
}

/// `MAJOR.MINOR.PATCH`, numbers without leading zeros, then optional `-pre` and `+build` parts
/// of dot-separated ASCII letters, digits and `-`.
fn is_semver(version: &str) -> bool {
    let labels = |text: Option<&str>| {
        text.is_none_or(|text| {
            text.split('.').all(|id| {
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            })
        })
    };
    let number = |part: &str| {
        !part.is_empty()
            && part.bytes().all(|b| b.is_ascii_digit())
            && (part == "0" || !part.starts_with('0'))
    };
    let (version, build) = match version.split_once('+') {
        Some((version, build)) => (version, Some(build)),
        None => (version, None),
    };
    let (core, pre) = match version.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (version, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3 && parts.into_iter().all(number) && labels(pre) && labels(build)
}

fn check_resource_folder(spec: &Spec, file: &Path, diagnostics: &mut Diagnostics) {
    if resource_folder(&spec.api.file, file).is_none() {
        diagnostics.push(
            Diagnostic::new(Location::file(file), "a page file outside a resource folder")
                .with_hint("move it into the folder of its resource, e.g. `spec/managedAllDeviceCertificateState/`"),
        );
    }
}

/// The resource folder name of a page file: the first folder below the spec root (the folder of
/// the api file).
pub fn resource_folder<'a>(api_file: &Path, file: &'a Path) -> Option<&'a str> {
    let root = api_file.parent()?;
    let relative = file.strip_prefix(root).ok()?;
    let mut components = relative.components();
    let folder = components.next()?.as_os_str().to_str()?;
    components.next().map(|_| folder)
}

/// An override must be a type name Rust accepts as written.
fn check_rust_name(file: &Path, overrides: &Overrides, diagnostics: &mut Diagnostics) {
    let Some(name) = &overrides.rust_name else {
        return;
    };
    let valid = name.value.starts_with(|c: char| c.is_ascii_uppercase())
        && name
            .value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.value != "Self";
    if !valid {
        diagnostics.push(
            Diagnostic::new(
                at(file, name),
                format!("`{}` is not a Rust type name", name.value),
            )
            .with_hint(
                "use UpperCamelCase ASCII letters and digits, e.g. `DeviceCertificateState`",
            ),
        );
    }
}

fn check_entity(entity: &Sourced<Entity>, symbols: &Symbols<'_>, diagnostics: &mut Diagnostics) {
    let Sourced { file, item } = entity;
    check_rust_name(file, &item.overrides, diagnostics);
    let mut names = BTreeMap::new();
    for property in item.properties.iter().chain(&item.relationships) {
        check_unique(&mut names, file, &property.name, "property", diagnostics);
        check_type(file, &property.ty, symbols, diagnostics);
    }
    if let Some(base) = &item.base_type {
        match symbols.kind(&base.value) {
            Some(TypeKind::Entity | TypeKind::Complex | TypeKind::Opaque) => {}
            Some(TypeKind::Enum { .. }) => diagnostics.push(
                Diagnostic::new(
                    at(file, base),
                    format!("base type `{}` is an enum", base.value),
                )
                .with_hint("a type inherits from an entity or complex type"),
            ),
            None => check_type(file, base, symbols, diagnostics),
        }
    }
}

fn check_type(
    file: &Path,
    ty: &Spanned<String>,
    symbols: &Symbols<'_>,
    diagnostics: &mut Diagnostics,
) {
    let reference = TypeRef::parse(&ty.value);
    if reference.primitive().is_some() || symbols.kind(reference.name).is_some() {
        return;
    }
    let mut diagnostic =
        Diagnostic::new(at(file, ty), format!("unknown type `{}`", reference.name));
    let known = Primitive::ALL
        .iter()
        .map(|p| p.documented())
        .chain(symbols.types.keys().copied());
    diagnostic = match did_you_mean(reference.name, known) {
        Some(suggestion) => diagnostic.with_hint(format!("did you mean `{suggestion}`?")),
        None => diagnostic.with_hint(
            "use a Graph primitive (String, Int32, DateTimeOffset, …) or a type documented in spec/, optionally followed by ` collection`",
        ),
    };
    diagnostics.push(diagnostic);
}

/// The known name closest to `name`, if any is close enough to be a likely typo.
fn did_you_mean<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|candidate| {
            (
                strsim::jaro_winkler(&name.to_lowercase(), &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn check_enum(enumeration: &Sourced<Enumeration>, diagnostics: &mut Diagnostics) {
    let Sourced { file, item } = enumeration;
    check_rust_name(file, &item.overrides, diagnostics);
    if item.members.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                at(file, &item.name),
                format!("enum `{}` has no members", item.name.value),
            )
            .with_hint("copy the rows of the page's Members table into `members`"),
        );
    }
    let mut names = BTreeMap::new();
    let mut values: BTreeMap<i64, Location> = BTreeMap::new();
    for member in &item.members {
        if !check_unique(&mut names, file, &member.name, "member", diagnostics) {
            continue;
        }
        let here = at(file, &member.name);
        if let Some(first) = values.get(&member.value) {
            diagnostics.push(
                Diagnostic::new(
                    here,
                    format!(
                        "member `{}` repeats value {}",
                        member.name.value, member.value
                    ),
                )
                .with_related(first.clone(), "the value is first used here")
                .with_hint("each member of a non-flags enum has its own value"),
            );
        } else {
            values.insert(member.value, here);
        }
    }
}

fn check_endpoint(
    endpoint: &Sourced<Endpoint>,
    symbols: &Symbols<'_>,
    diagnostics: &mut Diagnostics,
) {
    let Sourced { file, item } = endpoint;
    check_rust_name(file, &item.overrides, diagnostics);
    check_path(file, item, diagnostics);

    if item.national_clouds.as_ref().is_some_and(Vec::is_empty) {
        diagnostics.push(
            Diagnostic::new(
                at(file, &item.name),
                format!("endpoint `{}` lists no national cloud", item.name.value),
            )
            .with_hint(
                "list the clouds the page says it is available in, e.g. `[global]`, or remove \
                 the key when the page does not say",
            ),
        );
    }

    if let Some(body) = &item.request_body {
        check_body(file, item, body, symbols, diagnostics);
    }
    check_query_parameters(file, item, diagnostics);
    if let Some(ty) = &item.response.ty {
        check_type(file, ty, symbols, diagnostics);
    }
    if item.response.status.value == SuccessStatus::Found && item.method.value != HttpMethod::Get {
        diagnostics.push(
            Diagnostic::new(
                at(file, &item.method),
                format!(
                    "a {} answered `302 Found` would be followed as a GET",
                    item.method.value
                ),
            )
            .with_hint("only a GET documents a redirect to its content"),
        );
    }
    if item.response.location
        && let Some(ty) = &item.response.ty
    {
        diagnostics.push(
            Diagnostic::new(
                at(file, ty),
                "a response whose news is its `Location` has no body `type`",
            )
            .with_hint("leave out `type`, or `location` when the answer carries the resource"),
        );
    }
    // Content examples show a file's text, a MIME message or nothing: only JSON must parse. An
    // example declaring other content than JSON (a MIME message as `text/plain`) shows the
    // operation's other form of body.
    let request_json = item
        .request_body
        .as_ref()
        .is_none_or(|body| body.content.is_json());
    let response_json = item.response.content.is_json()
        && !item.response.location
        && !item.response.status.value.is_content();
    let declares_json =
        |headers: &[ExampleHeader]| ExampleHeader::content(headers).is_none_or(|c| c.is_json());
    for example in &item.examples {
        let bodies = [
            (
                request_json && declares_json(&example.request.headers),
                &example.request.body,
            ),
            (
                response_json && declares_json(&example.response.headers),
                &example.response.body,
            ),
        ];
        let json = bodies
            .into_iter()
            .filter_map(|(json, body)| body.as_ref().filter(|_| json));
        for body in json {
            if let Err(error) = serde_json::from_str::<serde_json::Value>(&body.value) {
                diagnostics.push(
                    Diagnostic::new(
                        at(file, body),
                        format!("example body is not valid JSON: {error}"),
                    )
                    .with_hint(
                        "keep the example's JSON exactly as the page shows it, in a `|` block",
                    ),
                );
            }
        }
    }
}

/// Query parameters are written into the URL as text: each is a single primitive, and no name
/// repeats or is one of OData's system options, which `QueryOptions` sends.
fn check_query_parameters(file: &Path, item: &Endpoint, diagnostics: &mut Diagnostics) {
    let mut names = BTreeMap::new();
    for parameter in &item.query_parameters {
        check_unique(
            &mut names,
            file,
            &parameter.name,
            "query parameter",
            diagnostics,
        );
        let name = parameter.name.value.as_str();
        if is_system_query_option(name) {
            diagnostics.push(
                Diagnostic::new(
                    at(file, &parameter.name),
                    format!("`{name}` is an OData system query option, not a query parameter"),
                )
                .with_hint("remove it: the request's `query` options send it"),
            );
        }
        let reference = TypeRef::parse(&parameter.ty.value);
        if reference.collection || reference.primitive().is_none() {
            diagnostics.push(
                Diagnostic::new(
                    at(file, &parameter.ty),
                    format!(
                        "query parameter `{name}` has the type `{}`, not a single primitive",
                        parameter.ty.value
                    ),
                )
                .with_hint(
                    "a query parameter is a Graph primitive: String, Int32, DateTimeOffset, …",
                ),
            );
        }
    }
}

fn check_body(
    file: &Path,
    item: &Endpoint,
    body: &RequestBody,
    symbols: &Symbols<'_>,
    diagnostics: &mut Diagnostics,
) {
    let method = item.method.value;
    let in_url = body.placement == Placement::Url;
    match &body.ty {
        Some(ty) => {
            match symbols.kind(&ty.value) {
                Some(TypeKind::Entity | TypeKind::Complex | TypeKind::Opaque) => {}
                Some(TypeKind::Enum { .. }) => diagnostics.push(
                    Diagnostic::new(
                        at(file, ty),
                        format!("request body type `{}` is an enum, not an entity", ty.value),
                    )
                    .with_hint("name the entity whose JSON representation the body carries"),
                ),
                None => check_type(file, ty, symbols, diagnostics),
            }
            if !body.parameters.is_empty() || !body.content.is_json() {
                diagnostics.push(
                    Diagnostic::new(
                        at(file, ty),
                        "a request body has a `type`, `parameters` or a `content` other than JSON, only one of them",
                    )
                    .with_hint("an entity body names its `type`; an action lists its `parameters`"),
                );
            }
        }
        None if !body.content.is_json() => {}
        None if body.parameters.is_empty() => diagnostics.push(
            Diagnostic::new(
                at(file, &item.name),
                "`request_body` has neither `type` nor `parameters`",
            )
            .with_hint("remove `request_body` when the page says not to supply one"),
        ),
        None => {}
    }
    let mut names = BTreeMap::new();
    for parameter in &body.parameters {
        check_unique(&mut names, file, &parameter.name, "parameter", diagnostics);
        check_type(file, &parameter.ty, symbols, diagnostics);
    }
    let sends_body =
        !in_url && (body.ty.is_some() || !body.parameters.is_empty() || !body.content.is_json());
    if sends_body && !method.has_body() {
        diagnostics.push(
            Diagnostic::new(
                at(file, &item.method),
                format!("a {method} request has no body"),
            )
            .with_hint("remove `request_body`, or give function parameters `placement: url`"),
        );
    }
    if in_url && (body.ty.is_some() || method != HttpMethod::Get) {
        diagnostics.push(
            Diagnostic::new(
                at(file, &item.method),
                "only a function (GET) takes its parameters in the URL",
            )
            .with_hint("use `placement: body` for an action's parameters"),
        );
    }
}

fn check_path(file: &Path, item: &Endpoint, diagnostics: &mut Diagnostics) {
    let path_at = at(file, &item.path);
    let Some(found) = placeholders(&item.path.value, &path_at, diagnostics) else {
        return;
    };
    // A placeholder may repeat (`/a/{id}/b/{id}`): each occurrence is bound to its own segment.
    let mut distinct: Vec<&str> = Vec::new();
    for name in found {
        if !distinct.contains(&name) {
            distinct.push(name);
        }
    }
    let declared: Vec<&str> = item
        .path_parameters
        .iter()
        .map(|p| p.name.value.as_str())
        .collect();
    if distinct != declared {
        diagnostics.push(
            Diagnostic::new(
                path_at.clone(),
                format!(
                    "the path's placeholders [{}] do not match `path_parameters` [{}]",
                    distinct.join(", "),
                    declared.join(", ")
                ),
            )
            .with_hint(
                "declare each `{placeholder}` of the path in `path_parameters`, in path order, once",
            ),
        );
    }
    for other in &item.additional_paths {
        placeholders(other, &path_at, diagnostics);
    }
}

/// The placeholders of a path template, in order; a malformed template is reported at `path_at`.
fn placeholders<'p>(
    path: &'p str,
    path_at: &Location,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<&'p str>> {
    match template::parse(path) {
        Ok(parts) => Some(
            parts
                .iter()
                .filter_map(|part| match part {
                    template::Part::Placeholder(name) => Some(*name),
                    template::Part::Literal(_) => None,
                })
                .collect(),
        ),
        Err(reason) => {
            diagnostics.push(
                Diagnostic::new(
                    path_at.clone(),
                    format!("malformed path `{path}`: {reason}"),
                )
                .with_hint(
                    "write the path as the HTTP request section shows it, e.g. \
                         `/things/{thingId}`",
                ),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_semver;

    #[test]
    fn package_versions_are_semver() {
        for good in [
            "0.1.0",
            "1.2.3",
            "10.0.0-beta.1",
            "1.0.0+build.5",
            "1.0.0-rc-1+x",
        ] {
            assert!(is_semver(good), "{good}");
        }
        for bad in [
            "0",
            "1.2",
            "01.2.3",
            "1.2.3.4",
            "1.2.3-",
            "1.2.3+",
            "1.2.x",
            "1.2.3-a..b",
            "",
        ] {
            assert!(!is_semver(bad), "{bad}");
        }
    }
}
