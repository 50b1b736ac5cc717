//! `Cargo.toml` of the generated crate.

use std::fmt::Write as _;

use super::GENERATED_MARK;
use crate::ir::Crate;

/// What generated code and the runtime need, with the fewest features that serve. The optional
/// ones belong to the `client` feature.
const DEPENDENCIES: &[(&str, &str)] = &[
    ("base64", r#""0.22""#),
    (
        "futures-util",
        r#"{ version = "0.3", default-features = false, optional = true }"#,
    ),
    ("http", r#""1""#),
    ("httpdate", r#"{ version = "1", optional = true }"#),
    ("percent-encoding", r#""2""#),
    (
        "reqwest",
        r#"{ version = "0.13", default-features = false, features = ["gzip", "rustls"], optional = true }"#,
    ),
    ("serde", r#"{ version = "1", features = ["derive"] }"#),
    ("serde_json", r#""1""#),
    ("serde_path_to_error", r#""0.1""#),
    (
        "time",
        r#"{ version = "0.3", default-features = false, features = ["std", "parsing"] }"#,
    ),
    (
        "tokio",
        r#"{ version = "1", default-features = false, features = ["time"], optional = true }"#,
    ),
    (
        "uuid",
        r#"{ version = "1", default-features = false, features = ["serde", "std"] }"#,
    ),
];

/// Without `client` the crate is sans-IO: it builds requests and reads responses only.
const CLIENT_FEATURE: &str = r#"# The async client: reqwest with rustls and gzip, retries, client-request-id.
client = ["dep:futures-util", "dep:httpdate", "dep:reqwest", "dep:tokio", "uuid/v4"]
"#;

/// No workload by default; the comment says why.
const DEFAULT_FEATURES: &str = r#"# `client` only: adding the crate compiles no workload by surprise (the whole API is
# thousands of types). Name the workloads you use, or `all`.
default = ["client"]
"#;

/// `[features]`: the client, `all`, and one feature per workload, each with its one-line docs.
/// A workload's feature names no other: the items it uses are gated on it directly (see
/// `crate::features`).
fn features(krate: &Crate) -> String {
    let mut text =
        format!("[features]\n{DEFAULT_FEATURES}{CLIENT_FEATURE}# Every workload.\nall = [\n");
    for feature in &krate.features {
        let _ = writeln!(text, "    \"{}\",", feature.name);
    }
    text.push_str("]\n");
    for feature in &krate.features {
        let _ = writeln!(text, "# {}.\n{} = []", feature.docs, feature.name);
    }
    text
}

/// The manifest, as TOML text.
pub fn manifest(krate: &Crate) -> String {
    let package = &krate.package;
    let mut text = format!(
        "# {GENERATED_MARK} from the spec; do not edit.\n\n\
         [package]\n\
         name = {}\n\
         version = {}\n\
         description = {}\n\
         edition = \"2024\"\n\
         rust-version = \"1.88\"\n\
         license = \"MIT OR Apache-2.0\"\n\
         keywords = [\"microsoft-graph\", \"msgraph\", \"intune\", \"graph-api\"]\n\
         categories = [\"api-bindings\"]\n\
         \n\
         [package.metadata.docs.rs]\n\
         all-features = true\n\
         \n\
         {}\n\
         [dependencies]\n",
        toml_string(&package.name),
        toml_string(&package.version),
        toml_string(&package.description),
        features(krate),
    );
    for (name, requirement) in DEPENDENCIES {
        let _ = writeln!(text, "{name} = {requirement}");
    }
    text
}

/// A TOML basic string.
fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
