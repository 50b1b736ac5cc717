//! Shared helpers for the end-to-end tests in `tests/`.

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

use std::path::{Path, PathBuf};

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
