//! Cargo features are closed per type: a workload's feature compiles the types it uses from
//! other workloads, not those resources whole, and an `Any…` enum does not pull in the types
//! derived from its base.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use msgraph_codegen::ir::{Crate, ItemKind, RustType};
use msgraph_codegen::{load, lower, synth, validate};

fn lowered(resources: usize, seed: u64) -> Crate {
    let spec = load::parse_sources(Path::new("spec"), synth::synthesize(resources, seed))
        .unwrap_or_else(|d| panic!("{d}"));
    let symbols = validate::validate(&spec).unwrap_or_else(|d| panic!("{d}"));
    lower::lower(&spec, &symbols, drop)
}

/// Per item name: its resource's workload feature and the features that compile it.
fn gates(krate: &Crate) -> BTreeMap<&str, (&str, BTreeSet<&str>)> {
    let mut gates = BTreeMap::new();
    for resource in &krate.resources {
        for item in &resource.items {
            let features = resource.gate(item).iter().map(String::as_str).collect();
            gates.insert(item.name.as_str(), (resource.feature.as_str(), features));
        }
    }
    gates
}

fn named(ty: &RustType) -> Option<&str> {
    match ty {
        RustType::Named(path) => Some(&path.name),
        RustType::Vec(inner) => named(inner),
        _ => None,
    }
}

#[test]
fn a_workload_compiles_the_types_it_uses_from_others_and_nothing_more() {
    let krate = lowered(60, 5);
    let gates = gates(&krate);
    let mut crossings = 0;
    for resource in &krate.resources {
        for item in &resource.items {
            let (home, features) = &gates[item.name.as_str()];
            assert!(
                features.contains(home),
                "`{}` is compiled by its own workload's feature",
                item.name
            );
            match &item.kind {
                // Nothing refers to an operation: only its own workload compiles it.
                ItemKind::Operation(_) => assert_eq!(
                    features,
                    &BTreeSet::from([*home]),
                    "operation `{}`",
                    item.name
                ),
                ItemKind::Model(model) => {
                    for used in model.fields.iter().filter_map(|f| named(&f.ty)) {
                        let (used_home, used_features) = &gates[used];
                        assert!(
                            features.is_subset(used_features),
                            "wherever `{}` is compiled, `{used}` is too",
                            item.name
                        );
                        if used_home != home {
                            crossings += 1;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    assert!(crossings > 0, "the spec has types used across resources");
    // What each workload feature compiles beyond its own resources' items: taken resource by
    // resource, one feature's closure held most of the spec.
    let all = gates.len();
    for feature in krate.features.iter().map(|f| f.name.as_str()) {
        let borrowed = gates
            .values()
            .filter(|(home, features)| *home != feature && features.contains(feature))
            .count();
        assert!(
            borrowed * 10 < all,
            "`{feature}` compiles {borrowed} of the {all} items of other workloads"
        );
    }
}

#[test]
fn a_derived_variant_exists_only_where_its_type_is_compiled() {
    let krate = lowered(60, 5);
    let gates = gates(&krate);
    let mut gated_variants = 0;
    for item in krate.resources.iter().flat_map(|r| &r.items) {
        let ItemKind::Polymorphic(polymorphic) = &item.kind else {
            continue;
        };
        let (_, enum_features) = &gates[item.name.as_str()];
        let (base, derived) = polymorphic.variants.split_first().expect("a base");
        assert!(
            base.features.is_empty(),
            "the base type is always a variant"
        );
        assert!(enum_features.is_subset(&gates[base.name.as_str()].1));
        for variant in derived {
            let (_, compiled) = &gates[variant.name.as_str()];
            if variant.features.is_empty() {
                assert!(enum_features.is_subset(compiled));
            } else {
                gated_variants += 1;
                let features: BTreeSet<&str> =
                    variant.features.iter().map(String::as_str).collect();
                assert_eq!(&features, compiled, "variant `{}`", variant.name);
            }
        }
    }
    assert!(
        gated_variants > 0,
        "some derived types are cut from the enums"
    );
}
