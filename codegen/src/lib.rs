//! Generates a Rust crate for Microsoft Graph from a YAML rendering of its documentation.
//!
//! The stages run one way, each in its own module:
//! [`load`] (YAML → [`spec`] structs) → [`validate`] (references, names, paths) →
//! [`lower`] (→ [`ir`], where every Rust decision is made, the [`features`] that compile each
//! item last) → [`emit`] (IR → formatted files) →
//! [`write`](mod@write) (files → disk, or a drift check against it).
//!
//! ```no_run
//! use msgraph_codegen::{generate_into, load, write};
//!
//! // Each file is compared with the disk and staged as soon as it is printed: an operation's
//! // as soon as it is lowered.
//! let writer = write::Writer::new("generated".as_ref());
//! let loaded = load::load_deferred("spec".as_ref())?;
//! generate_into(loaded.spec, loaded.endpoints, &writer, None, |_stage| {})?;
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
    let symbols = validate::validate(spec)?;
    let collect = emit::Collect::default();
    emit::emit_into(&collect, None, |each| lower::lower(spec, &symbols, each))?;
    Ok(collect.into_files())
}

/// The stages of [`generate_into`] after loading, each reported as it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The spec is validated.
    Validated,
    /// The IR is built, and each operation's file printed as its operation was lowered.
    Lowered,
    /// The crate's other files are printed.
    Printed,
}

/// Validates a loaded spec and prints its files into `sink` (through the rerun `cache`, if
/// any), consuming the spec: its `endpoints`, the largest part, are parsed once to be
/// validated and again to be lowered, each dropped as soon as its operation's file is printed
/// (see [`load::Endpoints`]); the rest of the spec is dropped before the other files are
/// printed. `done` hears of each [`Stage`] as it ends.
pub fn generate_into(
    spec: load::Spec,
    endpoints: load::Endpoints,
    sink: &dyn emit::Sink,
    cache: Option<&cache::Cache>,
    mut done: impl FnMut(Stage),
) -> Result<(), Diagnostics> {
    let symbols = validate::validate_apart(&spec, endpoints.parsed())?;
    done(Stage::Validated);
    let printer = emit::Printer::new(sink, cache);
    // Validation parsed every page; reading one again fails only if it changed since.
    let mut unread = None;
    let krate = std::thread::scope(|scope| {
        let parsed = endpoints
            .parsed_ahead(scope)
            .map_while(|endpoint| endpoint.map_err(|problem| unread = Some(problem)).ok());
        printer.lowering(|each| lower::lower_apart(&spec, &symbols, parsed, each))
    });
    if let Some(problem) = unread {
        return Err(problem.into());
    }
    done(Stage::Lowered);
    drop(symbols);
    drop(spec);
    printer.crate_files(&krate);
    printer.finish()?;
    done(Stage::Printed);
    Ok(())
}
