//! The checked-in spec is exactly what the importer produces from the documentation pages it
//! renders (each file's `page.source`), so spec and documentation cannot drift apart silently.
//! Skipped, with a notice, when the documentation folder is absent.

use std::fs;
use std::path::PathBuf;

use msgraph_tests::{graph_docs_dir, read_tree, spec_dir};

#[test]
fn reimporting_the_documentation_changes_nothing() {
    let Some(docs) = graph_docs_dir() else { return };
    let work = tempfile::tempdir().expect("tempdir");
    let copy = work.path().join("spec");
    for (path, bytes) in read_tree(&spec_dir()) {
        let target = copy.join(path);
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::write(target, bytes).expect("copy");
    }

    let spec = msgraph_codegen::load::load(&spec_dir()).expect("the spec loads");
    let sources = spec
        .entities
        .iter()
        .chain(&spec.complex_types)
        .map(|e| e.item.page.source.value.clone())
        .chain(spec.enums.iter().map(|e| e.item.page.source.value.clone()))
        .chain(
            spec.endpoints
                .iter()
                .map(|e| e.item.page.source.value.clone()),
        );
    let pages: Vec<PathBuf> = sources.map(|source| docs.join(source)).collect();
    assert_eq!(
        pages.len(),
        7,
        "the family's resource, enum and five API pages"
    );

    let report = msgraph_codegen::import::import(&pages, &copy).unwrap_or_else(|d| panic!("{d}"));
    assert!(report.failed.is_empty(), "{report}");
    assert_eq!(
        read_tree(&copy),
        read_tree(&spec_dir()),
        "the importer's output differs from the checked-in spec:\n{report}"
    );
}
