//! Generates a Rust crate for Microsoft Graph from a YAML rendering of its documentation.
//!
//! The stages run one way, each in its own module:
//! [`load`] (YAML → [`spec`] structs) → [`validate`] (references, names, paths) →
//! [`lower`] (→ [`ir`], where every Rust decision is made, the [`features`] that compile each
//! item last) → [`emit`] (IR → formatted files) →
//! [`write`](mod@write) (files → disk, or a drift check against it).
//!
//! ```no_run
//! use msgraph_codegen::{emit, load, lowered_from, write};
//!
//! let krate = lowered_from(load::load("spec".as_ref())?)?;
//! // Each file is compared with the disk and staged as soon as it is printed.
//! let writer = write::Writer::new("generated".as_ref());
//! emit::emit_into(&krate, &writer, None)?;
//! let report = writer.finish()?;
//! println!("{} files written", report.written.len());
//! # Ok::<(), msgraph_codegen::diagnostic::Diagnostics>(())
//! ```

pub mod cache;
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
    let collect = emit::Collect::default();
    emit::emit_into(&lowered(spec)?, &collect, None)?;
    Ok(collect.into_files())
}

/// Validates a loaded spec and lowers it: the IR owns everything it needs, so the spec can be
/// dropped before printing.
pub fn lowered(spec: &load::Spec) -> Result<ir::Crate, Diagnostics> {
    let symbols = validate::validate(spec)?;
    Ok(lower::lower(spec, &symbols))
}

/// [`lowered`], consuming the spec: each endpoint, the spec's largest part, is dropped as soon
/// as it is lowered, and the rest once the IR is built.
pub fn lowered_from(mut spec: load::Spec) -> Result<ir::Crate, Diagnostics> {
    let endpoints = spec.take_endpoints();
    let symbols = validate::validate_apart(&spec, &endpoints)?;
    Ok(lower::lower_apart(&spec, &symbols, endpoints))
}
