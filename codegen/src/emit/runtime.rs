//! The hand-written runtime modules, copied into every generated crate.

use std::path::PathBuf;

use super::{GENERATED_MARK, GeneratedFile};

/// The runtime sources, kept in `codegen/runtime/` as ordinary formatted Rust.
const MODULES: &[(&str, &str)] = &[
    ("cloud.rs", include_str!("../../runtime/cloud.rs")),
    ("date_time.rs", include_str!("../../runtime/date_time.rs")),
    (
        "enumeration.rs",
        include_str!("../../runtime/enumeration.rs"),
    ),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("operation.rs", include_str!("../../runtime/operation.rs")),
    ("patch.rs", include_str!("../../runtime/patch.rs")),
    ("token.rs", include_str!("../../runtime/token.rs")),
];

/// `src/runtime/*.rs`.
pub fn files() -> impl Iterator<Item = GeneratedFile> {
    MODULES.iter().map(|(name, source)| GeneratedFile {
        path: PathBuf::from("src/runtime").join(name),
        contents: format!(
            "// {GENERATED_MARK}: copied from `codegen/runtime/{name}`; edit it there.\n\n{source}"
        ),
    })
}
