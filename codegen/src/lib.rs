//! Generates a Rust crate for Microsoft Graph from a YAML rendering of its documentation.
//!
//! The stages run one way, each in its own module:
//! [`load`] (YAML → [`spec`] structs) → [`validate`] (references, names, paths) →
//! [`lower`] (→ [`ir`], where every Rust decision is made, the [`features`] that compile each
//! item last) → [`emit`] (IR → formatted files) →
//! [`write`](mod@write) (files → disk, or a drift check against it).
//!
//! ```no_run
//! let files = msgraph_codegen::generate("spec".as_ref())?;
//! let report = msgraph_codegen::write::write("generated".as_ref(), &files)?;
//! println!("{} files written", report.written.len());
//! # Ok::<(), msgraph_codegen::diagnostic::Diagnostics>(())
//! ```

pub mod diagnostic;
pub mod docs;
pub mod emit;
pub mod features;
pub mod import;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod openapi;
/// The runtime's documented permissions and least privilege: the generator and `cargo xtask
/// permissions` compute with the very code generated crates ship.
pub mod permissions {
    pub use msgraph_runtime::{
        Accepted, Grant, LeastPrivilege, PermissionType, Permissions, least_privilege,
    };
}
pub mod primitive;
pub mod spec;
pub mod synth;
pub mod template;
pub mod validate;
pub mod vocabulary;
pub mod write;

use std::path::Path;

use diagnostic::Diagnostics;
use emit::GeneratedFile;

/// Loads `spec_dir` and runs every stage up to the files' contents; nothing is written.
pub fn generate(spec_dir: &Path) -> Result<Vec<GeneratedFile>, Diagnostics> {
    build(&load::load(spec_dir)?)
}

/// Validates a loaded spec, lowers it and emits the files.
pub fn build(spec: &load::Spec) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let symbols = validate::validate(spec)?;
    let krate = lower::lower(spec, &symbols);
    emit::emit(&krate)
}
