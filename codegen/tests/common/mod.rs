//! Helpers the importer's tests share: where the workspace, the checked-in spec and the
//! documentation pages are.

use std::fs;
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the codegen crate sits in the workspace")
        .to_path_buf()
}

pub fn checked_in_spec() -> PathBuf {
    workspace().join("spec")
}

/// The documentation folder (`MSGRAPH_DOCS_DIR`, by default `../shared/graph-docs` beside the
/// workspace) when `needed` exists below it; otherwise `None` with a notice, or a failure when
/// `MSGRAPH_DOCS_REQUIRED=1`.
pub fn docs_dir(needed: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("MSGRAPH_DOCS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/graph-docs"));
    if dir.join(needed).exists() {
        return Some(dir);
    }
    assert!(
        std::env::var("MSGRAPH_DOCS_REQUIRED").as_deref() != Ok("1"),
        "MSGRAPH_DOCS_REQUIRED=1 but there is no {needed} in {}",
        dir.display()
    );
    println!(
        "notice: skipped: no {needed} in {} (set MSGRAPH_DOCS_DIR)",
        dir.display()
    );
    None
}

/// Copies the folder `from`, recursively, to `to`.
#[allow(dead_code)] // Not every test file copies folders.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read_dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copy");
        }
    }
}
