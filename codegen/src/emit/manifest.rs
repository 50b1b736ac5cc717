//! `Cargo.toml` of the generated crate.

use std::fmt::Write as _;

use super::GENERATED_MARK;
use crate::ir::Crate;

/// What generated code and the runtime need, with the fewest features that serve.
const DEPENDENCIES: &[(&str, &str)] = &[
    ("http", r#""1""#),
    ("percent-encoding", r#""2""#),
    ("serde", r#"{ version = "1", features = ["derive"] }"#),
    ("serde_json", r#""1""#),
    ("serde_path_to_error", r#""0.1""#),
    (
        "time",
        r#"{ version = "0.3", default-features = false, features = ["std", "parsing"] }"#,
    ),
];

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
         rust-version = \"1.85\"\n\
         license = \"MIT OR Apache-2.0\"\n\
         keywords = [\"microsoft-graph\", \"msgraph\", \"intune\", \"graph-api\"]\n\
         categories = [\"api-bindings\"]\n\
         \n\
         [dependencies]\n",
        toml_string(&package.name),
        toml_string(&package.version),
        toml_string(&package.description),
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
