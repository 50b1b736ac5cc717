//! `Cargo.toml` of the generated crate.

use std::fmt::Write as _;

use super::GENERATED_MARK;
use crate::ir::{Crate, Home, Package};

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

/// `[features]` of the crate `home`: `all`, and one feature per workload, each with its
/// one-line docs; the crate users name adds the client and forwards each workload to the models
/// crate. A workload's feature names no other: the items it uses are gated on it directly (see
/// `crate::features`).
fn features(krate: &Crate, home: Home) -> String {
    let mut text = String::from("[features]\n");
    if home == Home::Requests {
        text.push_str(DEFAULT_FEATURES);
        text.push_str(CLIENT_FEATURE);
    }
    text.push_str("# Every workload.\nall = [\n");
    for feature in &krate.features {
        let _ = writeln!(text, "    \"{}\",", feature.name);
    }
    text.push_str("]\n");
    for feature in &krate.features {
        let forwarded = match home {
            Home::Models => String::new(),
            Home::Requests => toml_string(&format!("{}/{}", krate.models.name, feature.name)),
        };
        let _ = writeln!(
            text,
            "# {}.\n{} = [{forwarded}]",
            feature.docs, feature.name
        );
    }
    text
}

/// The manifest of the crate `home`, as TOML text.
pub fn manifest(krate: &Crate, home: Home) -> String {
    let package = match home {
        Home::Models => &krate.models,
        Home::Requests => &krate.package,
    };
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
        features(krate, home),
    );
    if home == Home::Requests {
        let _ = writeln!(
            text,
            "{} = {{ version = {}, path = {}, default-features = false }}",
            krate.models.name,
            toml_string(&format!("={}", krate.models.version)),
            toml_string(Home::Models.folder()),
        );
    }
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
