//! The seed family's generated files, locked as reviewed snapshots: the reference examples of
//! what the generator writes for a CRUD family.

use msgraph_tests::{assert_snapshots, spec_dir, workspace_root};

#[test]
fn generated_files_match_their_snapshots() {
    let files = msgraph_codegen::generate(&spec_dir()).expect("the checked-in spec generates");
    assert_snapshots(&files, &workspace_root().join("tests/tests/snapshots"));
}
