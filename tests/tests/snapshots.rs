//! The seed family's generated files, locked as reviewed snapshots: the reference examples of
//! what the generator writes for a CRUD family. The rest of the crate is locked by the drift
//! check, and its crate-level files by the fixtures' snapshots.

use std::path::Path;

use msgraph_tests::{assert_snapshots, spec_dir, workspace_root};

#[test]
fn generated_files_match_their_snapshots() {
    let mut files = msgraph_codegen::generate(&spec_dir()).expect("the checked-in spec generates");
    files.retain(|file| {
        ["workloads/deviceconfig/src", "models/src"]
            .iter()
            .any(|src| {
                file.path
                    .starts_with(Path::new(src).join("managed_all_device_certificate_state"))
            })
    });
    assert_eq!(
        files.len(),
        10,
        "the family's module in the models crate and in its workload's requests crate, its \
         types and operations"
    );
    assert_snapshots(&files, &workspace_root().join("tests/tests/snapshots"));
}
