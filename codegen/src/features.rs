//! Which cargo features compile which item: the last step of lowering.
//!
//! Every resource belongs to a workload feature (see `lower::workload`). A feature compiles
//! its resources' items and every item they mention, transitively, but the closure is taken
//! type by type: a workload that uses another workload's enum compiles that enum, not the
//! other workload whole, nor the resource that defines it (taken resource by resource, one
//! feature of a large spec compiles a good part of it). Each item is then gated by the features
//! whose closure reaches it, so no feature needs to name another.
//!
//! The `Any…` enum over a base type does not pull in the types derived from it: each derived
//! variant exists when its type is compiled for some other reason, and otherwise such a value
//! reads as the base type, which keeps its extra properties. Lists in Graph return the base
//! type, and without this cut one of them would compile every derived type.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::ir::{
    Addressing, Field, Home, Item, ItemKind, Operation, Resource, ResourceModule, RustType,
    TypePath,
};

/// How items are found: the namespace module and the name (see `TypePath::key`).
type Key<'i> = (Option<&'i str>, &'i str);

/// Sets the features of every item, polymorphic variant and resource module, and places in the
/// models crate each request type that requests of several workloads name.
///
/// A requests crate holds one workload's requests and is compiled whole by its feature, so
/// nothing in it is gated: its modules and items have no features.
pub fn assign(resources: &mut [Resource]) {
    let Gates {
        features,
        of: gates,
        variants,
    } = gates(resources);
    let names =
        |gate: &[usize]| -> Vec<String> { gate.iter().map(|&f| features[f].clone()).collect() };
    let mut first = 0;
    for resource in resources.iter_mut() {
        let items = first..first + resource.items.len();
        first = items.end;
        let own = features.binary_search(&resource.feature).ok();
        for (item, gate) in resource.items.iter_mut().zip(&gates[items.clone()]) {
            let shared = !matches!(item.kind, ItemKind::Operation(_))
                && own.is_none_or(|own| gate[..] != [own]);
            if item.home == Home::Requests && shared {
                item.home = Home::Models;
            }
        }
        let held: Vec<(Home, ModuleGates)> = Home::ALL
            .into_iter()
            .filter_map(|home| {
                let module = module(home, &resource.items, &gates[items.clone()])?;
                Some((home, module))
            })
            .collect();
        resource.modules = (held.iter())
            .map(|(home, module)| ResourceModule {
                home: *home,
                features: names(&module.features),
                root_exports: module.root_exports.as_deref().map(names),
            })
            .collect();
        for (item, i) in resource.items.iter_mut().zip(items) {
            let module = (held.iter())
                .find(|(home, _)| *home == item.home)
                .map_or(&[][..], |(_, module)| &module.features[..]);
            // No gate where the item is compiled whenever its module is.
            item.features = if item.home == Home::Requests || gates[i] == module {
                Vec::new()
            } else {
                names(&gates[i])
            };
            if let ItemKind::Polymorphic(polymorphic) = &mut item.kind {
                let enclosing = &gates[i];
                for (variant, of) in polymorphic.variants.iter_mut().zip(&variants[i]) {
                    let compiled = of.map_or(&[][..], |of| &gates[of][..]);
                    let always = enclosing.iter().all(|f| compiled.contains(f));
                    variant.features = if always { Vec::new() } else { names(compiled) };
                }
            }
        }
    }
}

/// The features of a resource's module in one crate, as indices into [`Gates::features`].
struct ModuleGates {
    /// Those of every item the module defines.
    features: Vec<usize>,
    /// Those of the items the crate root re-exports, if it re-exports any.
    root_exports: Option<Vec<usize>>,
}

/// The module in the crate `home` of a resource with `items` gated by `gates`, if that crate
/// defines any of them: ungated in its requests crate, which its feature compiles whole.
fn module(home: Home, items: &[Item], gates: &[Vec<usize>]) -> Option<ModuleGates> {
    let held: Vec<(&Item, &Vec<usize>)> = items
        .iter()
        .zip(gates)
        .filter(|(item, _)| item.home == home)
        .collect();
    if held.is_empty() {
        return None;
    }
    let root = held.iter().any(|(item, _)| item.namespace.is_none());
    if home == Home::Requests {
        return Some(ModuleGates {
            features: Vec::new(),
            root_exports: root.then(Vec::new),
        });
    }
    let union = |gates: &mut dyn Iterator<Item = &Vec<usize>>| -> Vec<usize> {
        gates
            .flatten()
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let root_exports = root.then(|| {
        union(
            &mut (held.iter())
                .filter(|(item, _)| item.namespace.is_none())
                .map(|(_, gate)| *gate),
        )
    });
    Some(ModuleGates {
        features: union(&mut held.iter().map(|(_, gate)| *gate)),
        root_exports,
    })
}

/// Which features compile which items. Features are indices into `features`, so that the
/// gates of a large spec's tens of thousands of items hold no strings.
struct Gates {
    /// The workload features, sorted by name.
    features: Vec<String>,
    /// For each item, in resource then item order, the features whose closure reaches it,
    /// ascending (so sorted by name).
    of: Vec<Vec<usize>>,
    /// For each item, in the same order, the item of each of its polymorphic variants, if it
    /// has variants and the spec defines them.
    variants: Vec<Vec<Option<usize>>>,
}

fn gates(resources: &[Resource]) -> Gates {
    let items: Vec<&ItemKind> = resources
        .iter()
        .flat_map(|r| r.items.iter().map(|item| &item.kind))
        .collect();
    let index: HashMap<Key<'_>, usize> = resources
        .iter()
        .flat_map(|r| &r.items)
        .enumerate()
        .map(|(i, item)| (item.key(), i))
        .collect();
    let edges: Vec<Vec<usize>> = items
        .iter()
        .map(|kind| {
            let mut names = Vec::new();
            uses(kind, &mut names);
            names
                .iter()
                .filter_map(|key| index.get(key).copied())
                .collect()
        })
        .collect();
    let variants = items
        .iter()
        .map(|kind| match kind {
            ItemKind::Polymorphic(polymorphic) => (polymorphic.variants.iter())
                .map(|variant| index.get(&variant.ty.key()).copied())
                .collect(),
            _ => Vec::new(),
        })
        .collect();

    // The items of each feature's resources: the roots of its walk.
    let mut roots: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut first = 0;
    for resource in resources {
        let end = first + resource.items.len();
        roots
            .entry(&resource.feature)
            .or_default()
            .extend(first..end);
        first = end;
    }
    let mut of = vec![Vec::new(); items.len()];
    // `seen[i] == f + 1` once feature `f`'s walk reached item `i`: one array serves every walk.
    let mut seen = vec![0usize; items.len()];
    let mut features = Vec::with_capacity(roots.len());
    // Features in ascending order, so each item's list comes out sorted.
    for (f, (feature, mut stack)) in roots.into_iter().enumerate() {
        features.push(feature.to_owned());
        while let Some(i) = stack.pop() {
            if seen[i] == f + 1 {
                continue;
            }
            seen[i] = f + 1;
            of[i].push(f);
            stack.extend(edges[i].iter().filter(|&&next| seen[next] != f + 1));
        }
    }
    Gates {
        features,
        of,
        variants,
    }
}

/// The generated types an item cannot compile without.
fn uses<'i>(kind: &'i ItemKind, out: &mut Vec<Key<'i>>) {
    let fields = |fields: &'i [Field], out: &mut Vec<Key<'i>>| {
        for field in fields {
            type_names(&field.ty, out);
        }
    };
    match kind {
        ItemKind::Model(model) => fields(&model.fields, out),
        ItemKind::Patch(patch) => {
            out.push(patch.entity.key());
            fields(&patch.fields, out);
        }
        ItemKind::Parameters(parameters) => fields(&parameters.fields, out),
        ItemKind::Enum(_) | ItemKind::Paths(_) => {}
        // The base type only: derived variants are cut (see the module docs).
        ItemKind::Polymorphic(polymorphic) => {
            out.extend(polymorphic.variants.first().map(|v| v.ty.key()))
        }
        ItemKind::Operation(operation) => out.extend(operation.uses.iter().map(TypePath::key)),
    }
}

/// The generated types a request type names, which its
/// [`OperationSummary::uses`](crate::ir::OperationSummary::uses) keeps once its file is printed.
pub fn operation_uses(operation: &Operation) -> Vec<TypePath> {
    let mut out = Vec::new();
    if let Addressing::Choice { ty, .. } = &operation.addressing {
        out.push(ty.key());
    }
    type_names(&operation.output, &mut out);
    if let Some(body) = &operation.body {
        type_names(&body.ty, &mut out);
    }
    for argument in &operation.function_arguments {
        type_names(&argument.field.ty, &mut out);
    }
    out.into_iter()
        .map(|(namespace, name)| TypePath {
            namespace: namespace.map(str::to_owned),
            name: name.to_owned(),
        })
        .collect()
}

fn type_names<'t>(ty: &'t RustType, out: &mut Vec<Key<'t>>) {
    match ty {
        RustType::Primitive(_)
        | RustType::Json
        | RustType::Unit
        | RustType::Content
        | RustType::Text
        | RustType::Location
        | RustType::Upload => {}
        RustType::Named(path) | RustType::Enum(path) | RustType::Polymorphic { name: path, .. } => {
            out.push(path.key())
        }
        RustType::Vec(inner)
        | RustType::Updated(inner)
        | RustType::Page(inner)
        | RustType::Flags(inner)
        | RustType::ValueOf(inner)
        | RustType::Boxed(inner) => type_names(inner, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;
    use crate::ir::{Enumeration, Item, Model, OwnFields};

    fn item(name: &str, uses: &[&str]) -> Item {
        let kind = if uses.is_empty() {
            ItemKind::Enum(Enumeration {
                docs: String::new(),
                variants: Vec::new(),
                undocumented_variant: "Undocumented".into(),
            })
        } else {
            ItemKind::Model(Model {
                docs: String::new(),
                odata_type: String::new(),
                own: OwnFields {
                    odata_type: "odata_type".into(),
                    additional_properties: "additional_properties".into(),
                },
                fields: uses
                    .iter()
                    .map(|used| Field {
                        name: used.to_lowercase(),
                        json_name: used.to_lowercase(),
                        ty: RustType::Named(TypePath::root((*used).into())),
                        docs: String::new(),
                    })
                    .collect(),
            })
        };
        Item {
            module: name.to_lowercase(),
            name: name.into(),
            namespace: None,
            source: Location::file("spec"),
            features: Vec::new(),
            home: kind.home(),
            kind,
        }
    }

    fn resource(module: &str, feature: &str, items: Vec<Item>) -> Resource {
        Resource {
            module: module.into(),
            docs: String::new(),
            models_docs: String::new(),
            source: Location::file("spec"),
            feature: feature.into(),
            modules: Vec::new(),
            items,
        }
    }

    #[test]
    fn a_workload_compiles_its_resources_and_the_types_they_use_not_more() {
        // `apps` holds two resources; `app` uses one type of `devices`' `device` resource.
        let mut resources = vec![
            resource("app", "apps", vec![item("App", &["Platform", "State"])]),
            resource("app_category", "apps", vec![item("Category", &[])]),
            resource(
                "device",
                "devices",
                vec![
                    item("Device", &["State"]),
                    item("Platform", &[]),
                    item("State", &[]),
                ],
            ),
            resource("wipe", "devices", vec![item("Wipe", &["Device"])]),
        ];
        assign(&mut resources);
        let gate = |module: &str, item: &str| -> Vec<String> {
            let resource = resources.iter().find(|r| r.module == module).unwrap();
            let item = resource.items.iter().find(|i| i.name == item).unwrap();
            resource.gate(item).to_vec()
        };
        assert_eq!(gate("app", "App"), ["apps"]);
        assert_eq!(gate("app_category", "Category"), ["apps"]);
        // Used by `apps`: compiled by either feature.
        assert_eq!(gate("device", "Platform"), ["apps", "devices"]);
        assert_eq!(gate("device", "State"), ["apps", "devices"]);
        // Not used by `apps`: its own workload only.
        assert_eq!(gate("device", "Device"), ["devices"]);
        assert_eq!(gate("wipe", "Wipe"), ["devices"]);
        let device = resources.iter().find(|r| r.module == "device").unwrap();
        assert_eq!(device.modules.len(), 1, "models only");
        assert_eq!(device.modules[0].features, ["apps", "devices"]);
    }

    fn request(name: &str, kind: ItemKind) -> Item {
        Item {
            home: kind.home(),
            kind,
            ..item(name, &[])
        }
    }

    fn operation(name: &str, uses: &[&str]) -> Item {
        let not_supported = || crate::ir::Accepted::NotSupported;
        request(
            name,
            ItemKind::Operation(Box::new(crate::ir::OperationSummary {
                documented_name: name.into(),
                method: crate::vocabulary::HttpMethod::Get,
                uses: uses
                    .iter()
                    .map(|used| TypePath::root((*used).into()))
                    .collect(),
                permissions: crate::ir::Permissions {
                    delegated_work_or_school: not_supported(),
                    delegated_personal_account: not_supported(),
                    application: not_supported(),
                },
            })),
        )
    }

    #[test]
    fn a_request_type_of_several_workloads_goes_to_the_models_and_requests_crates_are_ungated() {
        let paths = || {
            ItemKind::Paths(crate::ir::PathsModel {
                docs: String::new(),
                variants: Vec::new(),
            })
        };
        let mut resources = vec![
            resource(
                "app",
                "apps",
                vec![operation("GetAppDevice", &["DevicePaths"])],
            ),
            resource(
                "device",
                "devices",
                vec![
                    item("Device", &["State"]),
                    request("DevicePaths", paths()),
                    operation("GetDevice", &["DevicePaths", "Device"]),
                    request("OwnPaths", paths()),
                    operation("WipeDevice", &["OwnPaths"]),
                    item("State", &[]),
                ],
            ),
        ];
        assign(&mut resources);
        let device = resources.iter().find(|r| r.module == "device").unwrap();
        let item = |name: &str| device.items.iter().find(|i| i.name == name).unwrap();
        // Named by requests of `apps` and `devices`: neither requests crate may hold it.
        assert_eq!(item("DevicePaths").home, Home::Models);
        assert_eq!(device.gate(item("DevicePaths")), ["apps", "devices"]);
        // Named by its own workload's requests only: in its requests crate, ungated there.
        for name in ["OwnPaths", "GetDevice", "WipeDevice"] {
            assert_eq!(item(name).home, Home::Requests, "{name}");
            assert!(item(name).features.is_empty(), "{name}");
            assert_eq!(device.gate(item(name)), ["devices"], "{name}");
        }
        let requests = device.module(Home::Requests).unwrap();
        assert!(requests.features.is_empty());
        assert_eq!(requests.root_exports.as_deref(), Some(&[][..]));
        let models = device.module(Home::Models).unwrap();
        assert_eq!(models.features, ["apps", "devices"]);
    }
}
