//! The hand-written runtime modules, copied into every generated crate.

use std::path::PathBuf;

use super::{GENERATED_MARK, GeneratedFile};
use crate::ir::Package;

/// The crate name the runtime's doc examples are written against.
const TEMPLATE_CRATE: &str = "msgraph_beta::";

/// The runtime sources, kept in `codegen/runtime/` as ordinary formatted Rust.
const MODULES: &[(&str, &str)] = &[
    ("client.rs", include_str!("../../runtime/client.rs")),
    ("cloud.rs", include_str!("../../runtime/cloud.rs")),
    ("date_time.rs", include_str!("../../runtime/date_time.rs")),
    ("decimal.rs", include_str!("../../runtime/decimal.rs")),
    (
        "enumeration.rs",
        include_str!("../../runtime/enumeration.rs"),
    ),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("object.rs", include_str!("../../runtime/object.rs")),
    ("operation.rs", include_str!("../../runtime/operation.rs")),
    ("page.rs", include_str!("../../runtime/page.rs")),
    ("patch.rs", include_str!("../../runtime/patch.rs")),
    ("path.rs", include_str!("../../runtime/path.rs")),
    (
        "permissions.rs",
        include_str!("../../runtime/permissions.rs"),
    ),
    ("primitives.rs", include_str!("../../runtime/primitives.rs")),
    ("properties.rs", include_str!("../../runtime/properties.rs")),
    ("query.rs", include_str!("../../runtime/query.rs")),
    ("token.rs", include_str!("../../runtime/token.rs")),
];

/// `src/runtime/*.rs`, doc examples pointed at the generated crate's own name.
pub fn files(package: &Package) -> impl Iterator<Item = GeneratedFile> {
    let own_crate = format!("{}::", package.lib_name);
    MODULES.iter().map(move |(name, source)| GeneratedFile {
        path: PathBuf::from("src/runtime").join(name),
        contents: format!(
            "// {GENERATED_MARK}: copied from `codegen/runtime/{name}`; edit it there.\n\n{}",
            source.replace(TEMPLATE_CRATE, &own_crate)
        ),
    })
}
