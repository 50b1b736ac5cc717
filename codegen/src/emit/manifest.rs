//! `Cargo.toml` of the generated crate.

use std::fmt::Write as _;

use super::GENERATED_MARK;
use crate::ir::{Crate, Package};

/// What generated code itself names, with the fewest features that serve: serde's derives,
/// JSON values, and `Guid` properties. Everything else is the runtime's (see [`runtime`]).
const DEPENDENCIES: &[(&str, &str)] = &[
    ("serde", r#"{ version = "1", features = ["derive"] }"#),
    ("serde_json", r#""1""#),
    (
        "uuid",
        r#"{ version = "1", default-features = false, features = ["serde", "std"] }"#,
    ),
];

/// The runtime crate generated code builds on (re-exported as the crate's `runtime` module):
/// the version the generator was built with, without its client unless the generated crate's
/// `client` feature asks for it. With a configured path (see
/// [`CrateSettings::runtime_path`](crate::spec::CrateSettings::runtime_path)) it is also a path
/// dependency, which a workspace building both uses and a published crate drops.
fn runtime(package: &Package) -> String {
    let path = package
        .runtime_path
        .as_deref()
        .map(|path| format!(", path = {}", toml_string(path)))
        .unwrap_or_default();
    format!(
        "msgraph-runtime = {{ version = {}{path}, default-features = false }}\n",
        toml_string(msgraph_runtime::VERSION)
    )
}

/// Without `client` the crate is sans-IO: it builds requests and reads responses only.
const CLIENT_FEATURE: &str = r#"# The async client: reqwest with rustls and gzip, retries, client-request-id.
client = ["msgraph-runtime/client"]
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
         keywords = [{}]\n\
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
        package
            .keywords
            .iter()
            .map(|keyword| toml_string(keyword))
            .collect::<Vec<_>>()
            .join(", "),
        features(krate),
    );
    text.push_str(&runtime(package));
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
