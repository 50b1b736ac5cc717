//! The same generator makes a v1.0 crate: `tests/v1/docs` holds v1.0 pages written in the
//! documentation's format (the 2021 Intune template, `deviceCategory`), and `tests/v1/api.yaml`
//! says `version: v1.0`. The crate they give links its documentation to the v1.0 pages, sends
//! its requests below `/v1.0`, and compiles beside `msgraph-beta` in one program that calls
//! both through one `Client`, since both re-export the one runtime crate.

use std::fs;
use std::path::{Path, PathBuf};

use msgraph_tests::{cargo_in_generated, workspace_root};

fn v1_dir() -> PathBuf {
    workspace_root().join("tests/v1")
}

/// Imports the v1.0 pages into a fresh spec folder holding only `api.yaml`.
fn imported_spec(work: &Path) -> PathBuf {
    let spec = work.join("spec");
    fs::create_dir_all(&spec).expect("mkdir");
    fs::copy(v1_dir().join("api.yaml"), spec.join("api.yaml")).expect("api.yaml");
    let report = msgraph_codegen::import::import(&[v1_dir().join("docs")], &spec)
        .unwrap_or_else(|d| panic!("{d}"));
    assert_eq!(report.imported.len(), 6, "{report:#?}");
    assert!(report.failed.is_empty(), "{report:#?}");
    assert!(report.notes.is_empty(), "{report:#?}");
    spec
}

#[test]
fn v1_pages_give_a_crate_documented_against_the_v1_pages() {
    let work = tempfile::tempdir().expect("tempdir");
    let files =
        msgraph_codegen::generate(&imported_spec(work.path())).unwrap_or_else(|d| panic!("{d}"));
    let text = |name: &str| {
        let file = files
            .iter()
            .find(|file| file.path == Path::new(name))
            .unwrap_or_else(|| panic!("{name} is generated"));
        file.contents.clone()
    };

    assert!(text("Cargo.toml").contains("name = \"msgraph-v1\""));
    assert!(text("models/src/lib.rs").contains("pub const API_VERSION: &str = \"v1.0\";"));
    let get = text("workloads/onboarding/src/device_category/get_device_category.rs");
    assert!(get.contains(
        "https://learn.microsoft.com/graph/api/intune-onboarding-devicecategory-get?view=graph-rest-1.0"
    ));
    for file in &files {
        assert!(
            !file.contents.contains("graph-rest-beta") && !file.contents.contains("/beta/"),
            "{} speaks of beta",
            file.path.display()
        );
    }
}

/// The program: one `Client`, typed as each crate's re-export of the runtime, sends a v1.0
/// and a beta request to a loopback server, which sees each below its version root.
const PROGRAM: &str = r##"
use msgraph_runtime::http::Response;
use msgraph_runtime::testing::ScriptedServer;
use msgraph_runtime::{AccessToken, Client};

fn json(body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .expect("response")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let server = ScriptedServer::start(vec![
        json(r#"{"value": [{"id": "k1", "displayName": "Kiosks"}]}"#),
        json(r#"{"value": []}"#),
    ])
    .await
    .expect("server");
    let client = Client::builder(AccessToken::new("token"))
        .service_root(server.service_root())
        .build()
        .expect("client");
    let v1: &msgraph_v1::runtime::Client = &client;
    let beta: &msgraph_beta::runtime::Client = &client;

    let categories = v1
        .send(&msgraph_v1::ListDeviceCategories::new())
        .await
        .expect("v1.0 list");
    assert_eq!(categories.value[0].display_name.as_deref(), Some("Kiosks"));
    let statuses = beta
        .send(&msgraph_beta::ListManagedAppStatusRaws::new())
        .await
        .expect("beta list");
    assert!(statuses.value.is_empty());

    let requests = server.requests();
    assert_eq!(requests[0].uri(), "/v1.0/deviceManagement/deviceCategories");
    assert_eq!(requests[1].uri(), "/beta/deviceAppManagement/managedAppStatuses");
}
"##;

#[test]
fn v1_crate_and_beta_crate_share_one_client_in_one_program() {
    let work = tempfile::tempdir().expect("tempdir");
    let mut spec =
        msgraph_codegen::load::load(&imported_spec(work.path())).unwrap_or_else(|d| panic!("{d}"));
    let root = workspace_root();
    spec.api.item.krate.runtime_path = Some(root.join("runtime").display().to_string());
    let files = msgraph_codegen::build(&spec).unwrap_or_else(|d| panic!("{d}"));
    msgraph_codegen::write::write(&work.path().join("msgraph-v1"), &files).expect("writes");

    let program = work.path().join("program");
    fs::create_dir_all(program.join("src")).expect("mkdir");
    fs::write(program.join("src/main.rs"), PROGRAM).expect("main.rs");
    let path = |dir: &str| format!("{:?}", root.join(dir).display().to_string());
    fs::write(
        program.join("Cargo.toml"),
        format!(
            "[package]\nname = \"both-versions\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             publish = false\n\n[dependencies]\n\
             msgraph-beta = {{ path = {}, default-features = false, features = [\"client\", \"mam\"] }}\n\
             msgraph-v1 = {{ path = \"../msgraph-v1\", features = [\"onboarding\"] }}\n\
             msgraph-runtime = {{ path = {}, features = [\"testing\"] }}\n\
             tokio = {{ version = \"1\", default-features = false, features = [\"rt\", \"macros\"] }}\n\n\
             [workspace]\n",
            path("generated"),
            path("runtime"),
        ),
    )
    .expect("Cargo.toml");
    fs::copy(root.join("Cargo.lock"), program.join("Cargo.lock")).expect("lock");

    let output = cargo_in_generated(&program)
        .args(["run", "--offline", "--quiet"])
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the program using both crates failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
