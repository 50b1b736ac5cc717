//! A synthetic, Graph-shaped spec (inheritance, complex types, flags, hard names, every CRUD
//! operation) generates a crate that builds, passes its doc examples and rustdoc with warnings
//! denied, and whose workload features each build alone.

use std::path::Path;

use msgraph_codegen::{load, lower, validate};

/// Workload features that compile items of other workloads' resources: the ones whose closure
/// a mistake would leave short.
fn features_reaching_other_workloads(spec_dir: &Path, at_most: usize) -> Vec<String> {
    let spec = load::load(spec_dir).unwrap_or_else(|d| panic!("{d}"));
    let symbols = validate::validate(&spec).unwrap_or_else(|d| panic!("{d}"));
    let krate = lower::lower(&spec, &symbols, drop);
    let mut reaching: Vec<String> = krate
        .resources
        .iter()
        .flat_map(|resource| {
            resource
                .items
                .iter()
                .flat_map(|item| &item.features)
                .filter(|feature| **feature != resource.feature)
        })
        .cloned()
        .collect();
    reaching.sort();
    reaching.dedup();
    reaching.truncate(at_most);
    reaching
}

#[test]
fn a_synthetic_spec_generates_a_warning_free_crate() {
    let work = tempfile::tempdir().expect("tempdir");
    // Seed 5 makes entities derive from entities, so create bodies are polymorphic.
    let sources = msgraph_codegen::synth::synthesize(20, 5);
    msgraph_codegen::synth::write(work.path(), &sources).expect("writes the spec");
    let alone = features_reaching_other_workloads(work.path(), 3);
    assert!(!alone.is_empty(), "the spec shares types across workloads");
    let alone: Vec<&str> = alone.iter().map(String::as_str).collect();
    msgraph_tests::build_and_test_generated(work.path(), "#[test]\nfn builds() {}\n", &alone);
}
