//! Every page of the documentation's sample folder, imported, generated and compiled into one
//! crate, whose own tests (its `documentation_examples` module) read every JSON example of
//! those pages (request and response bodies) into its generated type and write it back.
//! Skipped, with a notice, when the documentation folder is absent.

use std::fs;

use msgraph_codegen::ir::ItemKind;
use msgraph_tests::{graph_docs_dir, spec_dir};

#[test]
fn every_page_generates_a_crate_whose_types_read_every_example() {
    let Some(docs) = graph_docs_dir() else { return };
    let work = tempfile::tempdir().expect("tempdir");
    let spec = work.path().join("spec");
    fs::create_dir_all(&spec).expect("mkdir");
    let api = fs::read_to_string(spec_dir().join("api.yaml")).expect("api.yaml");
    fs::write(
        spec.join("api.yaml"),
        api.replace("name: msgraph-beta", "name: all-pages"),
    )
    .expect("api");

    let report = msgraph_codegen::import::import(&[docs.join("beta")], &spec)
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(report.failed.is_empty(), "{report}");
    // No hand edit: `windowsMalwareCategory` documents both `remoteControlSoftware` and
    // `remote_Control_Software`, and lowering names them apart.

    let loaded = msgraph_codegen::load::load(&spec).unwrap_or_else(|d| panic!("{d}"));
    let symbols = msgraph_codegen::validate::validate(&loaded).unwrap_or_else(|d| panic!("{d}"));
    let krate = msgraph_codegen::lower::lower(&loaded, &symbols);

    let operations: Vec<_> = krate
        .resources
        .iter()
        .flat_map(|resource| &resource.items)
        .filter_map(|item| match &item.kind {
            ItemKind::Operation(operation) => Some(operation),
            _ => None,
        })
        .collect();
    let read: usize = operations.iter().map(|o| o.examples.len()).sum();
    let bodies: usize = loaded
        .endpoints
        .iter()
        .flat_map(|endpoint| &endpoint.item.examples)
        .map(|e| usize::from(e.request.body.is_some()) + usize::from(e.response.body.is_some()))
        .sum();
    println!(
        "{} pages imported, {} operations generated, {read} of {bodies} example bodies read",
        report.imported.len(),
        operations.len()
    );
    assert_eq!(report.imported.len(), 55);
    assert_eq!(operations.len(), 20);
    assert_eq!(
        read, bodies,
        "every example body has a generated type to read it"
    );
    let examples = krate
        .examples
        .as_ref()
        .expect("the crate has an examples module");
    assert!(
        !examples.docs.contains("no generated type can read"),
        "{}",
        examples.docs
    );

    // `cargo test` of the crate runs its examples module.
    msgraph_tests::build_and_test_generated(&spec, "", &[]);
}
