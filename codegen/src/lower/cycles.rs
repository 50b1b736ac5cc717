//! Indirection for types that contain themselves: a field whose type holds, by value, the type
//! the field belongs to (directly or through other types) would make an infinitely large type,
//! so such fields are boxed. Only fields on a cycle are, found as the edges inside one strongly
//! connected component of the "holds by value" graph.

use std::collections::HashMap;

use crate::ir::{Field, Item, ItemKind, Resource, RustType, TypePath};

/// Boxes every field that lies on a cycle of types holding each other by value.
pub fn break_cycles(resources: &mut [Resource]) {
    let (index, edges) = {
        let items: Vec<&Item> = resources.iter().flat_map(|r| &r.items).collect();
        let index: HashMap<TypePath, usize> = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let path = TypePath {
                    namespace: item.namespace.clone(),
                    name: item.name.clone(),
                };
                (path, i)
            })
            .collect();
        let edges: Vec<Vec<usize>> = items
            .iter()
            .map(|item| {
                held_by_value(&item.kind)
                    .filter_map(|name| index.get(name).copied())
                    .collect()
            })
            .collect();
        (index, edges)
    };
    let component = components(&edges);
    let items = resources.iter_mut().flat_map(|r| &mut r.items);
    for (position, item) in items.enumerate() {
        let Some(fields) = fields_mut(&mut item.kind) else {
            continue;
        };
        for field in fields {
            // An edge inside one component lies on a cycle (a self-loop included).
            let cyclic = value_type(&field.ty)
                .and_then(|to| index.get(to))
                .is_some_and(|&to| component[to] == component[position]);
            if cyclic {
                let ty = std::mem::replace(&mut field.ty, RustType::Unit);
                field.ty = RustType::Boxed(Box::new(ty));
            }
        }
    }
}

/// The generated type a field holds by value, if any: not behind a `Vec`.
fn value_type(ty: &RustType) -> Option<&TypePath> {
    match ty {
        RustType::Named(path) | RustType::Polymorphic { name: path, .. } => Some(path),
        RustType::Primitive(_)
        | RustType::Json
        | RustType::Unit
        | RustType::Content
        | RustType::Text
        | RustType::Location
        | RustType::Upload
        | RustType::Enum(_)
        | RustType::Flags(_)
        | RustType::Vec(_)
        | RustType::Boxed(_)
        | RustType::Updated(_)
        | RustType::Page(_)
        | RustType::ValueOf(_) => None,
    }
}

fn fields_mut(kind: &mut ItemKind) -> Option<&mut Vec<Field>> {
    match kind {
        ItemKind::Model(model) => Some(&mut model.fields),
        ItemKind::Patch(patch) => Some(&mut patch.fields),
        ItemKind::Parameters(parameters) => Some(&mut parameters.fields),
        ItemKind::Enum(_)
        | ItemKind::Operation(_)
        | ItemKind::Paths(_)
        | ItemKind::Polymorphic(_) => None,
    }
}

/// The types an item holds by value: its fields' types, or a polymorphic enum's variants.
fn held_by_value(kind: &ItemKind) -> Box<dyn Iterator<Item = &TypePath> + '_> {
    match kind {
        ItemKind::Model(model) => Box::new(field_types(&model.fields)),
        ItemKind::Patch(patch) => Box::new(field_types(&patch.fields)),
        ItemKind::Parameters(parameters) => Box::new(field_types(&parameters.fields)),
        ItemKind::Polymorphic(polymorphic) => Box::new(polymorphic.variants.iter().map(|v| &v.ty)),
        ItemKind::Enum(_) | ItemKind::Operation(_) | ItemKind::Paths(_) => {
            Box::new(std::iter::empty())
        }
    }
}

fn field_types(fields: &[Field]) -> impl Iterator<Item = &TypePath> {
    fields.iter().filter_map(|f| value_type(&f.ty))
}

/// The strongly connected component of each node (Tarjan's algorithm, iterative so that a deep
/// type graph cannot overflow the stack). A self-loop puts a node on a cycle of its own: its
/// component is its own, and `on_cycle` then compares a node with itself.
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNVISITED; n];
    let mut low = vec![0; n];
    let mut component = vec![UNVISITED; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut next_component = 0;
    for root in 0..n {
        if order[root] != UNVISITED {
            continue;
        }
        // (node, index of the next edge to follow)
        let mut work = vec![(root, 0)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && order[node] == UNVISITED {
                order[node] = next_order;
                low[node] = next_order;
                next_order += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&to) = edges[node].get(*edge) {
                *edge += 1;
                if order[to] == UNVISITED {
                    work.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(order[to]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == order[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn finds_cycles_and_leaves_chains_alone() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 0 and 4 → 4 (a self-loop) are not part of it.
        let edges = vec![vec![1], vec![2], vec![0], vec![0], vec![4]];
        let component = components(&edges);
        assert_eq!(component[0], component[1]);
        assert_eq!(component[1], component[2]);
        assert_ne!(component[3], component[0]);
        assert_ne!(component[4], component[0]);
        assert_ne!(component[4], component[3]);
    }
}
