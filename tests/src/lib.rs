//! Shared helpers for the end-to-end tests in `tests/`.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests package sits inside the workspace")
        .to_path_buf()
}

/// The checked-in spec directory.
pub fn spec_dir() -> PathBuf {
    workspace_root().join("spec")
}

/// The checked-in generated crate.
pub fn generated_dir() -> PathBuf {
    workspace_root().join("generated")
}

/// The Microsoft Graph documentation pages the spec renders: the folder named by
/// `MSGRAPH_DOCS_DIR`, by default `../shared/graph-docs` beside the workspace.
///
/// Returns `None`, after printing a notice, when the folder is absent: a fresh clone has no
/// copy. With `MSGRAPH_DOCS_REQUIRED=1` (as `.ci/run` sets when the folder exists) an absent
/// folder fails the test instead.
pub fn graph_docs_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("MSGRAPH_DOCS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/graph-docs"));
    if dir.is_dir() {
        return Some(dir);
    }
    let required = std::env::var("MSGRAPH_DOCS_REQUIRED").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "MSGRAPH_DOCS_REQUIRED=1 but the documentation folder {} is absent",
        dir.display()
    );
    eprintln!(
        "notice: skipped: the Microsoft Graph documentation folder {} is absent (set MSGRAPH_DOCS_DIR to point at it)",
        dir.display()
    );
    None
}

/// The endpoint the checked-in spec documents under `name`.
pub fn spec_endpoint(name: &str) -> msgraph_codegen::spec::Endpoint {
    let spec = msgraph_codegen::load::load(&spec_dir()).expect("the checked-in spec loads");
    spec.endpoints
        .into_iter()
        .map(|sourced| sourced.item)
        .find(|endpoint| endpoint.name.value == name)
        .unwrap_or_else(|| panic!("the spec documents `{name}`"))
}

/// An example body as JSON.
pub fn json_body(body: &Option<serde_saphyr::Spanned<String>>) -> serde_json::Value {
    let text = &body.as_ref().expect("the example has a body").value;
    serde_json::from_str(text).expect("the example body is JSON")
}
