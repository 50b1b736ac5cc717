//! Every page of a documentation folder, imported, generated and compiled into one crate, whose
//! own tests (its `documentation_examples` module) read every JSON example of those pages
//! (request and response bodies) into its generated type and write it back: the Intune sample
//! (`beta`), and the sample of the other workloads (`beta-workloads`), whose hand-written pages
//! use the conventions beyond Intune's. Skipped, with a notice, when the documentation folder is
//! absent.

use std::fs;
use std::path::Path;

use msgraph_codegen::import::ImportReport;
use msgraph_codegen::ir::{ItemKind, LoweredFile};
use msgraph_tests::{graph_docs_dir, spec_dir};

/// What one folder gave.
struct Generated {
    report: ImportReport,
    operations: usize,
    /// Example bodies of the imported spec, how many of them a generated type reads, and how
    /// many the examples module lists as left out, each with its reason.
    bodies: usize,
    read: usize,
    listed: usize,
    /// The generated items (types and operations) of namespaces besides `api.yaml`'s:
    /// (module, Rust name).
    namespaced: Vec<(String, String)>,
    /// The Rust names of the items the crate root names, each once per item.
    root_names: Vec<String>,
}

/// Imports `folder` into a fresh spec (the checked-in `api.yaml`, the crate renamed), lowers
/// it, checks that every example body is read or its leaving out is explained, then builds the
/// crate and runs its tests.
fn import_and_build(folder: &Path, krate: &str) -> Generated {
    let work = tempfile::tempdir().expect("tempdir");
    let spec = work.path().join("spec");
    fs::create_dir_all(&spec).expect("mkdir");
    let api = fs::read_to_string(spec_dir().join("api.yaml")).expect("api.yaml");
    fs::write(
        spec.join("api.yaml"),
        api.replace("name: msgraph-beta", &format!("name: {krate}")),
    )
    .expect("api");

    let report = msgraph_codegen::import::import(&[folder.to_path_buf()], &spec)
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(report.failed.is_empty(), "{report}");

    let loaded = msgraph_codegen::load::load(&spec).unwrap_or_else(|d| panic!("{d}"));
    let symbols = msgraph_codegen::validate::validate(&loaded).unwrap_or_else(|d| panic!("{d}"));
    let mut read = 0;
    let lowered = msgraph_codegen::lower::lower(&loaded, &symbols, |file| {
        if let LoweredFile::Tests(tests) = file {
            read += tests.tests.iter().map(|t| t.examples.len()).sum::<usize>();
        }
    });

    let operations: Vec<_> = lowered
        .resources
        .iter()
        .flat_map(|resource| &resource.items)
        .filter_map(|item| match &item.kind {
            ItemKind::Operation(operation) => Some(operation),
            _ => None,
        })
        .collect();
    let bodies: usize = loaded
        .endpoints
        .iter()
        .flat_map(|endpoint| &endpoint.item.examples)
        .map(|e| usize::from(e.request.body.is_some()) + usize::from(e.response.body.is_some()))
        .sum();
    println!(
        "{}: {} pages imported, {} operations generated, {read} of {bodies} example bodies read",
        folder.display(),
        report.imported.len(),
        operations.len()
    );
    let examples = lowered
        .examples
        .as_ref()
        .expect("the crate has an examples module");
    let listed = examples
        .docs
        .lines()
        .filter(|line| line.starts_with("- "))
        .count();
    let namespaced = lowered
        .resources
        .iter()
        .flat_map(|resource| &resource.items)
        .filter_map(|item| Some((item.namespace.clone()?, item.name.clone())))
        .collect();
    let root_names = lowered
        .resources
        .iter()
        .flat_map(|resource| &resource.items)
        .filter(|item| item.namespace.is_none())
        .map(|item| item.name.clone())
        .collect();

    // `cargo test` of the crate runs its examples module.
    msgraph_tests::build_and_test_generated(&spec, "", &[]);
    Generated {
        report,
        operations: operations.len(),
        bodies,
        read,
        listed,
        namespaced,
        root_names,
    }
}

#[test]
fn every_intune_sample_page_generates_a_crate_whose_types_read_every_example() {
    let Some(docs) = graph_docs_dir() else { return };
    let generated = import_and_build(&docs.join("beta"), "all-pages");
    // No hand edit: `windowsMalwareCategory` documents both `remoteControlSoftware` and
    // `remote_Control_Software`, and lowering names them apart.
    assert_eq!(generated.report.imported.len(), 55);
    assert_eq!(generated.operations, 20);
    assert_eq!(
        (generated.read, generated.listed),
        (generated.bodies, 0),
        "every example body has a generated type to read it"
    );
}

#[test]
fn every_page_of_the_other_workloads_generates_a_crate_whose_types_read_every_message() {
    let Some(docs) = graph_docs_dir() else { return };
    let generated = import_and_build(&docs.join("beta-workloads"), "other-workloads");
    // Every page of the sample: 24 resource pages and 46 API pages; its include files are
    // read where pages include them.
    assert_eq!(generated.report.imported.len(), 70, "{}", generated.report);
    assert!(generated.operations >= 46, "{}", generated.operations);
    // A body is read, or the examples module lists it with why: a placeholder value, content
    // that is not JSON, a page documenting no type.
    assert_eq!(
        generated.read + generated.listed,
        generated.bodies,
        "every example body is read or listed"
    );
    // Six are listed: placeholders where values belong, and content that is not JSON. A bare
    // parameters table (`team-clone`) is read, and a member no parameter names (`user-sendmail`'s
    // `"Message"`) is kept among the body's additional properties.
    assert_eq!(generated.listed, 6, "{}", generated.listed);
    assert!(generated.read > generated.listed);
    // `security-alert-get.md`, titled `Get alert`, is named beside the type it reads, in the
    // module of its namespace, as `alert-get.md` would be at the crate root.
    for (module, name) in [
        ("security", "Alert"),
        ("security", "GetAlert"),
        ("identity_governance", "Workflow"),
    ] {
        assert!(
            generated
                .namespaced
                .contains(&(module.to_owned(), name.to_owned())),
            "`{module}::{name}` is generated: {:?}",
            generated.namespaced
        );
    }
    assert!(
        !generated.root_names.iter().any(|name| name == "GetAlert"),
        "the security namespace's `Get alert` is not named at the crate root"
    );
}
