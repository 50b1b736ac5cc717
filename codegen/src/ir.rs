//! The intermediate representation: the generated crate with every Rust decision made.
//!
//! Names are final Rust identifiers (raw prefix included), documented names are kept for serde,
//! docs are finished rustdoc markdown, and every list is in output order. The emitters only
//! print what is here.

use crate::diagnostic::Location;
use crate::permissions::PermissionType;
use crate::primitive::Primitive;
use crate::vocabulary::{HttpMethod, NationalCloud, SuccessStatus};

/// The generated crates: the one users name (the facade), the models crate, and a requests
/// crate per workload feature with requests (see [`Place`]).
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Crate {
    /// Cargo package settings of the crate users name, which re-exports the others.
    pub package: Package,
    /// Cargo package settings of the models crate, in the folder [`Place::Models`] names.
    pub models: Package,
    /// The features any of which compiles a name of the models crate's root that the crate
    /// users name does not name itself, which its root re-exports whole; empty when always,
    /// `None` when never (then there is no re-export).
    pub models_exports: Option<Vec<String>>,
    /// The requests crates, sorted by feature.
    pub requests: Vec<RequestsCrate>,
    /// The API version, the first path segment after the host (`beta`).
    pub api_version: String,
    /// The OData namespace (`microsoft.graph`).
    pub namespace: String,
    /// Crate-level rustdoc.
    pub docs: String,
    /// Crate-level rustdoc of the models crate.
    pub models_docs: String,
    /// The api file, where crate-wide problems are reported.
    pub source: Location,
    /// The workload features, sorted by name (see `lower::workload`).
    pub features: Vec<Feature>,
    /// The resources, sorted by module name.
    pub resources: Vec<Resource>,
    /// The modules of the namespaces besides the API's, in each crate, sorted by crate then
    /// module name.
    pub namespaces: Vec<NamespaceModule>,
    /// The test module of the crate users name that reads the documentation's example bodies,
    /// when any operation has one: that crate names every type, and the requests crates'
    /// own tests would need it as a dev-dependency, compiling them twice.
    pub examples: Option<ExamplesModule>,
}

impl Crate {
    /// Every crate, the facade first, then the models, then each requests crate.
    pub fn parts(&self) -> impl Iterator<Item = Part<'_>> {
        [Part::Facade, Part::Models]
            .into_iter()
            .chain(self.requests.iter().map(Part::Requests))
    }

    /// The resource modules of the crate `part`, each by its name, in resource order.
    fn modules_of<'c>(&'c self, part: Part<'c>) -> Vec<(&'c str, &'c ResourceModule)> {
        (self.resources.iter())
            .filter_map(|resource| Some((resource.module.as_str(), part.module_of(resource)?)))
            .collect()
    }

    /// What the root file of the crate `part` prints.
    pub fn root<'c>(&'c self, part: Part<'c>) -> CrateRoot<'c> {
        let place = part.place();
        let modules = self.modules_of(part);
        let namespaces = (self.namespaces.iter())
            .filter(|namespace| namespace.place == place)
            .map(|namespace| namespace.module.as_str())
            .collect();
        let (docs, role) = match part {
            Part::Models => (
                &self.models_docs,
                RootRole::Models {
                    api_version: &self.api_version,
                    namespace: &self.namespace,
                },
            ),
            Part::Requests(requests) => (
                &requests.docs,
                RootRole::Requests {
                    models: &self.models.lib_name,
                },
            ),
            Part::Facade => (
                &self.docs,
                RootRole::Facade(FacadeRoot {
                    examples: (self.examples.as_ref()).map(|examples| examples.module.as_str()),
                    models: &self.models.lib_name,
                    models_exports: self.models_exports.as_deref(),
                    requests: (self.requests.iter())
                        .map(|requests| {
                            let parts = self.modules_of(Part::Requests(requests));
                            FacadeRequests {
                                lib_name: &requests.package.lib_name,
                                feature: &requests.feature,
                                root_exports: (parts.iter())
                                    .any(|(_, module)| module.root_exports.is_some()),
                                modules: parts.into_iter().map(|(name, _)| name).collect(),
                            }
                        })
                        .collect(),
                }),
            ),
        };
        CrateRoot {
            docs,
            modules,
            namespaces,
            role,
        }
    }
}

/// A crate of the generated workspace, borrowed from the [`Crate`].
#[derive(Debug, Clone, Copy)]
pub enum Part<'c> {
    /// The crate users name.
    Facade,
    /// The models crate.
    Models,
    /// A requests crate.
    Requests(&'c RequestsCrate),
}

impl<'c> Part<'c> {
    /// The module of `resource` in this crate, if the crate defines any of its items.
    pub fn module_of(self, resource: &'c Resource) -> Option<&'c ResourceModule> {
        match self {
            Part::Facade => None,
            Part::Models => resource.module(Home::Models),
            Part::Requests(requests) => (resource.feature == requests.feature)
                .then(|| resource.module(Home::Requests))
                .flatten(),
        }
    }

    /// Where the crate is.
    pub fn place(self) -> Place {
        match self {
            Part::Facade => Place::Facade,
            Part::Models => Place::Models,
            Part::Requests(requests) => Place::Requests(requests.feature.clone()),
        }
    }
}

/// A crate of the generated workspace. Rustc checks a crate on one core, and the models crate
/// before the crates that use it; the requests crates of different workloads use the models
/// crate alone, so they are checked side by side, as many as there are cores.
#[derive(Debug, Clone, Hash, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// The crate users name: it re-exports the others, each under its workload feature.
    Facade,
    /// The models crate: every type Graph sends (see [`Home::Models`]).
    Models,
    /// The requests crate of one workload feature: its operations, their bodies and
    /// parameters.
    Requests(String),
}

impl Place {
    /// The crate's folder, relative to the crate users name.
    pub fn folder(&self) -> std::path::PathBuf {
        match self {
            Place::Facade => std::path::PathBuf::new(),
            Place::Models => "models".into(),
            Place::Requests(feature) => std::path::Path::new("workloads").join(feature),
        }
    }
}

/// The requests crate of one workload feature.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct RequestsCrate {
    /// The workload feature, whose items only it holds: the facade's feature of that name
    /// compiles it.
    pub feature: String,
    /// Cargo package settings.
    pub package: Package,
    /// Crate-level rustdoc.
    pub docs: String,
}

/// What the root file of one crate prints, borrowed from the [`Crate`] ([`Crate::root`]): the
/// rerun cache keys the file on it alone, so a change elsewhere in the crate, such as an
/// item's docs, does not print it again.
#[derive(Debug, Hash)]
pub struct CrateRoot<'c> {
    /// The crate's rustdoc.
    pub docs: &'c str,
    /// The module of each resource with items in the crate, by name.
    pub modules: Vec<(&'c str, &'c ResourceModule)>,
    /// The crate's namespace modules.
    pub namespaces: Vec<&'c str>,
    /// What the root holds besides, by the crate's part.
    pub role: RootRole<'c>,
}

/// What one crate's root holds besides its modules.
#[derive(Debug, Hash)]
pub enum RootRole<'c> {
    /// The models crate defines the API's constants.
    Models {
        /// The API version.
        api_version: &'c str,
        /// The OData namespace.
        namespace: &'c str,
    },
    /// A requests crate names the models crate's items as its own, privately.
    Requests {
        /// The models crate's library name.
        models: &'c str,
    },
    /// The crate users name re-exports every other.
    Facade(FacadeRoot<'c>),
}

/// What the root of the crate users name re-exports.
#[derive(Debug, Hash)]
pub struct FacadeRoot<'c> {
    /// The examples test module, if any.
    pub examples: Option<&'c str>,
    /// The models crate's library name.
    pub models: &'c str,
    /// The features any of which compiles its re-export of the models crate's root (see
    /// [`Crate::models_exports`]), if it has one.
    pub models_exports: Option<&'c [String]>,
    /// Each requests crate, re-exported under its feature.
    pub requests: Vec<FacadeRequests<'c>>,
}

/// A requests crate as the root of the crate users name re-exports it: its root whole, and
/// each resource module by name, which names the requests crate's module rather than the
/// models crate's of the same name.
#[derive(Debug, Hash)]
pub struct FacadeRequests<'c> {
    /// The crate's library name.
    pub lib_name: &'c str,
    /// Its feature.
    pub feature: &'c str,
    /// Whether its root re-exports items (those of the crate root's namespace), so the
    /// facade's root re-exports its root.
    pub root_exports: bool,
    /// Its resource modules.
    pub modules: Vec<&'c str>,
}

/// The crate's test module over the documentation's example bodies: its own file; each
/// resource's tests are a [`ResourceTests`].
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct ExamplesModule {
    /// Its name at the crate root.
    pub module: String,
    /// Its rustdoc: what it checks, and the examples it cannot, each with the reason.
    pub docs: String,
    /// The modules of the resources with tests, each a module of this one in a file of its
    /// own ([`ResourceTests`]), sorted.
    pub resources: Vec<String>,
}

/// A cargo feature of the generated crate that compiles one or more workloads.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Feature {
    /// Feature name, snake_case.
    pub name: String,
    /// One line: the pages whose resources it compiles.
    pub docs: String,
    /// The modules of the resources it is the feature of, sorted.
    pub modules: Vec<String>,
}

/// A module of the crate root holding the types and operations of one OData namespace besides
/// the API's (`microsoft.graph.security` → `security`), so that `security::Alert` and the crate
/// root's `Alert` are two types, and `security::GetAlert` and `GetAlert` two operations. Each
/// item is defined in its resource's module, as every item is, and re-exported here instead of
/// at the crate root; each crate defining items of the namespace has such a module, and the
/// crate users name has one re-exporting all of theirs.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct NamespaceModule {
    /// The crate it is a module of.
    pub place: Place,
    /// Module name.
    pub module: String,
    /// The modules of the same name in other crates, re-exported whole: in a requests crate,
    /// the models crate's, named privately as the crate root names the models crate's root; in
    /// the crate users name, every crate's.
    pub globs: Vec<NamespaceGlob>,
    /// Module rustdoc.
    pub docs: String,
    /// The api file, where problems with the module are reported.
    pub source: Location,
    /// The namespace's items the crate defines, sorted by name.
    pub exports: Vec<Export>,
}

/// Another crate's module of a namespace, re-exported whole by a [`NamespaceModule`].
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct NamespaceGlob {
    /// That crate's library name.
    pub lib_name: String,
    /// The features any of which compiles an item of that module, sorted.
    pub features: Vec<String>,
}

/// An item re-exported by a namespace's module from the item module that defines it.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Export {
    /// The resource's module.
    pub resource: String,
    /// The item's module in the resource.
    pub item: String,
    /// The type's name.
    pub name: String,
    /// The features any of which compiles the item; empty when it always is.
    pub features: Vec<String>,
}

/// Where a generated type (a documented type, or an operation's request type) is named: the
/// crate root, or the module of its namespace.
#[derive(Debug, Clone, Hash, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypePath {
    /// The namespace's module; `None` for the crate root.
    pub namespace: Option<String>,
    /// The type's name there.
    pub name: String,
}

impl TypePath {
    /// A type of the crate root.
    pub fn root(name: String) -> Self {
        Self {
            namespace: None,
            name,
        }
    }

    /// The path rustdoc links and doc tests name it by below the crate (`security::Alert`).
    pub fn relative(&self) -> String {
        match &self.namespace {
            Some(namespace) => format!("{namespace}::{}", self.name),
            None => self.name.clone(),
        }
    }

    /// The key items are found by.
    pub fn key(&self) -> (Option<&str>, &str) {
        (self.namespace.as_deref(), &self.name)
    }
}

/// Cargo package settings of the generated crate.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Package {
    /// Package name, e.g. `msgraph-beta`.
    pub name: String,
    /// The library's name in Rust paths, e.g. `msgraph_beta`.
    pub lib_name: String,
    /// Package version.
    pub version: String,
    /// One-line description.
    pub description: String,
    /// crates.io keywords: the API's, and `intune` when Intune pages are among the sources.
    pub keywords: Vec<String>,
    /// The runtime crate's folder relative to the crate's, for a path dependency (see
    /// [`crate::spec::CrateSettings::runtime_path`]).
    pub runtime_path: Option<String>,
}

/// One documented resource: a public module holding its types and operations.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Resource {
    /// Module name.
    pub module: String,
    /// Rustdoc of its module in its requests crate.
    pub docs: String,
    /// Rustdoc of its module in the models crate.
    pub models_docs: String,
    /// The resource's spec folder.
    pub source: Location,
    /// The cargo feature of the resource's workload: it compiles the resource's items and every
    /// item they use, and names the requests crate of its requests.
    pub feature: String,
    /// The resource's module in each crate that defines some of its items, models first.
    pub modules: Vec<ResourceModule>,
    /// The resource's items, sorted by module name.
    pub items: Vec<Item>,
}

impl Resource {
    /// The resource's module in the crate `home`, if that crate defines any of its items.
    pub fn module(&self, home: Home) -> Option<&ResourceModule> {
        self.modules.iter().find(|module| module.home == home)
    }

    /// The crate its items of `home` are defined in.
    pub fn place(&self, home: Home) -> Place {
        match home {
            Home::Models => Place::Models,
            Home::Requests => Place::Requests(self.feature.clone()),
        }
    }

    /// The features any of which compiles `item`, one of the resource's: its own, or those of
    /// its module in its crate when it has none, or the resource's feature, which compiles its
    /// requests crate, for an item of that crate.
    pub fn gate<'r>(&'r self, item: &'r Item) -> &'r [String] {
        if !item.features.is_empty() {
            return &item.features;
        }
        match item.home {
            Home::Models => self
                .module(item.home)
                .map_or(&[], |module| &module.features),
            Home::Requests => std::slice::from_ref(&self.feature),
        }
    }
}

/// The kind of crate an item is defined in. The models crate holds the types Graph sends
/// (entities, complex types, enums, `Any…` enums), and the request types of several workloads
/// (a `PATCH` body, parameters or paths that requests of more than one workload name); the
/// requests crate of the item's resource's workload holds the other requests (operations, their
/// bodies, parameters and paths). Models never name a request, and a requests crate names
/// the models crate's items only, so the requests crates do not depend on each other.
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq, PartialOrd, Ord)]
pub enum Home {
    /// The models crate.
    Models,
    /// The requests crate of the resource's feature.
    Requests,
}

impl Home {
    /// Both kinds, models first.
    pub const ALL: [Home; 2] = [Home::Models, Home::Requests];
}

/// A resource's module in one generated crate: the resource's items that crate defines.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct ResourceModule {
    /// The crate.
    pub home: Home,
    /// The features any of which compiles the module: the union of its items' features, sorted.
    pub features: Vec<String>,
    /// The features any of which compiles an item the crate root re-exports (one named in the
    /// crate root's namespace), sorted; `None` when every item is another namespace's.
    pub root_exports: Option<Vec<String>>,
}

/// One generated file: a type or an operation.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Item {
    /// Module (and file stem) name.
    pub module: String,
    /// The Rust name of the type the module defines.
    pub name: String,
    /// The module of the namespace the type is named in, which re-exports it instead of the
    /// crate root; `None` for the crate root.
    pub namespace: Option<String>,
    /// Where the spec defines it.
    pub source: Location,
    /// The features any of which compiles the item, sorted: its resource's and those of every
    /// resource whose items use it (see [`crate::features`]); empty when these are those of
    /// its module in its crate.
    pub features: Vec<String>,
    /// The kind of crate that defines it: that of its kind ([`ItemKind::home`]), or the
    /// models crate for a request type that requests of several workloads name.
    pub home: Home,
    /// What the module defines.
    pub kind: ItemKind,
}

impl Item {
    /// The key of [`TypePath::key`] this item is found by.
    pub fn key(&self) -> (Option<&str>, &str) {
        (self.namespace.as_deref(), &self.name)
    }

    /// Where the item is named.
    pub fn path(&self) -> TypePath {
        TypePath {
            namespace: self.namespace.clone(),
            name: self.name.clone(),
        }
    }
}

/// The kinds of generated items.
#[derive(Debug, Clone, Hash, PartialEq)]
pub enum ItemKind {
    /// A documented entity, as received from Graph.
    Model(Model),
    /// The `PATCH` body of an entity.
    Patch(PatchModel),
    /// A documented enum.
    Enum(Enumeration),
    /// A documented operation, as the rest of the crate sees it: its file is printed apart,
    /// from its [`OperationFile`], as soon as it is lowered.
    Operation(Box<OperationSummary>),
    /// The JSON parameters of an action.
    Parameters(ParametersModel),
    /// The documented request paths of an operation that has several.
    Paths(PathsModel),
    /// A base type or any of its derived types, chosen by `@odata.type`.
    Polymorphic(PolymorphicModel),
}

impl ItemKind {
    /// The kind of crate that defines an item of this kind, unless several workloads name it.
    pub fn home(&self) -> Home {
        match self {
            ItemKind::Model(_) | ItemKind::Enum(_) | ItemKind::Polymorphic(_) => Home::Models,
            ItemKind::Patch(_)
            | ItemKind::Operation(_)
            | ItemKind::Parameters(_)
            | ItemKind::Paths(_) => Home::Requests,
        }
    }
}

/// A base type and its derived types: values are read as the type their `@odata.type` names.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct PolymorphicModel {
    /// Rustdoc.
    pub docs: String,
    /// The base type first, then each derived type, sorted by Rust name.
    pub variants: Vec<PolymorphicVariant>,
}

/// One concrete type a polymorphic value can hold.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct PolymorphicVariant {
    /// Variant name: the type's Rust name, made distinct from the other variants'.
    pub name: String,
    /// The type the variant holds.
    pub ty: TypePath,
    /// The qualified OData type name, without `#` (`microsoft.graph.omaSettingBase64`).
    pub odata_type: String,
    /// The features any of which compiles the variant's type; empty when it is compiled
    /// whenever the enum is.
    pub features: Vec<String>,
}

/// The parameters body of an action: each parameter optional, sent when set, and members the
/// parameters table does not list kept.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct ParametersModel {
    /// Rustdoc.
    pub docs: String,
    /// The parameters, in documentation order.
    pub fields: Vec<Field>,
    /// The field keeping members that name no parameter, named in the struct's scope.
    pub additional_properties: String,
}

/// A Rust type as generated code spells it.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub enum RustType {
    /// A Graph primitive.
    Primitive(Primitive),
    /// A value of a type the spec references without documenting it: raw JSON.
    Json,
    /// Nothing: an operation that answers without a body.
    Unit,
    /// `runtime::Content`: bytes of any content type, downloaded (after a redirect, or a range).
    Content,
    /// `runtime::Text`: a `text/plain` answer.
    Text,
    /// `runtime::Location`: an answer whose news is its `Location` header.
    Location,
    /// `runtime::Upload`: bytes sent with the caller's content type.
    Upload,
    /// A generated struct.
    Named(TypePath),
    /// A generated enum of documented members.
    Enum(TypePath),
    /// The generated enum over a base type and its derived types.
    Polymorphic {
        /// The enum (`AnyOmaSetting`).
        name: TypePath,
        /// The base type's variant, the one a value of unknown type reads as.
        base: String,
    },
    /// A JSON array.
    Vec(Box<RustType>),
    /// `runtime::Updated<T>`: the entity, or `204 No Content`.
    Updated(Box<RustType>),
    /// `runtime::Page<T>`: one page of a collection, `{"value": [...], "@odata.nextLink": ...}`.
    Page(Box<RustType>),
    /// `runtime::Flags<E>`: members of a flags enum, comma-joined in JSON.
    Flags(Box<RustType>),
    /// `runtime::ValueOf<T>`: a single primitive, `{"value": ...}`.
    ValueOf(Box<RustType>),
    /// `Box<T>`: indirection for a field on a cycle of types holding each other.
    Boxed(Box<RustType>),
}

/// A struct field for one documented property.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Field {
    /// Rust field name.
    pub name: String,
    /// Documented JSON name.
    pub json_name: String,
    /// The Rust type of a present value (fields wrap it in `Option` or `Patch`).
    pub ty: RustType,
    /// Field rustdoc.
    pub docs: String,
}

/// A documented entity, every property optional (Graph omits properties under `$select`), with
/// undocumented properties kept.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Model {
    /// Rustdoc.
    pub docs: String,
    /// The `@odata.type` value of this entity, `#` included.
    pub odata_type: String,
    /// The generator's own fields, named in the struct's scope.
    pub own: OwnFields,
    /// Documented properties, in documentation order.
    pub fields: Vec<Field>,
}

/// The fields every model and `PATCH` body has besides the documented properties.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct OwnFields {
    /// The field holding `@odata.type`.
    pub odata_type: String,
    /// The field keeping properties the documentation does not list.
    pub additional_properties: String,
}

/// The body of a `PATCH`: each property unchanged, cleared or set; `@odata.type` always sent.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct PatchModel {
    /// Rustdoc.
    pub docs: String,
    /// The entity.
    pub entity: TypePath,
    /// The `@odata.type` value sent with every body.
    pub odata_type: String,
    /// The generator's own fields, named in the struct's scope.
    pub own: OwnFields,
    /// The properties a request body may carry, in documentation order.
    pub fields: Vec<Field>,
}

/// A documented enum with a catch-all variant for values it does not list.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Enumeration {
    /// Rustdoc.
    pub docs: String,
    /// The documented members, in documentation order.
    pub variants: Vec<Variant>,
    /// Name of the variant that keeps undocumented values.
    pub undocumented_variant: String,
}

/// One documented enum member.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Variant {
    /// Rust variant name.
    pub name: String,
    /// The JSON string, exactly as documented.
    pub json_value: String,
    /// Rustdoc.
    pub docs: String,
}

/// What an operation does, from its method, body and response: each kind has its own request
/// and output shape.
#[derive(Debug, Clone, Hash, Copy, PartialEq, Eq)]
pub enum OperationKind {
    /// `GET` of one entity or value.
    Get,
    /// `GET` of a collection, read page by page.
    List,
    /// `POST` of an entity to a collection.
    Create,
    /// `PATCH` of the properties to change.
    Update,
    /// `PUT` of a whole entity.
    Replace,
    /// `DELETE`.
    Delete,
    /// `POST` of an action, its parameters in the body.
    Action,
    /// `GET` of a function, its parameters in the URL.
    Function,
}

/// An operation's file, handed to the printer as soon as the operation is lowered: the crate
/// keeps only its [`OperationSummary`], so the operations, most of the IR, are never held
/// together.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct OperationFile {
    /// The module of its resource.
    pub resource: String,
    /// The feature of its resource, whose requests crate holds it.
    pub feature: String,
    /// Its module (and file stem) in the resource's module.
    pub module: String,
    /// The request type's name.
    pub name: String,
    /// Where the spec defines it.
    pub source: Location,
    /// What the file defines.
    pub operation: Operation,
}

/// A file printed as soon as lowering has all it needs, before the IR is complete: the crate
/// keeps none of it.
#[derive(Debug, Clone, Hash, PartialEq)]
pub enum LoweredFile {
    /// An operation's file, as soon as the operation is lowered.
    Operation(Box<OperationFile>),
    /// A resource's file of the examples module, once its last operation is lowered.
    Tests(ResourceTests),
}

/// A resource's file of the examples test module: a test per operation with example bodies,
/// in item order.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct ResourceTests {
    /// The examples module's name at the crate root.
    pub examples_module: String,
    /// The resource's module, the file's stem.
    pub resource: String,
    /// The resource's feature, each test's gate: it compiles the operations and every type
    /// they name. The module holding the tests is not the resource's, so the gate is never
    /// left out.
    pub feature: String,
    /// Where the spec defines the resource.
    pub source: Location,
    /// The tests.
    pub tests: Vec<ExamplesTest>,
}

/// One test of the examples module: an operation's example bodies.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct ExamplesTest {
    /// The operation's module, the test's name.
    pub name: String,
    /// The bodies it checks.
    pub examples: Vec<ExampleBody>,
}

/// What the crate's docs and the features read of an operation.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct OperationSummary {
    /// The documented title, as [`Operation::documented_name`].
    pub documented_name: String,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The generated types the request type names: its paths enum, body, output and function
    /// arguments' types.
    pub uses: Vec<TypePath>,
    /// The page's Permissions table.
    pub permissions: Permissions,
}

/// A documented operation: a request type implementing `runtime::Operation`.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct Operation {
    /// Rustdoc, usage example included.
    pub docs: String,
    /// The documented title, e.g. `Update managedAllDeviceCertificateState`.
    pub documented_name: String,
    /// What the operation does.
    pub kind: OperationKind,
    /// The HTTP method.
    pub method: HttpMethod,
    /// Where the request goes: its one documented path, or a choice among several.
    pub addressing: Addressing,
    /// Fixed-value request headers the documentation lists, lower-case names.
    pub headers: Vec<(String, String)>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// A function's arguments, written into the URL after the path: `name(a='x',b=1)`.
    pub function_arguments: Vec<FunctionArgument>,
    /// The field holding OData query options (`$select`, `$filter`, `$top`, …), for operations
    /// that take them.
    pub query_field: Option<String>,
    /// The page's own query parameters (`startDateTime`, `$deltatoken`), in page order.
    pub query_parameters: Vec<QueryParameter>,
    /// The optional headers the page documents (`Prefer`, `ConsistencyLevel`), in page
    /// order, each set with a method of the request.
    pub optional_headers: Vec<OptionalHeader>,
    /// The relationships the body binds to existing entities by reference, each set with a
    /// method of the request.
    pub bindings: Vec<Binding>,
    /// For a parameters body, the method of the request that sends a member the parameters
    /// table does not list.
    pub additional_parameter: Option<AdditionalParameter>,
    /// What a successful call returns.
    pub output: RustType,
    /// Whether `204 No Content` also means success (updates, which Graph often answers so).
    pub accepts_no_content: bool,
    /// Whether the success status's body is read; `false` where the documentation describes
    /// none, though the status is not `204` (a `DELETE` answering `200 OK`, say).
    pub reads_body: bool,
    /// The documented success status.
    pub success: SuccessStatus,
    /// The national clouds the documentation says the operation is available in, in
    /// documentation order; `None` when it does not say.
    pub national_clouds: Option<Vec<NationalCloud>>,
    /// The page's Permissions table.
    pub permissions: Permissions,
}

/// A relationship a created entity binds to existing entities by reference, sent as
/// `"<relationship>@odata.bind"` among the body's additional properties.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Binding {
    /// The method setting it, claimed among the request's methods (`bind_owners`).
    pub method: String,
    /// The method's parameter: `references` (the URLs of a collection's entities) or
    /// `reference`.
    pub parameter: String,
    /// The relationship's documented name, `owners`.
    pub relationship: String,
    /// Whether the relationship is a collection, bound to a list of references.
    pub collection: bool,
    /// The body's field keeping its undocumented members, where the annotation goes.
    pub additional: String,
    /// Rustdoc of the method.
    pub docs: String,
}

/// The method of a request whose body is an action's parameters that sends one more member,
/// kept among the body's additional properties.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct AdditionalParameter {
    /// The method, claimed among the request's methods (`additional_parameter`).
    pub method: String,
    /// The body's field keeping its undocumented members.
    pub additional: String,
    /// Rustdoc of the method.
    pub docs: String,
}

/// A documented query parameter of an operation: a field of the request, written into the
/// query string as `json_name=value`.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct QueryParameter {
    /// The request's field; `json_name` is the parameter's name in the URL.
    pub field: Field,
    /// How the caller gives it.
    pub presence: Presence,
}

/// Whether a query parameter must be given.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub enum Presence {
    /// An argument of `new`: the request cannot be made without it.
    Required,
    /// Absent unless set with the request's method of this name.
    Optional {
        /// The setter's name, claimed among the request's methods.
        setter: String,
    },
}

/// A documented optional request header: a field of the request, its setter, and what it
/// sends.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct OptionalHeader {
    /// The request's field: a `bool` for a header without a value, else an optional string.
    pub field: String,
    /// The setter's name, claimed among the request's methods.
    pub setter: String,
    /// Rustdoc of the field and the setter.
    pub docs: String,
    /// What the header carries.
    pub header: HeaderKind,
}

/// What an optional request header carries.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub enum HeaderKind {
    /// `ConsistencyLevel: eventual`.
    ConsistencyLevelEventual,
    /// A `Prefer` preference of no value of the caller's, e.g. `return=minimal`.
    Preference(String),
    /// A `Prefer` preference whose value the caller gives: `outlook.timezone="…"` (quoted) or
    /// `odata.maxpagesize=…` (bare).
    PreferenceValue {
        /// The preference's name, e.g. `outlook.timezone`.
        name: String,
        /// Whether the value is written as a quoted string.
        quoted: bool,
    },
}

/// An operation's Permissions table, one row per permission type.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work_or_school: Accepted,
    /// Delegated (personal Microsoft account).
    pub delegated_personal_account: Accepted,
    /// Application.
    pub application: Accepted,
}

impl Permissions {
    /// The rows, in the table's order.
    pub fn rows(&self) -> [(PermissionType, &Accepted); 3] {
        [
            (
                PermissionType::DelegatedWorkOrSchool,
                &self.delegated_work_or_school,
            ),
            (
                PermissionType::DelegatedPersonalAccount,
                &self.delegated_personal_account,
            ),
            (PermissionType::Application, &self.application),
        ]
    }

    /// The permission names of each row, in the table's order, for [`Permissions::runtime`].
    pub fn names(&self) -> [Vec<&str>; 3] {
        self.rows().map(|(_, accepted)| match accepted {
            Accepted::AnyOf(names) => names.iter().map(String::as_str).collect(),
            Accepted::NotSupported | Accepted::NotStated(_) => Vec::new(),
        })
    }

    /// The table as the generated crate's runtime holds it, borrowing `names` (from
    /// [`Permissions::names`]): what least privilege is computed over.
    pub fn runtime<'a>(&self, names: &'a [Vec<&'a str>; 3]) -> crate::permissions::Permissions<'a> {
        let [work, personal, application] = names;
        crate::permissions::Permissions {
            delegated_work_or_school: self.delegated_work_or_school.runtime(work),
            delegated_personal_account: self.delegated_personal_account.runtime(personal),
            application: self.application.runtime(application),
        }
    }
}

/// What a Permissions table says for one permission type.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub enum Accepted {
    /// Any one of these permissions allows the call, from least to most privileged; never
    /// empty.
    AnyOf(Vec<String>),
    /// The page says "Not supported.".
    NotSupported,
    /// The page names no permission: its cell holds this text instead (a placeholder such as
    /// `**TODO: Determine scopes **`).
    NotStated(String),
}

impl Accepted {
    /// The row as the runtime holds it, its names borrowed from `names`.
    fn runtime<'a>(&self, names: &'a [&'a str]) -> crate::permissions::Accepted<'a> {
        match self {
            Self::AnyOf(_) => crate::permissions::Accepted::AnyOf(names),
            Self::NotSupported => crate::permissions::Accepted::NotSupported,
            Self::NotStated(_) => crate::permissions::Accepted::NotStated,
        }
    }
}

/// A documented example body and the type that must read it and write it back unchanged.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct ExampleBody {
    /// Which body it is: operation, example number, request or response, page.
    pub label: String,
    /// The type: the request body's (the entity itself for an update), or the operation's
    /// output.
    pub ty: RustType,
    /// The body as compact JSON; an entity the page wraps in `{"value": …}` unwrapped.
    pub json: String,
}

/// A path template below the version root and a field per placeholder occurrence.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct RequestPath {
    /// Path parameters, in path order; a placeholder the path repeats has a field per
    /// occurrence.
    pub parameters: Vec<Parameter>,
    /// The template's pieces.
    pub parts: Vec<PathPart>,
}

/// How an operation's request is addressed.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub enum Addressing {
    /// The page documents one request path: its parameters are the request's own fields.
    Fixed(RequestPath),
    /// The page documents several: the request's `field` holds one variant of the enum `ty`
    /// (a `Paths` item), and `new` takes the `primary` variant's parameters.
    Choice {
        /// The request's field holding the path.
        field: String,
        /// The enum, named where its operation is.
        ty: TypePath,
        /// The page's first path, which `new` addresses.
        primary: PathVariant,
        /// The argument of `new` for each of the primary variant's fields, in order.
        arguments: Vec<String>,
    },
}

impl Addressing {
    /// The path parameters `new` takes, each with its argument name: the one path's, or the
    /// primary variant's.
    pub fn new_parameters(&self) -> Vec<(&str, &Parameter)> {
        match self {
            Self::Fixed(path) => path
                .parameters
                .iter()
                .map(|p| (p.name.as_str(), p))
                .collect(),
            Self::Choice {
                primary, arguments, ..
            } => arguments
                .iter()
                .map(String::as_str)
                .zip(&primary.path.parameters)
                .collect(),
        }
    }
}

/// The documented request paths of one operation, as an enum.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct PathsModel {
    /// Rustdoc.
    pub docs: String,
    /// One variant per path, the page's first path first.
    pub variants: Vec<PathVariant>,
}

/// One documented request path.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct PathVariant {
    /// The variant's name.
    pub name: String,
    /// Rustdoc: the template as documented.
    pub docs: String,
    /// The path and its fields.
    pub path: RequestPath,
}

/// A path parameter: a `String` field of the request type.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Parameter {
    /// Rust field name.
    pub name: String,
    /// The documented placeholder name.
    pub documented_name: String,
    /// Rustdoc.
    pub docs: String,
}

/// How a function argument is written into the URL (OData's literal forms).
#[derive(Debug, Clone, Hash, Copy, PartialEq, Eq)]
pub enum ArgumentLiteral {
    /// `'text'`, `'` doubled: strings and enum members.
    Quoted,
    /// As its text: numbers, Booleans, dates, times, GUIDs.
    Bare,
    /// `prefix'text'`: durations and binary values.
    Prefixed(&'static str),
    /// JSON, through a parameter alias (`f(ids=@ids)?@ids=["a"]`): collections and objects.
    Json,
}

/// A function argument: a field of the request type, written into the URL.
#[derive(Debug, Clone, Hash, PartialEq)]
pub struct FunctionArgument {
    /// The field, its documented name and its Rust type.
    pub field: Field,
    /// How its value is written.
    pub literal: ArgumentLiteral,
}

/// A piece of a path template.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text, slashes included.
    Literal(String),
    /// The value of `RequestPath::parameters[i]`, written in the form its place in the
    /// template asks for.
    Parameter(usize, ParameterForm),
}

/// How a path parameter's value is written, by where the template places it.
#[derive(Debug, Clone, Copy, Hash, PartialEq, Eq)]
pub enum ParameterForm {
    /// A whole segment (`/things/{id}`), encoded as one.
    Segment,
    /// Inside quotes the template writes (`(appId='{appId}')`): an OData string literal.
    Quoted,
    /// A literal the template writes bare in a call or key (`(date={date})`).
    Bare,
    /// A path to an item between colons (`root:/{item-path}:`), its slashes kept.
    ItemPath,
}

/// The request body field of an operation.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Body {
    /// The field's name.
    pub field: String,
    /// The body's Rust type.
    pub ty: RustType,
    /// Rustdoc of the field.
    pub docs: String,
}
