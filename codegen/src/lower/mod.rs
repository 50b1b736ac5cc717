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
mod types;
mod workload;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostic::Location;
use crate::docs;
use crate::ir::{Crate, Item, ItemKind, Package, Resource};
use crate::load::Spec;
use crate::naming;
use crate::spec::{Note, Page};
use crate::validate::{Symbols, resource_folder};
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
/// for it: lowering relies on resolved references and well-formed paths.
///
/// Lowering cannot fail: every name it needs is claimed in a scope that makes it distinct.
pub fn lower(spec: &Spec, symbols: &Symbols<'_>) -> Crate {
    let mut lowering = Lowering::new(spec, symbols);
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
    for (index, endpoint) in spec.endpoints.iter().enumerate() {
        lowering.lower_endpoint(endpoint, symbols.operation(index));
    }
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
    /// Type names: every item is re-exported at the crate root.
    type_names: Scope,
    /// The Rust name of every documented type, claimed up front in spec order.
    rust_names: BTreeMap<&'a str, String>,
    /// Rust names of the types already derived from a documented one, by documented name.
    derived_names: BTreeMap<(&'a str, Derived), String>,
    /// The cargo feature of each resource folder.
    workloads: workload::Workloads,
    /// Example bodies no generated type reads, each with the reason.
    unread_examples: Vec<String>,
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
    fn new(spec: &'a Spec, symbols: &'s Symbols<'a>) -> Self {
        let mut type_names = Scope::new(Case::Camel);
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
                let wanted = overrides
                    .rust_name
                    .as_ref()
                    .map_or_else(|| naming::type_name(documented), |name| name.value.clone());
                let claimed = type_names.claim(&wanted, &format!("the type `{documented}`"));
                (documented.as_str(), claimed.name)
            })
            .collect();
        Self {
            spec,
            symbols,
            version: &spec.api.item.version.value,
            namespace: &spec.api.item.namespace.value,
            lib_name: spec.api.item.krate.name.value.replace('-', "_"),
            resources: BTreeMap::new(),
            modules: BTreeMap::new(),
            root_modules: Scope::with_reserved(Case::Snake, ROOT_MODULES),
            type_names,
            rust_names,
            derived_names: BTreeMap::new(),
            workloads: workload::Workloads::read(spec),
            unread_examples: Vec::new(),
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
        let features = self.workloads.features(&resources);
        let api = &self.spec.api.item;
        Crate {
            package: Package {
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
            },
            api_version: self.version.to_owned(),
            namespace: self.namespace.to_owned(),
            docs: self.crate_docs(&features, &resources),
            source: Location::file(&self.spec.api.file),
            examples: self.examples_module(&resources),
            features,
            resources,
        }
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
            self.resources.insert(
                folder.to_owned(),
                Resource {
                    docs: format!(
                        "The `{folder}` resource: its types and operations (cargo feature `{feature}`)."
                    ),
                    feature,
                    module,
                    source: Location::file(file.parent().unwrap_or(file)),
                    features: Vec::new(),
                    items: Vec::new(),
                },
            );
        }
        folder.to_owned()
    }

    /// Claims a crate-wide type name for an item that is not a documented type (operations,
    /// bodies, polymorphic enums).
    fn claim_type_name(&mut self, wanted: &str, owner: &str) -> String {
        self.type_names.claim(wanted, owner).name
    }

    /// Adds an item to the resource of `file`, in a module of its own.
    fn push_item(&mut self, file: &Path, name: String, source: Location, kind: ItemKind) {
        let folder = self.resource(file);
        let module = self
            .modules
            .entry(folder.clone())
            .or_insert_with(|| Scope::new(Case::Snake))
            .claim(&naming::plain_name(&name), &format!("`{name}`"))
            .name;
        if let Some(resource) = self.resources.get_mut(&folder) {
            resource.items.push(Item {
                module,
                name,
                source,
                features: Vec::new(),
                kind,
            });
        }
    }

    /// The Rust name of a documented type (validation resolved every reference).
    fn type_name_of(&self, documented: &str) -> String {
        self.rust_names
            .get(documented)
            .cloned()
            .unwrap_or_else(|| naming::type_name(documented))
    }

    /// The name of a type generated for a documented one, claimed on first use.
    fn derived_name(&mut self, documented: &'a str, derived: Derived) -> String {
        if let Some(name) = self.derived_names.get(&(documented, derived)) {
            return name.clone();
        }
        // `Self_` (a keyword escaped) becomes `SelfPatch`, not `Self_Patch`.
        let type_name = self.type_name_of(documented);
        let base = type_name.trim_end_matches('_');
        let (wanted, owner) = match derived {
            Derived::Polymorphic => (format!("Any{base}"), "the enum over"),
            Derived::Patch => (format!("{base}Patch"), "the update body of"),
        };
        let name = self.claim_type_name(&wanted, &format!("{owner} `{documented}`"));
        self.derived_names
            .insert((documented, derived), name.clone());
        name
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

    fn odata_type(&self, documented: &str) -> String {
        format!("#{}.{documented}", self.namespace)
    }
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
