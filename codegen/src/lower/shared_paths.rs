//! Request paths several operations share. The pages of a base type and of each type derived
//! from it (`deviceConfiguration`, `androidCustomConfiguration`, …) document the same paths
//! for their get, update and delete, and for their list and create: one enum of those paths,
//! named after the type they address, serves every operation taking them.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use super::Lowering;
use crate::diagnostic::Location;
use crate::ir::{Home, ItemKind, OperationKind, PathVariant, PathsModel, Resource, TypePath};
use crate::validate::resource_folder;
use crate::vocabulary::TypeName;

/// Operations taking a shared enum, each with its resource's feature.
pub(super) type Users = Vec<(TypePath, String)>;

/// The operations documenting one set of request paths, and the enum they share.
pub(super) struct SharedPaths<'a> {
    /// The enum's wanted name: the addressed type's, then [`Target::suffix`].
    wanted: String,
    /// The addressed type's OData namespace, whose scope the name is claimed in.
    namespace: Option<&'a str>,
    target: Target,
    /// What the paths address, for rustdoc.
    addressed: String,
    /// The page file of the addressed type: its resource holds the enum.
    file: &'a Path,
    claim: Claim,
    /// The operations taking the enum, each with its resource's feature, in spec order.
    users: Users,
}

/// What shared paths address.
#[derive(Clone, Copy)]
enum Target {
    /// One item: the paths of get, update, replace and delete.
    Item,
    /// A collection: the paths of list and create.
    Collection,
}

impl Target {
    fn suffix(self) -> &'static str {
        match self {
            Self::Item => "Path",
            Self::Collection => "CollectionPath",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Self::Item => "item",
            Self::Collection => "collection",
        }
    }
}

/// The shared enum's name, claimed by the first operation taking it.
enum Claim {
    Pending,
    /// The name, and where the first operation's page documents the paths.
    Named(TypePath, Location),
    /// The name was taken: each operation keeps an enum of its own.
    Refused,
}

impl<'a> Lowering<'a, '_> {
    /// Finds the sets of request paths that several operations document alike (same paths,
    /// placeholders and descriptions), each addressing items, or collections, of one type and
    /// the types derived from it.
    pub(super) fn plan_shared_paths(&mut self) {
        let mut groups: HashMap<Vec<PathVariant>, Vec<(OperationKind, &'a str)>> = HashMap::new();
        for outline in self.symbols.outlines() {
            let Some(paths) = &outline.paths else {
                continue;
            };
            let Some(documented) = self.resource_type(&outline.file) else {
                continue;
            };
            groups
                .entry(self.path_variants(&paths.path, &paths.additional, &paths.parameters))
                .or_default()
                .push((outline.kind, documented));
        }
        for (variants, users) in groups {
            if users.len() < 2 {
                continue;
            }
            if let Some(shared) = self.shared(&users) {
                self.shared_paths.insert(variants, shared);
            }
        }
    }

    /// The shared enum of `users`' paths, when they all address items, or all collections,
    /// of documented types with a common base.
    fn shared(&self, users: &[(OperationKind, &'a str)]) -> Option<SharedPaths<'a>> {
        use OperationKind::{Create, Delete, Get, List, Replace, Update};
        let target = if users
            .iter()
            .all(|(kind, _)| matches!(kind, Get | Update | Replace | Delete))
        {
            Target::Item
        } else if users.iter().all(|(kind, _)| matches!(kind, List | Create)) {
            Target::Collection
        } else {
            return None;
        };
        let lineages: Vec<Vec<&'a str>> = users
            .iter()
            .map(|(_, documented)| {
                self.lineage(documented)
                    .map(|page| page.item.name.value.as_str())
                    .collect()
            })
            .collect();
        let (first, others) = lineages.split_first()?;
        let addressed = *first
            .iter()
            .find(|name| others.iter().all(|lineage| lineage.contains(name)))?;
        let derived = users.iter().any(|(_, documented)| *documented != addressed);
        Some(SharedPaths {
            wanted: format!("{}{}", self.type_path_of(addressed).name, target.suffix()),
            namespace: TypeName::parse(addressed).namespace,
            target,
            addressed: match (target, derived) {
                (Target::Item, false) => format!("one `{addressed}`"),
                (Target::Item, true) => {
                    format!("one `{addressed}`, of that type or of a type derived from it")
                }
                (Target::Collection, _) => format!("a collection of `{addressed}` items"),
            },
            file: &self.symbols.page(addressed)?.file,
            claim: Claim::Pending,
            users: Vec::new(),
        })
    }

    /// The documented name of the type the resource folder of `file` is named after.
    fn resource_type(&self, file: &Path) -> Option<&'a str> {
        let folder = resource_folder(&self.spec.api.file, file)?;
        self.symbols.name(folder).or_else(|| {
            let ty = self.namespaced_resources.get(folder)?;
            self.symbols.name(&format!("{}.{}", ty.namespace?, ty.name))
        })
    }

    /// The shared enum `operation` (with its resource's feature) takes for `variants`,
    /// claiming its name on first use; `None` when the operation gets an enum of its own.
    pub(super) fn take_shared_paths(
        &mut self,
        variants: &[PathVariant],
        operation: (&TypePath, String),
        source: impl FnOnce() -> Location,
    ) -> Option<TypePath> {
        let shared = self.shared_paths.get(variants)?;
        if let Claim::Pending = shared.claim {
            let owner = format!("the request paths of {}", shared.addressed);
            let (namespace, wanted) = (shared.namespace, shared.wanted.clone());
            let claim = match self.claim_free_type_name(namespace, &wanted, &owner) {
                Some(path) => Claim::Named(path, source()),
                None => Claim::Refused,
            };
            self.shared_paths.get_mut(variants)?.claim = claim;
        }
        let shared = self.shared_paths.get_mut(variants)?;
        let Claim::Named(name, _) = &shared.claim else {
            return None;
        };
        let name = name.clone();
        shared.users.push((operation.0.clone(), operation.1));
        Some(name)
    }

    /// Pushes each shared enum some operation took, in the resource of the type it addresses.
    pub(super) fn push_shared_paths(&mut self) {
        let mut taken: Vec<(TypePath, Location, Vec<PathVariant>, SharedPaths<'a>)> =
            std::mem::take(&mut self.shared_paths)
                .into_iter()
                .filter_map(|(variants, shared)| match &shared.claim {
                    Claim::Named(name, source) => {
                        Some((name.clone(), source.clone(), variants, shared))
                    }
                    Claim::Pending | Claim::Refused => None,
                })
                .collect();
        // Module names are claimed in push order.
        taken.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, source, variants, shared) in taken {
            let mut users = shared.users;
            users.sort();
            let docs = format!(
                "The documented request paths of {}: any of them addresses the same {}, the \
                 pages' first path first.",
                shared.addressed,
                shared.target.noun(),
            );
            self.shared_users.insert(name.clone(), users);
            self.push_item(
                shared.file,
                name,
                source,
                ItemKind::Paths(PathsModel { docs, variants }),
            );
        }
    }
}

/// Ends the docs of each shared enum of `users` (the operations taking it, each with its
/// feature, by the enum's path) with those operations, once `crate::features` has placed it:
/// linked where it is defined beside them, in their requests crate; named with their feature
/// where requests of several workloads put it in the models crate, which cannot link into a
/// requests crate.
pub(super) fn name_users(resources: &mut [Resource], users: &HashMap<TypePath, Users>) {
    let items = resources
        .iter_mut()
        .flat_map(|resource| &mut resource.items);
    for item in items.filter(|item| matches!(item.kind, ItemKind::Paths(_))) {
        let Some(users) = users.get(&item.path()) else {
            continue;
        };
        let ItemKind::Paths(paths) = &mut item.kind else {
            continue;
        };
        let named: Vec<String> = (users.iter())
            .map(|(user, feature)| match item.home {
                Home::Requests => format!("[`{}`](crate::{})", user.name, user.relative()),
                Home::Models => format!("`{}` (feature `{feature}`)", user.relative()),
            })
            .collect();
        let _ = write!(
            paths.docs,
            "\n\nThe requests taking it: {}.",
            named.join(", ")
        );
    }
}
