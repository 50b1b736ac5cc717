//! Lowers a validated spec to the IR: names, Rust types, docs and output order are decided here.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::docs;
use crate::ir::{
    Body, Crate, Enumeration, Field, FunctionArgument, Item, ItemKind, Model, Operation, Package,
    Parameter, ParametersModel, PatchModel, PathPart, PolymorphicModel, PolymorphicVariant,
    Resource, RustType, Variant,
};
use crate::load::{Sourced, Spec};
use crate::naming;
use crate::primitive::Primitive;
use crate::spec::{self, Note, NoteKind, Page, Placement};
use crate::template;
use crate::validate::{Symbols, resource_folder};
use crate::vocabulary::{HttpMethod, TypeRef};

/// Field names every generated model uses besides the documented properties.
const ODATA_TYPE_FIELD: &str = "odata_type";
const ADDITIONAL_PROPERTIES_FIELD: &str = "additional_properties";
/// Field name of an operation's request body.
const BODY_FIELD: &str = "body";

/// Builds the IR of a spec that [`crate::validate::validate`] accepted.
///
/// Takes the validator's [`Symbols`] as proof that the spec was validated: lowering relies on
/// resolved references and well-formed paths.
pub fn lower(spec: &Spec, _validated: &Symbols) -> Result<Crate, Diagnostics> {
    Lowering::new(spec).run()
}

struct Lowering<'a> {
    spec: &'a Spec,
    version: &'a str,
    namespace: &'a str,
    /// The generated library's name in Rust paths.
    lib_name: String,
    diagnostics: Diagnostics,
    resources: BTreeMap<String, Resource>,
    /// Rust type names already used, for collision reports.
    type_names: BTreeMap<String, Location>,
    /// Entities whose `PATCH` body type is already generated.
    patches: BTreeSet<String>,
    /// The Rust name of every documented type, overrides applied.
    rust_names: HashMap<&'a str, String>,
    /// Referenced types with no page in the spec: raw JSON.
    opaque: HashSet<&'a str>,
    /// Flags enums: their values combine.
    flags: HashSet<&'a str>,
    /// Base types documented in the spec, each with every type derived from it.
    polymorphic: BTreeMap<&'a str, BTreeSet<&'a str>>,
    /// Entity and complex-type pages by documented name.
    pages: HashMap<&'a str, &'a Sourced<spec::Entity>>,
}

impl<'a> Lowering<'a> {
    fn new(spec: &'a Spec) -> Self {
        Self {
            spec,
            version: &spec.api.item.version.value,
            namespace: &spec.api.item.namespace.value,
            lib_name: spec.api.item.krate.name.value.replace('-', "_"),
            diagnostics: Diagnostics::default(),
            resources: BTreeMap::new(),
            type_names: BTreeMap::new(),
            patches: BTreeSet::new(),
            rust_names: spec
                .entities
                .iter()
                .chain(&spec.complex_types)
                .map(|e| (e.item.name.value.as_str(), &e.item.overrides))
                .chain(
                    spec.enums
                        .iter()
                        .map(|e| (e.item.name.value.as_str(), &e.item.overrides)),
                )
                .map(|(documented, overrides)| {
                    let rust = overrides
                        .rust_name
                        .as_ref()
                        .map_or_else(|| naming::type_name(documented), |name| name.value.clone());
                    (documented, rust)
                })
                .collect(),
            polymorphic: derived_types(spec),
            pages: spec
                .entities
                .iter()
                .chain(&spec.complex_types)
                .map(|page| (page.item.name.value.as_str(), page))
                .collect(),
            flags: spec
                .enums
                .iter()
                .filter(|e| e.item.flags)
                .map(|e| e.item.name.value.as_str())
                .collect(),
            opaque: spec
                .opaque_types
                .iter()
                .map(|t| t.item.value.as_str())
                .collect(),
        }
    }

    fn run(mut self) -> Result<Crate, Diagnostics> {
        for entity in &self.spec.entities {
            self.lower_entity(entity, "An entity");
        }
        for complex in &self.spec.complex_types {
            self.lower_entity(complex, "A complex type");
        }
        let bases: Vec<&str> = self.polymorphic.keys().copied().collect();
        for base in bases {
            self.lower_polymorphic(base);
        }
        for enumeration in &self.spec.enums {
            self.lower_enum(enumeration);
        }
        for endpoint in &self.spec.endpoints {
            self.lower_endpoint(endpoint);
        }
        let mut resources: Vec<Resource> =
            std::mem::take(&mut self.resources).into_values().collect();
        for resource in &mut resources {
            resource.items.sort_by(|a, b| a.module.cmp(&b.module));
            for pair in resource.items.windows(2) {
                if pair[0].module == pair[1].module {
                    self.diagnostics.push(
                        Diagnostic::new(
                            pair[1].source.clone(),
                            format!(
                                "`{}` and `{}` would both be written to module `{}`",
                                pair[0].name, pair[1].name, pair[1].module
                            ),
                        )
                        .with_related(pair[0].source.clone(), "the other item")
                        .with_hint("rename one of them in the spec"),
                    );
                }
            }
        }
        crate::features::assign(&mut resources);
        let api = &self.spec.api.item;
        let krate = Crate {
            package: Package {
                name: api.krate.name.value.clone(),
                lib_name: self.lib_name.clone(),
                version: api.krate.version.clone(),
                description: api.krate.description.clone(),
            },
            api_version: self.version.to_owned(),
            namespace: self.namespace.to_owned(),
            docs: self.crate_docs(&resources),
            source: Location::file(&self.spec.api.file),
            resources,
        };
        self.diagnostics.into_result(krate)
    }

    fn crate_docs(&self, resources: &[Resource]) -> String {
        let api = &self.spec.api.item;
        let mut text = format!(
            "Typed models and requests for Microsoft Graph `{}` (namespace `{}`), generated from its documentation.\n\n\
             Every operation is a request type implementing [`runtime::Operation`]: it builds an \
             [`http::Request`] and reads the [`http::Response`], \
             so any HTTP client can send it.",
            self.version, self.namespace
        );
        push_notes(&mut text, &api.notes, self.version);
        text.push_str("\n\n# Resources\n");
        for resource in resources {
            let _ = write!(text, "\n- [`{}`]", resource.module);
        }
        text
    }

    fn resource(&mut self, file: &std::path::Path) -> &mut Resource {
        // Validation guarantees every page file sits in a resource folder.
        let folder = resource_folder(&self.spec.api.file, file).unwrap_or("unsorted");
        let module = naming::plain_name(folder);
        self.resources
            .entry(module.clone())
            .or_insert_with(|| Resource {
                docs: format!(
                    "The `{folder}` resource: its types and operations (cargo feature `{module}`)."
                ),
                feature: module.clone(),
                module,
                source: Location::file(file.parent().unwrap_or(file)),
                features: Vec::new(),
                items: Vec::new(),
            })
    }

    /// Reserves a crate-wide type name; reports a collision and returns false.
    fn claim_type_name(&mut self, name: &str, documented: &str, source: &Location) -> bool {
        if let Some(first) = self.type_names.get(name) {
            self.diagnostics.push(
                Diagnostic::new(
                    source.clone(),
                    format!("`{documented}` becomes Rust type `{name}`, which is already taken"),
                )
                .with_related(first.clone(), "the first type with that Rust name")
                .with_hint("two documented names must not differ only in case or punctuation"),
            );
            return false;
        }
        self.type_names.insert(name.to_owned(), source.clone());
        true
    }

    fn push_item(
        &mut self,
        file: &std::path::Path,
        name: String,
        documented: &str,
        source: Location,
        kind: ItemKind,
    ) {
        if !self.claim_type_name(&name, documented, &source) {
            return;
        }
        let module = naming::plain_name(&name);
        self.resource(file).items.push(Item {
            module,
            name,
            source,
            features: Vec::new(),
            kind,
        });
    }

    fn rust_type(&self, documented: &str) -> RustType {
        let reference = TypeRef::parse(documented);
        let element = match reference.primitive() {
            Some(primitive) => RustType::Primitive(primitive.rust_path()),
            None if self.opaque.contains(reference.name) => {
                RustType::Primitive("serde_json::Value")
            }
            None if self.flags.contains(reference.name) => {
                RustType::Flags(Box::new(RustType::Named(self.type_name_of(reference.name))))
            }
            None if self.polymorphic.contains_key(reference.name) => {
                RustType::Named(self.polymorphic_name(reference.name))
            }
            None => RustType::Named(self.type_name_of(reference.name)),
        };
        if reference.collection {
            RustType::Vec(Box::new(element))
        } else {
            element
        }
    }

    /// The Rust name of a documented type (validation resolved every reference).
    fn type_name_of(&self, documented: &str) -> String {
        self.rust_names
            .get(documented)
            .cloned()
            .unwrap_or_else(|| naming::type_name(documented))
    }

    /// The Rust name of the enum over a base type and its derived types.
    fn polymorphic_name(&self, base: &str) -> String {
        format!("Any{}", self.type_name_of(base))
    }

    fn lower_polymorphic(&mut self, base: &str) {
        let Some(Sourced { file, item }) = self.pages.get(base).copied() else {
            return;
        };
        let source = Location::in_file(file, &item.name.referenced);
        let base_name = self.type_name_of(base);
        let variant = |documented: &str| PolymorphicVariant {
            name: self.type_name_of(documented),
            odata_type: format!("{}.{documented}", self.namespace),
            features: Vec::new(),
        };
        let mut variants = vec![variant(base)];
        let mut derived: Vec<PolymorphicVariant> =
            self.polymorphic[base].iter().map(|d| variant(d)).collect();
        derived.sort_by(|a, b| a.name.cmp(&b.name));
        variants.extend(derived);
        let docs = format!(
            "A [`{base_name}`](crate::{base_name}) or any type derived from it, read as the type its \
             `@odata.type` names.\n\nA value whose `@odata.type` this crate does not know, or whose \
             type no enabled cargo feature compiles, is read as the base type, which keeps its \
             other properties in `additional_properties`: nothing is lost."
        );
        let name = self.polymorphic_name(base);
        self.push_item(
            file,
            name,
            base,
            source,
            ItemKind::Polymorphic(PolymorphicModel { docs, variants }),
        );
    }

    /// A name for a type derived from a documented one (`xPatch`), following its override.
    fn derived_name(&self, documented: &str, suffix: &str) -> String {
        match self.rust_names.get(documented) {
            Some(name) if *name != naming::type_name(documented) => format!("{name}{suffix}"),
            _ => naming::type_name(&format!("{documented}{suffix}")),
        }
    }

    fn doc(&self, text: &str) -> String {
        docs::rustdoc(text, self.version)
    }

    fn page_docs(&self, summary: &str, page: &Page) -> String {
        let mut text = self.doc(summary);
        push_notes(&mut text, &page.notes, self.version);
        text
    }

    fn odata_type(&self, documented: &str) -> String {
        format!("#{}.{documented}", self.namespace)
    }

    fn fields<'p>(
        &mut self,
        source: &Location,
        file: &std::path::Path,
        overrides: &spec::Overrides,
        properties: impl Iterator<Item = &'p spec::Property>,
    ) -> Vec<Field> {
        let mut names: BTreeMap<String, Location> = [ODATA_TYPE_FIELD, ADDITIONAL_PROPERTIES_FIELD]
            .into_iter()
            .map(|reserved| (reserved.to_owned(), source.clone()))
            .collect();
        let mut fields = Vec::new();
        for property in properties {
            let name = overrides
                .names
                .get(&property.name.value)
                .cloned()
                .unwrap_or_else(|| naming::field_name(&property.name.value));
            let here = Location::in_file(file, &property.name.referenced);
            if let Some(first) = names.get(&name) {
                let hint = if first == source {
                    format!(
                        "`{name}` is reserved for the field every generated model has; rename the property in the spec"
                    )
                } else {
                    "two property names must not differ only in case or punctuation".to_owned()
                };
                self.diagnostics.push(
                    Diagnostic::new(
                        here,
                        format!(
                            "property `{}` becomes Rust field `{name}`, which is already taken",
                            property.name.value
                        ),
                    )
                    .with_related(first.clone(), "the name is taken here")
                    .with_hint(hint),
                );
                continue;
            }
            names.insert(name.clone(), here);
            let docs = if property.description.trim().is_empty() {
                format!("The `{}` property.", property.name.value)
            } else {
                self.doc(&property.description)
            };
            let json_name = &property.name.value;
            let serde_rename =
                (naming::serde_camel_case(&name) != *json_name).then(|| json_name.clone());
            fields.push(Field {
                name,
                serde_rename,
                json_name: json_name.clone(),
                ty: self.rust_type(&property.ty.value),
                docs,
            });
        }
        fields
    }

    fn lower_entity(&mut self, entity: &Sourced<spec::Entity>, kind: &str) {
        let Sourced { file, item } = entity;
        let source = Location::in_file(file, &item.name.referenced);
        let name = self.type_name_of(&item.name.value);
        let odata_type = self.odata_type(&item.name.value);
        let mut docs = self.page_docs(&item.description, &item.page);
        let _ = write!(docs, "\n\n{kind}, OData type `{odata_type}`");
        if let Some(base) = &item.base_type {
            if self.opaque.contains(base.value.as_str()) {
                let _ = write!(
                    docs,
                    ", derived from `{}` (its page is not in the spec)",
                    base.value
                );
            } else {
                let _ = write!(
                    docs,
                    ", derived from [`{0}`](crate::{0})",
                    self.type_name_of(&base.value)
                );
            }
        }
        if let Some(key) = &item.key {
            let _ = write!(docs, "; key property `{}`", key.value);
        }
        let _ = write!(
            docs,
            ". Every property is optional, since Graph leaves out those not selected; properties \
             this crate does not know are kept in `additional_properties`.\n\n[Documentation]({})",
            docs::page_url(&item.page.source.value, self.version)
        );
        let fields = self.fields(
            &source,
            file,
            &item.overrides,
            item.properties.iter().chain(&item.relationships),
        );
        self.push_item(
            file,
            name,
            &item.name.value,
            source,
            ItemKind::Model(Model {
                docs,
                odata_type,
                fields,
            }),
        );
    }

    fn lower_patch(&mut self, documented: &str) -> RustType {
        let entity = self.pages.get(documented).copied();
        // Validation resolved the body type to an entity.
        let Some(Sourced { file, item }) = entity else {
            return RustType::Named(self.type_name_of(documented));
        };
        let entity_name = self.type_name_of(documented);
        let name = self.derived_name(documented, "Patch");
        if !self.patches.insert(documented.to_owned()) {
            return RustType::Named(name);
        }
        let odata_type = self.odata_type(documented);
        let docs = format!(
            "Changes to a [`{entity_name}`](crate::{entity_name}) for an update (`PATCH`) request.\n\n\
             Every property starts [`Patch::Unchanged`](crate::runtime::Patch::Unchanged) and is \
             left out of the body, so the service keeps its value. Set the properties to change with \
             [`Patch::Set`](crate::runtime::Patch::Set), or clear them with \
             [`Patch::Clear`](crate::runtime::Patch::Clear) (sent as `null`). The body always carries \
             `\"@odata.type\": \"{odata_type}\"`; properties this crate does not know can be sent \
             through `additional_properties`."
        );
        let entity_source = Location::in_file(file, &item.name.referenced);
        let fields = self.fields(
            &entity_source,
            file,
            &item.overrides,
            item.properties.iter().filter(|p| p.create),
        );
        self.push_item(
            file,
            name.clone(),
            documented,
            entity_source,
            ItemKind::Patch(PatchModel {
                docs,
                entity: entity_name,
                odata_type,
                fields,
            }),
        );
        RustType::Named(name)
    }

    fn lower_enum(&mut self, enumeration: &Sourced<spec::Enumeration>) {
        let Sourced { file, item } = enumeration;
        let source = Location::in_file(file, &item.name.referenced);
        let name = self.type_name_of(&item.name.value);
        let mut taken: BTreeMap<String, Location> = BTreeMap::new();
        let mut variants = Vec::new();
        for member in &item.members {
            let variant = item
                .overrides
                .names
                .get(&member.name.value)
                .cloned()
                .unwrap_or_else(|| naming::variant_name(&member.name.value));
            let here = Location::in_file(file, &member.name.referenced);
            if let Some(first) = taken.get(&variant) {
                self.diagnostics.push(
                    Diagnostic::new(
                        here,
                        format!(
                            "member `{}` becomes variant `{variant}`, which is already taken",
                            member.name.value
                        ),
                    )
                    .with_related(first.clone(), "the first member with that variant name")
                    .with_hint("two member names must not differ only in case or punctuation"),
                );
                continue;
            }
            taken.insert(variant.clone(), here);
            let description = if member.description.trim().is_empty() {
                format!("The `{}` member.", member.name.value)
            } else {
                self.doc(&member.description)
            };
            variants.push(Variant {
                name: variant,
                json_value: member.name.value.clone(),
                docs: format!(
                    "{description}\n\nJSON `\"{}\"`, documented value {}.",
                    member.name.value, member.value
                ),
            });
        }
        // The catch-all must not shadow a documented member.
        let mut undocumented_variant = "Undocumented".to_owned();
        while taken.contains_key(&undocumented_variant) {
            undocumented_variant.push_str("Value");
        }
        let mut docs = self.page_docs(&item.description, &item.page);
        let _ = write!(
            docs,
            "\n\nValues this crate does not know (Graph adds members over time) are kept in \
             [`{name}::{undocumented_variant}`] and serialized back unchanged.\n\n[Documentation]({})",
            docs::page_url(&item.page.source.value, self.version)
        );
        self.push_item(
            file,
            name,
            &item.name.value,
            source,
            ItemKind::Enum(Enumeration {
                docs,
                variants,
                undocumented_variant,
            }),
        );
    }

    fn lower_endpoint(&mut self, endpoint: &Sourced<spec::Endpoint>) {
        let Sourced { file, item } = endpoint;
        let source = Location::in_file(file, &item.name.referenced);
        let name = item.overrides.rust_name.as_ref().map_or_else(
            || naming::type_name(&item.name.value),
            |name| name.value.clone(),
        );

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
                    let docs = match declared.and_then(|p| p.description.as_deref()) {
                        Some(description) => self.doc(description),
                        None => format!("The `{{{placeholder}}}` segment of the path."),
                    };
                    let field = naming::field_name(placeholder);
                    if field == BODY_FIELD || parameters.iter().any(|p| p.name == field) {
                        self.diagnostics.push(
                            Diagnostic::new(Location::in_file(file, &item.path.referenced), format!("path parameter `{placeholder}` becomes field `{field}`, which is already taken"))
                                .with_hint("rename the placeholder"),
                        );
                    }
                    path.push(PathPart::Parameter(parameters.len()));
                    // A plain identifier, as `format!` strings cannot name raw ones.
                    let binding = naming::plain_name(placeholder);
                    parameters.push(Parameter {
                        name: field,
                        binding,
                        documented_name: placeholder.to_owned(),
                        docs,
                    });
                }
            }
        }

        let body = item
            .request_body
            .as_ref()
            .and_then(|body| self.lower_body(file, item, &name, body));
        let function_arguments = match &item.request_body {
            Some(body) if body.placement == Placement::Url => {
                self.function_arguments(file, body, &parameters)
            }
            _ => Vec::new(),
        };
        let documented_output = match &item.response.ty {
            None => RustType::Primitive("()"),
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
        let accepts_no_content =
            item.method.value == HttpMethod::Patch || item.response.ty.is_none();
        let output = if item.method.value == HttpMethod::Patch && item.response.ty.is_some() {
            RustType::Updated(Box::new(documented_output))
        } else {
            documented_output
        };
        let query_options = item.method.value == HttpMethod::Get
            && (item.odata_query_parameters || item.response.collection);
        let headers = item
            .headers
            .iter()
            .filter(|h| {
                !h.name.eq_ignore_ascii_case("authorization") && !h.value.contains(['<', '{'])
            })
            .map(|h| (h.name.to_ascii_lowercase(), h.value.clone()))
            .collect();
        let national_clouds = item
            .national_clouds
            .iter()
            .map(|cloud| cloud.value.variant())
            .collect();

        let mut operation = Operation {
            docs: String::new(),
            documented_name: item.name.value.clone(),
            method: item.method.value.as_str().to_owned(),
            parameters,
            path,
            headers,
            body,
            function_arguments,
            query_options,
            output,
            accepts_no_content,
            success_status: item.response.status.value.code(),
            success_status_name: item.response.status.value.constant(),
            national_clouds,
        };
        operation.docs = self.operation_docs(item, &name, &operation);
        self.push_item(
            file,
            name,
            &item.name.value,
            source,
            ItemKind::Operation(operation),
        );
    }

    /// The request body of an endpoint: a `PATCH` body type, an entity, or an action's
    /// parameters (a generated struct). Function parameters go in the URL instead.
    fn lower_body(
        &mut self,
        file: &std::path::Path,
        item: &spec::Endpoint,
        operation: &str,
        body: &spec::RequestBody,
    ) -> Option<Body> {
        let docs = self.doc(&body.description);
        let ty = match (&body.ty, body.placement) {
            (Some(ty), _) if item.method.value == HttpMethod::Patch => self.lower_patch(&ty.value),
            (Some(ty), _) => self.rust_type(&ty.value),
            (None, Placement::Url) => return None,
            (None, Placement::Body) => {
                let name = naming::type_name(&format!("{operation}Parameters"));
                let source = Location::in_file(file, &item.name.referenced);
                let fields = self
                    .parameter_fields(file, &body.parameters, &[])
                    .into_iter()
                    .flatten()
                    .collect();
                let model = ParametersModel {
                    docs: format!(
                        "The parameters of [`{operation}`](crate::{operation}): each is sent when set.\n\n{docs}"
                    ),
                    fields,
                };
                self.push_item(
                    file,
                    name.clone(),
                    &item.name.value,
                    source,
                    ItemKind::Parameters(model),
                );
                RustType::Named(name)
            }
        };
        Some(Body { ty, docs })
    }

    /// The fields for a parameters table, one per row (`None` where a row's Rust name is
    /// already taken, by an earlier row or by one of `taken`, which is reported).
    fn parameter_fields(
        &mut self,
        file: &std::path::Path,
        parameters: &[spec::Parameter],
        taken: &[&str],
    ) -> Vec<Option<Field>> {
        let mut names: BTreeSet<String> = taken.iter().map(|name| (*name).to_owned()).collect();
        let mut fields = Vec::with_capacity(parameters.len());
        for parameter in parameters {
            let field = self.parameter_field(parameter);
            if names.insert(field.name.clone()) {
                fields.push(Some(field));
                continue;
            }
            self.diagnostics.push(
                Diagnostic::new(
                    Location::in_file(file, &parameter.name.referenced),
                    format!(
                        "parameter `{}` becomes field `{}`, which is already taken",
                        parameter.name.value, field.name
                    ),
                )
                .with_hint("two parameter names must not differ only in case or punctuation"),
            );
            fields.push(None);
        }
        fields
    }

    fn parameter_field(&self, parameter: &spec::Parameter) -> Field {
        let name = naming::field_name(&parameter.name.value);
        let json_name = parameter.name.value.clone();
        let serde_rename =
            (naming::serde_camel_case(&name) != json_name).then(|| json_name.clone());
        let docs = if parameter.description.trim().is_empty() {
            format!("The `{json_name}` parameter.")
        } else {
            self.doc(&parameter.description)
        };
        Field {
            name,
            serde_rename,
            json_name,
            ty: self.rust_type(&parameter.ty.value),
            docs,
        }
    }

    fn function_arguments(
        &mut self,
        file: &std::path::Path,
        body: &spec::RequestBody,
        path_parameters: &[Parameter],
    ) -> Vec<FunctionArgument> {
        let mut taken: Vec<&str> = path_parameters.iter().map(|p| p.name.as_str()).collect();
        taken.push(BODY_FIELD);
        let mut arguments = Vec::new();
        for (parameter, field) in
            body.parameters
                .iter()
                .zip(self.parameter_fields(file, &body.parameters, &taken))
        {
            let Some(field) = field else { continue };
            let reference = TypeRef::parse(&parameter.ty.value);
            let bare = matches!(
                reference.primitive(),
                Some(
                    Primitive::Boolean
                        | Primitive::Int32
                        | Primitive::Int64
                        | Primitive::Double
                        | Primitive::Single
                )
            );
            arguments.push(FunctionArgument {
                field,
                quoted: !bare || reference.collection,
            });
        }
        arguments
    }

    fn operation_docs(&self, item: &spec::Endpoint, name: &str, operation: &Operation) -> String {
        let mut text = format!("{}\n\n", self.doc(&item.name.value));
        text.push_str(&self.page_docs(&item.summary, &item.page));
        let _ = write!(text, "\n\n`{} {}`", item.method.value, item.path.value);

        text.push_str("\n\n# Permissions\n\n| Permission type | Permissions (from least to most privileged) |\n|:---|:---|");
        let permissions = &item.permissions;
        for (kind, scopes) in [
            (
                "Delegated (work or school account)",
                &permissions.delegated_work_or_school,
            ),
            (
                "Delegated (personal Microsoft account)",
                &permissions.delegated_personal_account,
            ),
            ("Application", &permissions.application),
        ] {
            let cell = if scopes.is_empty() {
                "Not supported.".to_owned()
            } else {
                scopes
                    .iter()
                    .map(|s| format!("`{}`", docs::table_cell(s)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = write!(text, "\n| {kind} | {cell} |");
        }

        text.push_str("\n\n# National clouds\n\nAvailable in ");
        let clouds: Vec<String> = operation
            .national_clouds
            .iter()
            .map(|v| format!("[`NationalCloud::{v}`](crate::runtime::NationalCloud::{v})"))
            .collect();
        text.push_str(&clouds.join(", "));
        text.push('.');

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
        let _ = write!(
            text,
            "\n\n# Example\n\n```\n{}```",
            self.example(name, operation)
        );
        let _ = write!(
            text,
            "\n\n[Documentation]({})",
            docs::page_url(&item.page.source.value, self.version)
        );
        text
    }

    /// A doc test that builds the request and reads a response.
    fn example(&self, name: &str, operation: &Operation) -> String {
        let krate = &self.lib_name;
        let mut code =
            format!("use {krate}::runtime::{{AccessToken, NationalCloud, Operation, http}};\n");
        let mut args: Vec<String> = operation
            .parameters
            .iter()
            .map(|p| format!("\"{}-value\"", p.documented_name))
            .collect();
        match &operation.body {
            Some(Body {
                ty: RustType::Named(body),
                ..
            }) => {
                // A polymorphic body has no default: send the base type.
                let base = body.strip_prefix("Any").and_then(|base| {
                    self.polymorphic
                        .keys()
                        .map(|b| self.type_name_of(b))
                        .find(|b| b == base)
                });
                match base {
                    Some(base) => {
                        let _ = writeln!(code, "use {krate}::{{{base}, {body}, {name}}};\n");
                        let _ = writeln!(code, "let body = {body}::{base}({base}::default());");
                    }
                    None => {
                        let _ = writeln!(code, "use {krate}::{{{body}, {name}}};\n");
                        let _ = writeln!(code, "let body = {body}::default();");
                    }
                }
                args.push("body".to_owned());
            }
            _ => {
                let _ = writeln!(code, "use {krate}::{name};\n");
            }
        }
        args.extend(
            operation
                .function_arguments
                .iter()
                .map(|argument| example_value(&argument.field.ty)),
        );
        let cloud = operation
            .national_clouds
            .first()
            .copied()
            .unwrap_or("Global");
        let _ = writeln!(code, "let operation = {name}::new({});", args.join(", "));
        let _ = writeln!(
            code,
            "let request = operation.to_http_request(NationalCloud::{cloud}, &AccessToken::new(\"<token>\"))?;"
        );
        let _ = writeln!(
            code,
            "assert_eq!(request.method(), http::Method::{});",
            operation.method
        );
        let (status, body) = match &operation.output {
            RustType::Primitive("()") => (204, String::new()),
            RustType::Page(_) => (operation.success_status, r#"{"value": []}"#.to_owned()),
            RustType::ValueOf(inner) => (
                operation.success_status,
                format!(r#"{{"value": {}}}"#, example_json(inner)),
            ),
            _ => (operation.success_status, "{}".to_owned()),
        };
        let _ = writeln!(
            code,
            "\n// Send `request` with any HTTP client, then read the answer:\nlet response = http::Response::builder().status({status}).body(br#\"{body}\"#.to_vec())?;"
        );
        let _ = writeln!(code, "let output = {name}::parse_response(&response)?;");
        code.push_str("# Ok::<(), Box<dyn std::error::Error>>(())\n");
        code
    }
}

/// Example text for primitives whose JSON form is a string with a format of its own.
fn example_text(rust: &str) -> Option<&'static str> {
    Some(match rust {
        "crate::runtime::DateTimeOffset" => "2024-01-01T00:00:00Z",
        "crate::runtime::Date" => "2024-01-01",
        "crate::runtime::TimeOfDay" => "12:00:00",
        "crate::runtime::Duration" => "PT1H",
        "crate::runtime::Binary" => "AA==",
        "uuid::Uuid" => "00000000-0000-0000-0000-000000000000",
        _ => return None,
    })
}

/// A Rust expression of type `ty`, for doc examples.
fn example_value(ty: &RustType) -> String {
    match ty {
        RustType::Primitive("String") => "\"value\".to_owned()".to_owned(),
        RustType::Primitive("bool") => "true".to_owned(),
        RustType::Primitive("f32" | "f64") => "1.0".to_owned(),
        RustType::Primitive("i32" | "i64" | "u8") => "1".to_owned(),
        RustType::Primitive(rust) => match example_text(rust) {
            Some(text) => format!("\"{text}\".parse()?"),
            None => "Default::default()".to_owned(),
        },
        RustType::Vec(_) => "Vec::new()".to_owned(),
        _ => "\"value\".into()".to_owned(),
    }
}

/// A JSON literal of type `ty`, for doc examples.
fn example_json(ty: &RustType) -> String {
    match ty {
        RustType::Primitive("String") => "\"value\"".to_owned(),
        RustType::Primitive("bool") => "true".to_owned(),
        RustType::Primitive("f32" | "f64" | "i32" | "i64" | "u8") => "1".to_owned(),
        RustType::Primitive(rust) => {
            example_text(rust).map_or_else(|| "null".to_owned(), |text| format!("\"{text}\""))
        }
        RustType::Vec(_) => "[]".to_owned(),
        _ => "{}".to_owned(),
    }
}

/// Every documented base type with all the types derived from it, directly or not.
fn derived_types(spec: &Spec) -> BTreeMap<&str, BTreeSet<&str>> {
    let types: Vec<&spec::Entity> = spec
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

fn push_notes(text: &mut String, notes: &[Note], version: &str) {
    for note in notes {
        let label = match note.kind {
            NoteKind::Important => "Important",
            NoteKind::Note => "Note",
        };
        let _ = write!(
            text,
            "\n\n**{label}:** {}",
            docs::rustdoc(&note.text, version)
        );
    }
}
