//! The checked-in spec is what the importer makes of the documentation it renders, the whole
//! Intune beta reference of July 2021, so spec and documentation cannot drift apart silently.
//! Skipped, with a notice, when the documentation folder is absent.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use msgraph_tests::{graph_docs_dir, read_tree, spec_dir};

/// The folder of the reference the checked-in spec is imported from.
const REFERENCE: &str = "intune-2021/beta";

fn copy_spec(to: &Path) {
    for (path, bytes) in read_tree(&spec_dir()) {
        let target = to.join(path);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, bytes).expect("copy");
    }
}

#[test]
fn reimporting_the_documentation_changes_nothing() {
    let Some(docs) = graph_docs_dir() else { return };
    let work = tempfile::tempdir().expect("tempdir");
    let copy = work.path().join("spec");
    copy_spec(&copy);

    let report = msgraph_codegen::import::import(&[docs.join(REFERENCE)], &copy)
        .unwrap_or_else(|d| panic!("{d}"));
    assert!(report.written.is_empty(), "{report}");
    assert_eq!(
        read_tree(&copy),
        read_tree(&spec_dir()),
        "the importer's output differs from the checked-in spec:\n{report}"
    );
}

#[test]
fn the_reference_imported_into_an_empty_spec_generates() {
    let Some(docs) = graph_docs_dir() else { return };
    let work = tempfile::tempdir().expect("tempdir");
    let spec = work.path().join("spec");
    fs::create_dir_all(&spec).expect("mkdir");
    fs::copy(spec_dir().join("api.yaml"), spec.join("api.yaml")).expect("api.yaml");

    let report = msgraph_codegen::import::import(&[docs.join(REFERENCE)], &spec)
        .unwrap_or_else(|d| panic!("{d}"));
    // Only the conceptual overviews (no `doc_type`) and the pages whose request section names
    // no URI (the pages' own defect) are left out, each counted by reason.
    assert_eq!(report.failed.len(), 27, "{report}");
    assert_eq!(report.left_out.values().sum::<usize>(), 27, "{report}");
    let files = msgraph_codegen::generate(&spec).unwrap_or_else(|d| panic!("{d}"));
    let checked_in = msgraph_codegen::generate(&spec_dir()).unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(files.len(), checked_in.len());
    // The only values the checked-in spec keeps from before the import are the seed family's
    // national clouds, which its 2021 pages do not state.
    let mut differing: Vec<String> = Vec::new();
    let fresh: BTreeMap<PathBuf, Vec<u8>> = read_tree(&spec).into_iter().collect();
    for (path, bytes) in read_tree(&spec_dir()) {
        if fresh.get(&path) != Some(&bytes) {
            differing.push(path.display().to_string());
        }
    }
    differing.sort();
    assert_eq!(
        differing,
        [
            "README.md",
            "managedAllDeviceCertificateState/intune-deviceconfig-managedalldevicecertificatestate-create.yaml",
            "managedAllDeviceCertificateState/intune-deviceconfig-managedalldevicecertificatestate-delete.yaml",
            "managedAllDeviceCertificateState/intune-deviceconfig-managedalldevicecertificatestate-get.yaml",
            "managedAllDeviceCertificateState/intune-deviceconfig-managedalldevicecertificatestate-list.yaml",
            "managedAllDeviceCertificateState/intune-deviceconfig-managedalldevicecertificatestate-update.yaml",
        ]
    );
}
