//! `Cargo.toml` of the generated crate.

use std::fmt::Write as _;

use super::GENERATED_MARK;
use crate::ir::{Crate, Package, Part, Place};

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

/// `[features]` of the crate `part`. The crate users name has the client, `all`, and one
/// feature per workload, each with its one-line docs, compiling the workload's requests crate
/// and its part of the models crate; the models crate has `all` and the workloads. A
/// workload's feature names no other: the items it uses are gated on it directly (see
/// `crate::features`). A requests crate has none: its feature in the crate users name compiles
/// it whole.
fn features(krate: &Crate, part: Part<'_>) -> String {
    if matches!(part, Part::Requests(_)) {
        return String::new();
    }
    let mut text = String::from("[features]\n");
    if matches!(part, Part::Facade) {
        text.push_str(DEFAULT_FEATURES);
        text.push_str(CLIENT_FEATURE);
    }
    text.push_str("# Every workload.\nall = [\n");
    for feature in &krate.features {
        let _ = writeln!(text, "    \"{}\",", feature.name);
    }
    text.push_str("]\n");
    for feature in &krate.features {
        let enabled = match part {
            Part::Facade => {
                let requests = (krate.requests.iter())
                    .find(|requests| requests.feature == feature.name)
                    .map(|requests| toml_string(&format!("dep:{}", requests.package.name)));
                let models = toml_string(&format!("{}/{}", krate.models.name, feature.name));
                requests
                    .into_iter()
                    .chain([models])
                    .collect::<Vec<_>>()
                    .join(", ")
            }
            Part::Models | Part::Requests(_) => String::new(),
        };
        let _ = writeln!(text, "# {}.\n{} = [{enabled}]", feature.docs, feature.name);
    }
    text.push('\n');
    text
}

/// A path dependency on a crate of the generated workspace, at its exact version; the path is
/// `/`-separated whatever the platform, so the manifest is the same everywhere.
fn member(package: &Package, from: &Place, to: &Place, extra: &str) -> String {
    let (from, to) = (from.folder(), to.folder());
    let up = from.components().map(|_| "..".to_owned());
    let down = to.iter().map(|part| part.to_string_lossy().into_owned());
    let path = up.chain(down).collect::<Vec<_>>().join("/");
    format!(
        "{} = {{ version = {}, path = {}, default-features = false{extra} }}\n",
        package.name,
        toml_string(&format!("={}", package.version)),
        toml_string(&path),
    )
}

/// The manifest of the crate `part`, as TOML text.
pub fn manifest(krate: &Crate, part: Part<'_>) -> String {
    let place = part.place();
    let package = match part {
        Part::Facade => &krate.package,
        Part::Models => &krate.models,
        Part::Requests(requests) => &requests.package,
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
         {}\
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
        features(krate, part),
    );
    match part {
        Part::Facade => {
            text.push_str(&member(&krate.models, &place, &Place::Models, ""));
            for requests in &krate.requests {
                let to = Place::Requests(requests.feature.clone());
                text.push_str(&member(&requests.package, &place, &to, ", optional = true"));
            }
            text.push_str(&runtime(package));
            // The examples module reads and writes the example bodies with serde.
            if krate.examples.is_some() {
                text.push_str("\n[dev-dependencies]\n");
                push_dependencies(&mut text);
            }
        }
        Part::Models => {
            text.push_str(&runtime(package));
            push_dependencies(&mut text);
        }
        Part::Requests(requests) => {
            let features = format!(", features = [{}]", toml_string(&requests.feature));
            text.push_str(&member(&krate.models, &place, &Place::Models, &features));
            text.push_str(&runtime(package));
            push_dependencies(&mut text);
            // The examples in the rustdoc name the crate users name, which re-exports this one.
            text.push_str("\n[dev-dependencies]\n");
            text.push_str(&member(&krate.package, &place, &Place::Facade, &features));
        }
    }
    text
}

/// What generated items name besides the runtime: [`DEPENDENCIES`].
fn push_dependencies(text: &mut String) {
    for (name, requirement) in DEPENDENCIES {
        let _ = writeln!(text, "{name} = {requirement}");
    }
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
