//! The fixtures: `tests/fixtures/spec` holds a resource folder per shape the generator handles
//! (every operation kind, polymorphic and flags types, opaque types, keyword and colliding names,
//! every function-argument literal, a resource named like the runtime module), all generated
//! into one crate. Its files are locked as reviewed snapshots; the crate is built, tested with
//! `tests/fixtures/tests/*.rs` and documented with warnings denied, and each workload feature
//! is checked alone. The fixture pages follow no `intune-<workload>-` pattern, so each folder's
//! feature is the first word of its pages' names (`crud` holds the `widget` pages).

use msgraph_tests::{assert_snapshots, workspace_root};

fn fixtures() -> std::path::PathBuf {
    workspace_root().join("tests/fixtures")
}

#[test]
fn generated_fixtures_match_their_reviewed_snapshots() {
    let files =
        msgraph_codegen::generate(&fixtures().join("spec")).unwrap_or_else(|d| panic!("{d}"));
    assert_snapshots(&files, &fixtures().join("snapshots"));
}

/// The fixture crate's tests: one module per file of `tests/fixtures/tests`.
fn test_modules() -> String {
    let dir = fixtures().join("tests");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/tests")
        .map(|entry| entry.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let module = file.file_stem().expect("stem").to_string_lossy();
            format!(
                "#[path = {:?}]\nmod {module};\n",
                file.display().to_string()
            )
        })
        .collect()
}

#[test]
fn fixtures_compile_warning_free_and_behave() {
    msgraph_tests::build_and_test_generated(
        &fixtures().join("spec"),
        &test_modules(),
        &[
            "widget",
            "serializer",
            "self_",
            "folder",
            "file",
            "draft",
            "alert",
            "security",
            "lamp",
            "desklamp",
            "team",
        ],
    );
}
