//! Which cargo features compile which item: the last step of lowering.
//!
//! Every resource has a feature. It compiles the resource's items and every item they mention,
//! transitively, but the closure is taken type by type: a resource that uses another resource's
//! enum compiles that enum, not the other resource whole (taken resource by resource, one
//! feature of a large spec compiles a good part of it). Each item is then gated by the features
//! whose closure reaches it, so no feature needs to name another.
//!
//! The `Any…` enum over a base type does not pull in the types derived from it: each derived
//! variant exists when its type is compiled for some other reason, and otherwise such a value
//! reads as the base type, which keeps its extra properties. Lists in Graph return the base
//! type, and without this cut one of them would compile every derived type.

use std::collections::{BTreeSet, HashMap};

use crate::ir::{Addressing, Field, ItemKind, Resource, RustType};

/// Sets the features of every item, polymorphic variant and resource module.
pub fn assign(resources: &mut [Resource]) {
    let gates = gates(resources);
    let by_name: HashMap<String, Vec<String>> = resources
        .iter()
        .flat_map(|r| &r.items)
        .zip(&gates)
        .map(|(item, gate)| (item.name.clone(), gate.iter().cloned().collect()))
        .collect();
    let mut gates = gates.into_iter();
    for resource in resources.iter_mut() {
        let items: Vec<BTreeSet<String>> = gates.by_ref().take(resource.items.len()).collect();
        let module: BTreeSet<String> = items.iter().flatten().cloned().collect();
        for (item, gate) in resource.items.iter_mut().zip(items) {
            // No gate where the item is compiled whenever its module is.
            item.features = if gate == module {
                Vec::new()
            } else {
                gate.into_iter().collect()
            };
            if let ItemKind::Polymorphic(polymorphic) = &mut item.kind {
                let enclosing = by_name.get(&item.name).cloned().unwrap_or_default();
                for variant in &mut polymorphic.variants {
                    let compiled = by_name.get(&variant.name).cloned().unwrap_or_default();
                    let always = enclosing.iter().all(|f| compiled.contains(f));
                    variant.features = if always { Vec::new() } else { compiled };
                }
            }
        }
        resource.features = module.into_iter().collect();
    }
}

/// For each item, in resource then item order, the features whose closure reaches it.
fn gates(resources: &[Resource]) -> Vec<BTreeSet<String>> {
    let items: Vec<&ItemKind> = resources
        .iter()
        .flat_map(|r| r.items.iter().map(|item| &item.kind))
        .collect();
    let index: HashMap<&str, usize> = resources
        .iter()
        .flat_map(|r| &r.items)
        .enumerate()
        .map(|(i, item)| (item.name.as_str(), i))
        .collect();
    let edges: Vec<Vec<usize>> = items
        .iter()
        .map(|kind| {
            let mut names = Vec::new();
            uses(kind, &mut names);
            names
                .iter()
                .filter_map(|name| index.get(name).copied())
                .collect()
        })
        .collect();

    let mut gates = vec![BTreeSet::new(); items.len()];
    // `seen[i] == r + 1` once resource `r`'s walk reached item `i`: one array serves every walk.
    let mut seen = vec![0usize; items.len()];
    let mut stack = Vec::new();
    let mut first = 0;
    for (r, resource) in resources.iter().enumerate() {
        stack.extend(first..first + resource.items.len());
        first += resource.items.len();
        while let Some(i) = stack.pop() {
            if seen[i] == r + 1 {
                continue;
            }
            seen[i] = r + 1;
            gates[i].insert(resource.feature.clone());
            stack.extend(edges[i].iter().filter(|&&next| seen[next] != r + 1));
        }
    }
    gates
}

/// The generated types an item cannot compile without.
fn uses<'i>(kind: &'i ItemKind, out: &mut Vec<&'i str>) {
    let fields = |fields: &'i [Field], out: &mut Vec<&'i str>| {
        for field in fields {
            type_names(&field.ty, out);
        }
    };
    match kind {
        ItemKind::Model(model) => fields(&model.fields, out),
        ItemKind::Patch(patch) => {
            out.push(&patch.entity);
            fields(&patch.fields, out);
        }
        ItemKind::Parameters(parameters) => fields(&parameters.fields, out),
        ItemKind::Enum(_) | ItemKind::Paths(_) => {}
        // The base type only: derived variants are cut (see the module docs).
        ItemKind::Polymorphic(polymorphic) => {
            out.extend(polymorphic.variants.first().map(|v| v.name.as_str()))
        }
        ItemKind::Operation(operation) => {
            if let Addressing::Choice { ty, .. } = &operation.addressing {
                out.push(ty);
            }
            type_names(&operation.output, out);
            if let Some(body) = &operation.body {
                type_names(&body.ty, out);
            }
            for argument in &operation.function_arguments {
                type_names(&argument.field.ty, out);
            }
        }
    }
}

fn type_names<'t>(ty: &'t RustType, out: &mut Vec<&'t str>) {
    match ty {
        RustType::Primitive(_) | RustType::Json | RustType::Unit => {}
        RustType::Named(name) | RustType::Enum(name) | RustType::Polymorphic { name, .. } => {
            out.push(name)
        }
        RustType::Vec(inner)
        | RustType::Updated(inner)
        | RustType::Page(inner)
        | RustType::Flags(inner)
        | RustType::ValueOf(inner)
        | RustType::Boxed(inner) => type_names(inner, out),
    }
}
