//! Shared helpers for the end-to-end tests in `tests/`.

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use msgraph_beta::runtime::{DateTimeOffset, Patch};
use msgraph_beta::{CertificateRevocationStatus, ManagedAllDeviceCertificateStatePatch};

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

/// The documented request's body, built field by field from the example's values.
pub fn documented_patch() -> ManagedAllDeviceCertificateStatePatch {
    let mut body = ManagedAllDeviceCertificateStatePatch::default();
    body.certificate_revoke_status = Patch::Set(CertificateRevocationStatus::Pending);
    body.certificate_revoke_status_last_change_date_time =
        Patch::Set(timestamp("2016-12-31T23:59:34.9547208-08:00"));
    body.managed_device_display_name = Patch::Set("Managed Device Display Name value".into());
    body.user_principal_name = Patch::Set("User Principal Name value".into());
    body.certificate_expiration_date_time =
        Patch::Set(timestamp("2017-01-01T00:02:14.9489247-08:00"));
    body.certificate_issuer_name = Patch::Set("Certificate Issuer Name value".into());
    body.certificate_thumbprint = Patch::Set("Certificate Thumbprint value".into());
    body.certificate_serial_number = Patch::Set("Certificate Serial Number value".into());
    body.certificate_subject_name = Patch::Set("Certificate Subject Name value".into());
    body.certificate_key_usages = Patch::Set(4);
    body.certificate_extended_key_usages =
        Patch::Set("Certificate Extended Key Usages value".into());
    body.certificate_issuance_date_time =
        Patch::Set(timestamp("2016-12-31T23:59:41.5044473-08:00"));
    body
}

fn timestamp(text: &str) -> DateTimeOffset {
    text.parse().expect("a documented timestamp")
}

/// Generates a crate from `spec_dir` into a temporary directory, depending on this workspace's
/// `msgraph-runtime` by its absolute path (the spec's relative `runtime_path` would not lead
/// there from a temporary directory), adds `test_source` as its integration test, and runs `cargo test` and `cargo doc` on it with every feature, offline,
/// with warnings denied; then `cargo check` with each of `alone`, a workload feature, as the
/// only feature.
/// Panics with cargo's output when any fails.
///
/// The build cache is shared in `target/generated-crates`, and the workspace's lock file pins
/// the same dependency versions, so only the first run compiles dependencies.
pub fn build_and_test_generated(spec_dir: &Path, test_source: &str, alone: &[&str]) {
    let mut spec = msgraph_codegen::load::load(spec_dir).unwrap_or_else(|d| panic!("{d}"));
    spec.api.item.krate.runtime_path = Some(workspace_root().join("runtime").display().to_string());
    let files = msgraph_codegen::build(&spec).unwrap_or_else(|d| panic!("{d}"));
    let work = tempfile::tempdir().expect("tempdir");
    let crate_dir = work.path().join("crate");
    msgraph_codegen::write::write(&crate_dir, &files).expect("writes");
    // Its crates are members of the workspace it is generated into; here, of their own, so
    // `--workspace` tests and documents every one (the requests crates' doc tests name the
    // crate users name, their dev-dependency).
    let members: Vec<String> = (files.iter())
        .filter(|file| file.path.file_name() == Some("Cargo.toml".as_ref()))
        .filter_map(|file| file.path.parent())
        .filter(|folder| !folder.as_os_str().is_empty())
        .map(|folder| format!("{:?}", folder.to_string_lossy().replace('\\', "/")))
        .collect();
    let manifest = crate_dir.join("Cargo.toml");
    let mut text = fs::read_to_string(&manifest).expect("manifest");
    text.push_str(&format!(
        "\n[workspace]\nmembers = [{}]\n",
        members.join(", ")
    ));
    fs::write(&manifest, text).expect("manifest");
    fs::create_dir_all(crate_dir.join("tests")).expect("mkdir");
    fs::write(crate_dir.join("tests/generated.rs"), test_source).expect("test");
    fs::copy(
        workspace_root().join("Cargo.lock"),
        crate_dir.join("Cargo.lock"),
    )
    .expect("lock");

    let mut commands: Vec<Vec<&str>> = vec![
        vec![
            "test",
            "--offline",
            "--quiet",
            "--workspace",
            "--features",
            "all",
        ],
        vec![
            "doc",
            "--offline",
            "--quiet",
            "--workspace",
            "--no-deps",
            "--features",
            "all",
        ],
    ];
    for feature in alone {
        commands.push(vec![
            "check",
            "--offline",
            "--quiet",
            "--no-default-features",
            "--features",
            feature,
        ]);
    }
    for command in &commands {
        let output = cargo_in_generated(&crate_dir)
            .args(command)
            .env("RUSTDOCFLAGS", "-D warnings")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "`cargo {}` of the generated crate failed:\n{}\n{}",
            command.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Cargo, run in `dir`, a crate or workspace of generated code: offline builds share the build
/// cache in `target/generated-crates` and deny warnings.
///
/// Without debug info: these builds only pass or fail, and a panic still names its location.
pub fn cargo_in_generated(dir: &Path) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace_root().join("target/generated-crates"),
        )
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("RUSTFLAGS", "-D warnings");
    command
}

/// Locks every generated file as a reviewed insta snapshot in `snapshots`, named after its path.
pub fn assert_snapshots(files: &[msgraph_codegen::emit::GeneratedFile], snapshots: &Path) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(snapshots);
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| {
        for file in files {
            let name = file.path.to_string_lossy().replace(['/', '\\'], "__");
            insta::assert_snapshot!(name, &file.contents);
        }
    });
}

/// Writes spec files read from memory (`file` paths under `root`) into `dir`, as a spec folder.
pub fn write_sources(dir: &Path, root: &Path, sources: Vec<msgraph_codegen::load::Source>) {
    for source in sources {
        let file = dir.join(source.file.strip_prefix(root).expect("under the root"));
        fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        fs::write(file, source.bytes).expect("write");
    }
}

/// Copies the folder `from`, recursively, to `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Every file below `dir`, as (path relative to `dir`, contents), sorted by path.
pub fn read_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = fs::read(&path).expect("read");
                files.push((path.strip_prefix(dir).expect("below").to_path_buf(), bytes));
            }
        }
    }
    files.sort();
    files
}
