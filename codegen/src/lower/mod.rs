//! Lowers a validated spec to the IR: every name, Rust type, doc and output order is decided
//! here, in typed form, so the emitters only print.
//!
//! Names are claimed in `Scope`s (`scope.rs`): one for the crate's types, one per resource for its
//! item modules, one per struct or enum for its fields or variants. The generator's own names
//! are claimed before documented ones, so a documented name never takes one the generated code
//! relies on.

mod bindings;
mod cycles;
mod example;
mod example_bodies;
mod landing;
mod model;
mod operation;
mod path;
mod permissions;
mod scope;
mod shared_paths;
mod types;
mod workload;

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostic::Location;
use crate::docs;
use crate::ir::{
    Crate, Export, Home, Item, ItemKind, LoweredFile, NamespaceGlob, NamespaceModule, Package,
    PathVariant, Place, RequestsCrate, Resource, ResourceTests, TypePath,
};
use crate::load::{Sourced, Spec};
use crate::naming;
use crate::spec::{Endpoint, Entity, Note, Page};
use crate::validate::{Symbols, resource_folder};
use crate::vocabulary::TypeName;
use scope::{Case, Scope};

/// Module names the crate root holds besides the resources.
const ROOT_MODULES: &[(&str, &str)] = &[
    ("runtime", "the runtime module"),
    (
        EXAMPLES_MODULE,
        "the test module of the documentation's examples",
    ),
];

/// The test module reading the documentation's example bodies.
const EXAMPLES_MODULE: &str = "documentation_examples";

/// Builds the IR of a spec, given the [`Symbols`] that [`crate::validate::validate`] returned
/// for it: lowering relies on resolved references and well-formed paths. Each operation's file
/// goes to `each` as soon as the operation is lowered (the crate keeps its summary), and each
/// resource's file of the examples module once its operations are.
///
/// Lowering cannot fail: every name it needs is claimed in a scope that makes it distinct.
pub fn lower(spec: &Spec, symbols: &Symbols<'_>, each: impl FnMut(LoweredFile)) -> Crate {
    lower_apart(spec, symbols, &spec.endpoints, each)
}

/// [`lower`], given the endpoints apart from `spec`, in spec order (as
/// [`crate::validate::validate_apart`] was): owned ones are dropped as soon as they are
/// lowered, so the spec's largest part and the operations made from it are never held whole.
pub fn lower_apart<E: Borrow<Sourced<Endpoint>>>(
    spec: &Spec,
    symbols: &Symbols<'_>,
    endpoints: impl IntoIterator<Item = E>,
    mut each: impl FnMut(LoweredFile),
) -> Crate {
    let workloads = workload::Workloads::read(spec, symbols.outlines());
    let mut lowering = Lowering::new(spec, symbols, workloads);
    for entity in &spec.entities {
        lowering.lower_entity(entity, "An entity");
    }
    for complex in &spec.complex_types {
        lowering.lower_entity(complex, "A complex type");
    }
    for base in symbols.derived().keys() {
        lowering.lower_polymorphic(base);
    }
    for enumeration in &spec.enums {
        lowering.lower_enum(enumeration);
    }
    lowering.plan_shared_paths();
    for (index, endpoint) in endpoints.into_iter().enumerate() {
        let file = lowering.lower_endpoint(endpoint.borrow(), symbols.operation(index));
        each(LoweredFile::Operation(Box::new(file)));
        if let Some(tests) = lowering.finished_tests.take() {
            each(LoweredFile::Tests(tests));
        }
    }
    lowering.finish_tests();
    if let Some(tests) = lowering.finished_tests.take() {
        each(LoweredFile::Tests(tests));
    }
    lowering.push_shared_paths();
    lowering.finish()
}

struct Lowering<'a, 's> {
    spec: &'a Spec,
    symbols: &'s Symbols<'a>,
    version: &'a str,
    namespace: &'a str,
    /// The generated library's name in Rust paths.
    lib_name: String,
    /// Resources by spec folder.
    resources: BTreeMap<String, Resource>,
    /// Item module scopes, one per resource, by spec folder.
    modules: BTreeMap<String, Scope>,
    /// The crate root's modules.
    root_modules: Scope,
    /// Type names of the crate root, which re-exports every item of `api.yaml`'s namespace.
    type_names: Scope,
    /// The other namespaces, by OData name: each a module of the crate root with its own
    /// type names.
    namespaces: BTreeMap<&'a str, Namespace>,
    /// The resource type of each resource folder whose resource type is of another namespace:
    /// the folder's operations are named in that namespace.
    namespaced_resources: BTreeMap<&'a str, TypeName<'a>>,
    /// The Rust path of every documented type, claimed up front in spec order.
    rust_names: BTreeMap<&'a str, TypePath>,
    /// The types already derived from a documented one, by documented name.
    derived_names: BTreeMap<(&'a str, Derived), TypePath>,
    /// The cargo feature of each resource folder.
    workloads: workload::Workloads,
    /// Example bodies no generated type reads, each with the reason.
    unread_examples: Vec<String>,
    /// The request paths several operations document alike, by their variants.
    shared_paths: HashMap<Vec<PathVariant>, shared_paths::SharedPaths<'a>>,
    /// The operations taking each shared enum pushed, by its path, for its docs once placed.
    shared_users: HashMap<TypePath, shared_paths::Users>,
    /// The operation the crate's docs show, kept whole: its endpoint and its file are gone
    /// when the docs are written.
    sample: Option<landing::Sample>,
    /// The examples module's tests of the resource whose operations are being lowered.
    tests: Option<ResourceTests>,
    /// The tests of a resource whose operations are all lowered, for the caller to take.
    finished_tests: Option<ResourceTests>,
    /// The modules of the resources with tests so far.
    tested: Vec<String>,
    /// How many example bodies their tests check.
    checked: usize,
}

/// A namespace besides `api.yaml`'s: its module and the names claimed in it, of its types and
/// of the operations of its resources.
struct Namespace {
    module: String,
    type_names: Scope,
}

/// Types generated for a documented type besides its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Derived {
    /// `AnyX`: the enum over `x` and the types derived from it.
    Polymorphic,
    /// `XPatch`: the body of an update of `x`.
    Patch,
}

impl<'a, 's> Lowering<'a, 's> {
    fn new(spec: &'a Spec, symbols: &'s Symbols<'a>, workloads: workload::Workloads) -> Self {
        let api_namespace = spec.api.item.namespace.value.as_str();
        let mut type_names = Scope::new(Case::Camel);
        let mut root_modules = Scope::with_reserved(Case::Snake, ROOT_MODULES);
        let documented = spec
            .entities
            .iter()
            .chain(&spec.complex_types)
            .map(|e| &e.item.name.value)
            .chain(spec.enums.iter().map(|e| &e.item.name.value));
        let namespaces: BTreeSet<&str> = documented
            .filter_map(|name| TypeName::parse(name).namespace)
            .collect();
        // Claimed before any resource, so `security` names the namespace, not a resource.
        let mut namespaces: BTreeMap<&str, Namespace> = namespaces
            .into_iter()
            .map(|namespace| {
                let relative = relative_namespace(namespace, api_namespace);
                let owner = format!("the namespace `{namespace}`");
                let module = root_modules
                    .claim(&naming::plain_name(relative), &owner)
                    .name;
                let type_names = Scope::new(Case::Camel);
                (namespace, Namespace { module, type_names })
            })
            .collect();
        let pages = spec
            .entities
            .iter()
            .chain(&spec.complex_types)
            .map(|e| (&e.item.name.value, &e.item.overrides))
            .chain(
                spec.enums
                    .iter()
                    .map(|e| (&e.item.name.value, &e.item.overrides)),
            );
        let rust_names = pages
            .map(|(documented, overrides)| {
                let name = TypeName::parse(documented);
                let wanted = overrides
                    .rust_name
                    .as_ref()
                    .map_or_else(|| naming::type_name(name.name), |name| name.value.clone());
                let owner = format!("the type `{documented}`");
                let path = match name.namespace.and_then(|n| namespaces.get_mut(n)) {
                    Some(Namespace { module, type_names }) => TypePath {
                        namespace: Some(module.clone()),
                        name: type_names.claim(&wanted, &owner).name,
                    },
                    None => TypePath::root(type_names.claim(&wanted, &owner).name),
                };
                (documented.as_str(), path)
            })
            .collect();
        Self {
            spec,
            symbols,
            namespaced_resources: namespaced_resources(spec),
            version: &spec.api.item.version.value,
            namespace: &spec.api.item.namespace.value,
            lib_name: spec.api.item.krate.name.value.replace('-', "_"),
            resources: BTreeMap::new(),
            modules: BTreeMap::new(),
            root_modules,
            type_names,
            namespaces,
            rust_names,
            derived_names: BTreeMap::new(),
            workloads,
            unread_examples: Vec::new(),
            shared_paths: HashMap::new(),
            shared_users: HashMap::new(),
            sample: None,
            tests: None,
            finished_tests: None,
            tested: Vec::new(),
            checked: 0,
        }
    }

    fn finish(mut self) -> Crate {
        let mut resources: Vec<Resource> =
            std::mem::take(&mut self.resources).into_values().collect();
        resources.sort_by(|a, b| a.module.cmp(&b.module));
        for resource in &mut resources {
            resource.items.sort_by(|a, b| a.module.cmp(&b.module));
        }
        cycles::break_cycles(&mut resources);
        crate::features::assign(&mut resources);
        shared_paths::name_users(&mut resources, &self.shared_users);
        let features = self.workloads.features(&resources);
        let api = &self.spec.api.item;
        let package = Package {
            name: api.krate.name.value.clone(),
            lib_name: self.lib_name.clone(),
            version: api.krate.version.value.clone(),
            description: api.krate.description.clone(),
            keywords: ["microsoft-graph", "msgraph"]
                .into_iter()
                .chain(self.workloads.covers_intune().then_some("intune"))
                .chain(["graph-api"])
                .map(str::to_owned)
                .collect(),
            runtime_path: api.krate.runtime_path.clone(),
        };
        let models = member_package(
            &package,
            &Place::Models,
            format!(
                "The models of `{}`, which re-exports them: depend on that crate.",
                package.name
            ),
        );
        let placed: BTreeSet<&str> = (resources.iter())
            .filter(|resource| resource.module(Home::Requests).is_some())
            .map(|resource| resource.feature.as_str())
            .collect();
        let requests: Vec<RequestsCrate> = placed
            .into_iter()
            .map(|feature| RequestsCrate {
                feature: feature.to_owned(),
                package: member_package(
                    &package,
                    &Place::Requests(feature.to_owned()),
                    format!(
                        "The requests of the `{feature}` workload of `{}`, which re-exports \
                         them under its feature `{feature}`: depend on that crate.",
                        package.name
                    ),
                ),
                docs: format!(
                    "The requests of the `{feature}` workload of the `{}` crate: its \
                     operations, their bodies and parameters, the types they use named from \
                     the models crate. That crate re-exports them all under its feature \
                     `{feature}`: depend on it rather than on this crate.",
                    package.name
                ),
            })
            .collect();
        let namespaces = self.namespace_modules(&resources, &models, &requests);
        let models_exports = models_exports(&resources);
        let models_docs = format!(
            "The models of the `{}` crate: each type Microsoft Graph `{}` sends (entities, \
             complex types, enums, and an `Any…` enum over each base type and its derived \
             types), and the request types the requests of several workloads name. That crate \
             re-exports them all at its root, beside the requests, and forwards its workload \
             features here: depend on it rather than on this crate.",
            package.name, self.version
        );
        Crate {
            models_docs,
            models_exports,
            api_version: self.version.to_owned(),
            namespace: self.namespace.to_owned(),
            docs: self.crate_docs(&features, &resources, &models),
            source: Location::file(&self.spec.api.file),
            examples: self.examples_module(),
            package,
            models,
            requests,
            features,
            resources,
            namespaces,
        }
    }

    /// The module of each namespace besides the API's in each crate that defines items of it,
    /// re-exporting them, and the module of the crate users name re-exporting all of theirs.
    fn namespace_modules(
        &self,
        resources: &[Resource],
        models: &Package,
        requests: &[RequestsCrate],
    ) -> Vec<NamespaceModule> {
        let mut defined: BTreeMap<(Place, &str), Vec<Export>> = BTreeMap::new();
        for resource in resources {
            for item in &resource.items {
                let Some(namespace) = &item.namespace else {
                    continue;
                };
                // A requests crate is compiled whole.
                let features = match item.home {
                    Home::Models => resource.gate(item).to_vec(),
                    Home::Requests => Vec::new(),
                };
                defined
                    .entry((resource.place(item.home), namespace))
                    .or_default()
                    .push(Export {
                        resource: resource.module.clone(),
                        item: item.module.clone(),
                        name: item.name.clone(),
                        features,
                    });
            }
        }
        // Each crate's module as a glob of the crate users name: its library, and the features
        // any of which compiles an item of it.
        let globs: BTreeMap<(Place, &str), NamespaceGlob> = (defined.iter())
            .filter_map(|((place, module), exports)| {
                let (lib_name, features) = match place {
                    Place::Models => {
                        let features: BTreeSet<&String> =
                            exports.iter().flat_map(|e| &e.features).collect();
                        (&models.lib_name, features.into_iter().cloned().collect())
                    }
                    Place::Requests(feature) => {
                        let requests = (requests.iter()).find(|r| &r.feature == feature)?;
                        (&requests.package.lib_name, vec![feature.clone()])
                    }
                    Place::Facade => return None,
                };
                let glob = NamespaceGlob {
                    lib_name: lib_name.clone(),
                    features,
                };
                Some(((place.clone(), *module), glob))
            })
            .collect();
        let source = Location::file(&self.spec.api.file);
        let mut modules = Vec::new();
        for (namespace, Namespace { module, .. }) in &self.namespaces {
            let of_module: Vec<(&Place, &NamespaceGlob)> = (globs.iter())
                .filter(|((_, name), _)| name == module)
                .map(|((place, _), glob)| (place, glob))
                .collect();
            if of_module.is_empty() {
                continue;
            }
            let in_models = globs.get(&(Place::Models, module.as_str()));
            for (place, _) in &of_module {
                let docs = match place {
                    Place::Models => format!(
                        "The types of the OData namespace `{namespace}`, named apart from the \
                         crate root's: each is defined in its resource's module and \
                         re-exported here."
                    ),
                    _ => format!(
                        "The operations of the resources of the OData namespace \
                         `{namespace}`, named apart from the crate root's: each is defined in \
                         its resource's module and re-exported here."
                    ),
                };
                let mut exports = defined
                    .remove(&((*place).clone(), module.as_str()))
                    .unwrap_or_default();
                exports.sort_by(|a, b| a.name.cmp(&b.name));
                modules.push(NamespaceModule {
                    place: (*place).clone(),
                    module: module.clone(),
                    // Ungated: the crate is compiled with its feature, which the models crate
                    // then has, and the module itself always is.
                    globs: match place {
                        Place::Requests(_) => (in_models.into_iter())
                            .map(|glob| NamespaceGlob {
                                features: Vec::new(),
                                ..glob.clone()
                            })
                            .collect(),
                        _ => Vec::new(),
                    },
                    docs,
                    source: source.clone(),
                    exports,
                });
            }
            modules.push(NamespaceModule {
                place: Place::Facade,
                module: module.clone(),
                globs: of_module
                    .into_iter()
                    .map(|(_, glob)| glob.clone())
                    .collect(),
                docs: format!(
                    "The types of the OData namespace `{namespace}` and the operations of its \
                     resources, named apart from the crate root's: each is defined in its \
                     resource's module (a model, in the models crate's; a request, in its \
                     workload's requests crate's) and re-exported here."
                ),
                source: source.clone(),
                exports: Vec::new(),
            });
        }
        modules.sort_by(|a, b| (&a.place, &a.module).cmp(&(&b.place, &b.module)));
        modules
    }

    /// The resource folder a page file belongs to; its resource is created on first use.
    fn resource(&mut self, file: &Path) -> String {
        // Validation guarantees every page file sits in a resource folder.
        let folder = resource_folder(&self.spec.api.file, file).unwrap_or("unsorted");
        if !self.resources.contains_key(folder) {
            let module = self
                .root_modules
                .claim(
                    &naming::plain_name(folder),
                    &format!("the resource `{folder}`"),
                )
                .name;
            let feature = self.workloads.feature(folder).to_owned();
            let mut docs = format!(
                "The `{folder}` resource: its operations, their bodies and parameters (cargo \
                 feature `{feature}`); its types are in the models crate, named at the crate \
                 root."
            );
            let mut models_docs =
                format!("The `{folder}` resource: its types (cargo feature `{feature}`).");
            let namespace = self
                .namespaced_resources
                .get(folder)
                .and_then(|ty| ty.namespace)
                .and_then(|n| Some((n, self.namespaces.get(n)?)));
            if let Some((namespace, Namespace { module, .. })) = namespace {
                for docs in [&mut docs, &mut models_docs] {
                    let _ = write!(
                        docs,
                        " Those of the OData namespace `{namespace}` are named in \
                         [`{module}`](crate::{module})."
                    );
                }
            }
            self.resources.insert(
                folder.to_owned(),
                Resource {
                    docs,
                    models_docs,
                    feature,
                    module,
                    source: Location::file(file.parent().unwrap_or(file)),
                    modules: Vec::new(),
                    items: Vec::new(),
                },
            );
        }
        folder.to_owned()
    }

    /// The resource type of the folder of `file` when it is of another namespace than
    /// `api.yaml`'s, whose module then names the folder's operations; `None` for the crate
    /// root.
    fn namespaced_resource(&self, file: &Path) -> Option<TypeName<'a>> {
        let folder = resource_folder(&self.spec.api.file, file)?;
        self.namespaced_resources.get(folder).copied()
    }

    /// Claims a type name for an item that is not a documented type (an operation, its
    /// parameters or paths) in the scope of `namespace`, the crate root's for `None`.
    fn claim_type_name(&mut self, namespace: Option<&str>, wanted: &str, owner: &str) -> TypePath {
        let (module, type_names) = self.type_scope(namespace);
        TypePath {
            namespace: module,
            name: type_names.claim(wanted, owner).name,
        }
    }

    /// Claims `wanted` as [`Self::claim_type_name`] does, but only when it is free.
    fn claim_free_type_name(
        &mut self,
        namespace: Option<&str>,
        wanted: &str,
        owner: &str,
    ) -> Option<TypePath> {
        let (module, type_names) = self.type_scope(namespace);
        Some(TypePath {
            namespace: module,
            name: type_names.claim_free(wanted, owner)?,
        })
    }

    /// The module and the type names of `namespace`; the crate root's for `None`.
    fn type_scope(&mut self, namespace: Option<&str>) -> (Option<String>, &mut Scope) {
        match namespace.and_then(|n| self.namespaces.get_mut(n)) {
            Some(Namespace { module, type_names }) => (Some(module.clone()), type_names),
            None => (None, &mut self.type_names),
        }
    }

    /// The documented type's page, then those of the types it derives from.
    fn lineage(&self, documented: &str) -> impl Iterator<Item = &'a Sourced<Entity>> + '_ {
        let bound = self.spec.entities.len() + self.spec.complex_types.len();
        // Validation refuses cycles of base types; the bound only makes that plain here.
        std::iter::successors(self.symbols.page(documented), |page| {
            page.item
                .base_type
                .as_ref()
                .and_then(|base| self.symbols.page(&base.value))
        })
        .take(bound + 1)
    }

    /// Adds an item to the resource of `file`, in a module of its own: the resource's module
    /// and the item's.
    fn push_item(
        &mut self,
        file: &Path,
        path: TypePath,
        source: Location,
        kind: ItemKind,
    ) -> (String, String) {
        let TypePath { namespace, name } = path;
        let folder = self.resource(file);
        let module = self
            .modules
            .entry(folder.clone())
            .or_insert_with(|| Scope::new(Case::Snake))
            .claim(&naming::plain_name(&name), &format!("`{name}`"))
            .name;
        let resource =
            (self.resources.get_mut(&folder)).expect("`resource` created the folder's resource");
        resource.items.push(Item {
            module: module.clone(),
            name,
            namespace,
            source,
            features: Vec::new(),
            home: kind.home(),
            kind,
        });
        (resource.module.clone(), module)
    }

    /// The Rust path of a documented type (validation resolved every reference).
    fn type_path_of(&self, documented: &str) -> TypePath {
        self.rust_names
            .get(documented)
            .cloned()
            .unwrap_or_else(|| TypePath::root(naming::type_name(documented)))
    }

    /// A type generated for a documented one, in its namespace, claimed on first use.
    fn derived_name(&mut self, documented: &str, derived: Derived) -> TypePath {
        // Keyed by the symbol table's copy of the name, which outlives the endpoint it may come
        // from; validation resolved every reference.
        let Some(documented) = self.symbols.name(documented) else {
            return self.type_path_of(documented);
        };
        if let Some(path) = self.derived_names.get(&(documented, derived)) {
            return path.clone();
        }
        // `Self_` (a keyword escaped) becomes `SelfPatch`, not `Self_Patch`.
        let TypePath { namespace, name } = self.type_path_of(documented);
        let base = name.trim_end_matches('_');
        let (wanted, owner) = match derived {
            Derived::Polymorphic => (format!("Any{base}"), "the enum over"),
            Derived::Patch => (format!("{base}Patch"), "the update body of"),
        };
        let owner = format!("{owner} `{documented}`");
        let scope = TypeName::parse(documented)
            .namespace
            .and_then(|n| self.namespaces.get_mut(n))
            .map_or(&mut self.type_names, |n| &mut n.type_names);
        let path = TypePath {
            namespace,
            name: scope.claim(&wanted, &owner).name,
        };
        self.derived_names
            .insert((documented, derived), path.clone());
        path
    }

    fn doc(&self, text: &str) -> String {
        docs::rustdoc(text, self.version)
    }

    /// A description's rustdoc, or a sentence naming the undescribed thing.
    fn doc_or(&self, text: &str, undescribed: impl FnOnce() -> String) -> String {
        if text.trim().is_empty() {
            undescribed()
        } else {
            self.doc(text)
        }
    }

    fn page_docs(&self, summary: &str, page: &Page) -> String {
        let mut text = self.doc(summary);
        push_notes(&mut text, &page.notes, self.version);
        text
    }

    /// The `@odata.type` of a documented type, `#` included.
    fn odata_type(&self, documented: &str) -> String {
        format!("#{}", self.qualified(documented))
    }

    /// The qualified OData name of a documented type.
    fn qualified(&self, documented: &str) -> String {
        TypeName::parse(documented).qualified(self.namespace)
    }
}

/// The resource type of each resource folder, the entity or complex type the folder is named
/// after, that is of another namespace than `api.yaml`'s. A folder is named after the type's
/// name below `api.yaml`'s namespace (`security.alert` for `microsoft.graph.security.alert`, as
/// the importer names it), compared as module names (`security_alert` too); a type named
/// exactly like the folder is its resource type first.
fn namespaced_resources(spec: &Spec) -> BTreeMap<&str, TypeName<'_>> {
    let api_namespace = spec.api.item.namespace.value.as_str();
    // Per folder: whether the name matches exactly, and the type.
    let mut resources: BTreeMap<&str, (bool, TypeName<'_>)> = BTreeMap::new();
    for ty in spec.entities.iter().chain(&spec.complex_types) {
        let Some(folder) = resource_folder(&spec.api.file, &ty.file) else {
            continue;
        };
        let name = TypeName::parse(&ty.item.name.value);
        let relative = match name.namespace {
            Some(namespace) => format!(
                "{}.{}",
                relative_namespace(namespace, api_namespace),
                name.name
            ),
            None => name.name.to_owned(),
        };
        let exact = relative == folder;
        if !exact && naming::plain_name(&relative) != naming::plain_name(folder) {
            continue;
        }
        let found = resources.entry(folder).or_insert((exact, name));
        if exact && !found.0 {
            *found = (exact, name);
        }
    }
    resources
        .into_iter()
        .filter(|(_, (_, name))| name.namespace.is_some())
        .map(|(folder, (_, name))| (folder, name))
        .collect()
}

/// `text` in an allocation of its length. Docs and bodies are built by appending, which can
/// leave up to half a buffer spare, and the IR holds every item's until printing; a copy, as
/// an allocator may shrink a block in place without freeing anything (`shrink_to_fit`).
fn exact(text: String) -> String {
    if text.capacity() == text.len() {
        text
    } else {
        text.as_str().to_owned()
    }
}

/// A namespace's name below `api.yaml`'s (`microsoft.graph.security` → `security`); another
/// namespace is itself.
fn relative_namespace<'n>(namespace: &'n str, api_namespace: &str) -> &'n str {
    namespace
        .strip_prefix(api_namespace)
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or(namespace)
}

fn push_notes(text: &mut String, notes: &[Note], version: &str) {
    for note in notes {
        let label = note.kind.label();
        let _ = write!(
            text,
            "\n\n**{label}:** {}",
            docs::rustdoc(&note.text, version)
        );
    }
}

/// The package of the crate at `place`, besides the one users name: named after that one with
/// the crate's part (`models`, or the feature), in a folder below it
/// ([`Place::folder`]), so a relative runtime path gains a `../` per level.
fn member_package(package: &Package, place: &Place, description: String) -> Package {
    let suffix = match place {
        Place::Facade => {
            return Package {
                description,
                ..package.clone()
            };
        }
        Place::Models => "models".to_owned(),
        Place::Requests(feature) => feature.clone(),
    };
    let folder = place.folder();
    let runtime_path = package.runtime_path.as_ref().map(|path| {
        if Path::new(path).is_absolute() {
            path.clone()
        } else {
            let up = "../".repeat(folder.components().count());
            format!("{up}{path}")
        }
    });
    Package {
        name: format!("{}-{suffix}", package.name),
        lib_name: format!("{}_{suffix}", package.lib_name),
        version: package.version.clone(),
        description,
        keywords: package.keywords.clone(),
        runtime_path,
    }
}

/// The features any of which compiles a name at the models crate's root that the root of the
/// crate users name does not shadow: the items its resource modules re-export there (see
/// [`Crate::models_exports`]). Namespace modules are the other crate's own.
fn models_exports(resources: &[Resource]) -> Option<Vec<String>> {
    let gates: Vec<&Vec<String>> = resources
        .iter()
        .flat_map(|resource| &resource.modules)
        .filter(|module| module.home == Home::Models)
        .filter_map(|module| module.root_exports.as_ref())
        .collect();
    let features: BTreeSet<&String> = gates.iter().copied().flatten().collect();
    (!gates.is_empty()).then(|| features.into_iter().cloned().collect())
}
