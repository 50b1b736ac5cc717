//! Generates a Rust crate for Microsoft Graph from a YAML rendering of its documentation.
//!
//! The stages run one way, each in its own module:
//! [`load`] (YAML → [`spec`] structs) → [`validate`] (references, names, paths) →
//! [`lower`] (→ [`ir`], where every Rust decision is made, the [`features`] that compile each
//! item last) → [`emit`] (IR → formatted files) →
//! [`write`](mod@write) (files → disk, or a drift check against it).
//!
//! ```no_run
//! // Each file is compared with the disk and staged as soon as it is printed.
//! let writer = msgraph_codegen::write::Writer::new("generated".as_ref());
//! msgraph_codegen::generate_into("spec".as_ref(), &writer)?;
//! let report = writer.finish()?;
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
// The generated crate's runtime module, compiled here too: the generator and
// `cargo xtask permissions` compute least privilege with the very code the crate ships.
#[path = "../runtime/permissions.rs"]
pub mod permissions;
pub mod primitive;
pub mod spec;
pub mod synth;
pub mod template;
pub mod validate;
pub mod vocabulary;
pub mod write;

use std::path::Path;

use diagnostic::Diagnostics;
use emit::{GeneratedFile, Sink};

/// Loads `spec_dir` and runs every stage up to the files' contents; nothing is written.
pub fn generate(spec_dir: &Path) -> Result<Vec<GeneratedFile>, Diagnostics> {
    build(&load::load(spec_dir)?)
}

/// Loads `spec_dir` and hands each file to `sink` as soon as it is printed. The spec is
/// dropped once lowered, before any file is printed.
pub fn generate_into(spec_dir: &Path, sink: &dyn Sink) -> Result<(), Diagnostics> {
    let krate = lowered(&load::load(spec_dir)?)?;
    emit::emit_into(&krate, sink)
}

/// Validates a loaded spec, lowers it and emits the files.
pub fn build(spec: &load::Spec) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let collect = emit::Collect::default();
    build_into(spec, &collect)?;
    Ok(collect.into_files())
}

/// Validates a loaded spec, lowers it and hands each file to `sink` as soon as it is printed.
pub fn build_into(spec: &load::Spec, sink: &dyn Sink) -> Result<(), Diagnostics> {
    emit::emit_into(&lowered(spec)?, sink)
}

/// Validates a loaded spec and lowers it.
fn lowered(spec: &load::Spec) -> Result<ir::Crate, Diagnostics> {
    let symbols = validate::validate(spec)?;
    Ok(lower::lower(spec, &symbols))
}
