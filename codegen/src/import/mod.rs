//! The importer: Microsoft Graph documentation pages (published markdown) → spec files.
//!
//! A page may also be given as its plain-text rendering (`*.txt`: the text a reader copies from
//! the published web page, tables without separators, links without targets): its tables are
//! split with the names and types the spec already knows, and what the text cannot say is
//! reported.
//!
//! Each page becomes one file, `<spec_dir>/<resource folder>/<page file stem>.yaml`, holding
//! what the page says and nothing it does not say. What the importer cannot decide or parse is
//! listed in the [`ImportReport`], page by page, and the other pages still import.
//!
//! Each rendering has a front end that only cuts the page into a `page::Page` (title,
//! intro, sections of paragraphs, tables, code blocks and call-outs, every block with its
//! line): `markdown_page` (over the blocks `markdown` cuts and the tables `table` reads) and
//! `rendered` (over the lines `rendered_text` cuts, splitting table rows with `knowledge`).
//! One set of readers then reads any page: `reader` picks one by the page's kind, `parts`
//! reads what every kind shares (call-outs, intro), `type_page` and `api_page` put the spec
//! item together once; `sections` decides what a section's text says (request lines, status
//! and body type, request body, permissions) and `example` pairs the Example section's
//! messages. `resolve` then places the items, and they are written with
//! [`crate::spec::to_yaml`], the spec format's one writer.
//!
//! Re-importing is idempotent and keeps hand edits: an existing file's `overrides:` block is
//! kept verbatim, its `national_clouds` are kept when the page does not state them, its
//! `flags` are kept (pages never state them), and a file already in the spec directory stays
//! where it is.
//!
//! ```no_run
//! use std::path::PathBuf;
//! let pages = [PathBuf::from("graph-docs/beta")];
//! let report = msgraph_codegen::import::import(&pages, "spec".as_ref())?;
//! println!("{report}");
//! # Ok::<(), msgraph_codegen::diagnostic::Diagnostics>(())
//! ```

mod api_page;
mod derived;
mod example;
mod existing;
mod imported;
mod includes;
mod knowledge;
mod lists;
pub mod markdown;
mod markdown_page;
mod namespaces;
mod outline;
mod page;
mod parsed;
mod parts;
mod reader;
mod rendered;
mod rendered_clouds;
mod rendered_examples;
mod rendered_source;
mod rendered_tables;
mod rendered_text;
mod report;
mod resolve;
mod sections;
pub mod table;
mod type_page;

#[cfg(test)]
mod same_page;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::spec::{self, SpecFile, unlocated};

use existing::{Existing, overrides_block};
use imported::Imported;
use parsed::{Context, Notes};
pub use report::{ImportNote, ImportReport};
use resolve::Placed;

/// Pages larger than this are refused; no documentation page comes near it.
const MAX_PAGE_BYTES: u64 = 4 * 1024 * 1024;

/// Imports `pages` (files, or folders searched recursively for `*.md` and rendered `*.txt`
/// pages) into `spec_dir`.
///
/// Hard failures (the spec directory or a page path does not exist, the spec directory cannot
/// be listed) are [`Diagnostics`] and nothing is written. Anything else a page gets wrong is a
/// note in the report, and the page fails alone.
pub fn import(pages: &[PathBuf], spec_dir: &Path) -> Result<ImportReport, Diagnostics> {
    if !spec_dir.is_dir() {
        return Err(Diagnostic::new(
            Location::file(spec_dir),
            "the spec directory does not exist or is not a directory",
        )
        .with_hint("create it, or point at the folder that holds `api.yaml`")
        .into());
    }
    let mut report = ImportReport::default();
    let (includes, files): (Vec<PathBuf>, Vec<PathBuf>) = expand(pages)?
        .into_iter()
        .partition(|path| is_include(path));
    for path in includes {
        report.note(
            path,
            0,
            "an include file (in an `includes` folder), not a page: read where a page includes \
             it; not imported on its own",
        );
    }
    let existing = Existing::read(spec_dir)?;

    let (context, version) = match existing.api() {
        Some((namespace, version, notes)) => (
            Context {
                api_notes: Some(notes),
                namespace: Some(namespace),
            },
            version,
        ),
        None => {
            report.note(
                spec_dir,
                0,
                "no api.yaml that parses in the spec directory: call-outs are all kept as page \
                 notes and the namespace is not checked",
            );
            (Context::default(), String::from("beta"))
        }
    };

    // Markdown pages first: the rendered pages split their tables with what the spec
    // directory and these pages know.
    let (rendered_pages, markdown_pages): (Vec<PathBuf>, Vec<PathBuf>) = files
        .into_iter()
        .partition(|path| rendered::is_rendered(path));
    let mut imported = Vec::new();
    for path in markdown_pages {
        match read_page(&path, &context, &version) {
            Ok(page) => imported.push(page),
            Err(notes) => report.fail(path, notes),
        }
    }
    let knowledge = knowledge::Knowledge::new(
        &existing,
        imported.iter().map(|page| &page.parsed.file),
        context.namespace.as_deref(),
    );
    for path in rendered_pages {
        let page = read_text(&path)
            .and_then(|text| rendered::read(&path, &text, &context, &version, &knowledge));
        match page {
            Ok(page) => imported.push(page),
            Err(notes) => report.fail(path, notes),
        }
    }

    let derived = derived::derive(&imported, &existing);
    imported.extend(derived);
    for entry in resolve::resolve(imported, &existing, spec_dir, &mut report) {
        write_one(entry, &existing, &mut report);
    }
    write_opaque_types(spec_dir, &mut report);
    Ok(report)
}

/// The file listing types the spec references without a page of their own.
const OPAQUE_TYPES_FILE: &str = "opaque-types.yaml";

/// Lists, in [`OPAQUE_TYPES_FILE`], every type the spec's pages reference but do not document,
/// so the generator can hold their values as raw JSON until their pages are imported.
fn write_opaque_types(spec_dir: &Path, report: &mut ImportReport) {
    let path = spec_dir.join(OPAQUE_TYPES_FILE);
    let spec = match crate::load::load(spec_dir) {
        Ok(spec) => spec,
        Err(diagnostics) => {
            report.note(
                &path,
                0,
                format!("not updated: the spec does not load:\n{diagnostics}"),
            );
            return;
        }
    };
    let mut defined: BTreeSet<&str> = spec
        .entities
        .iter()
        .chain(&spec.complex_types)
        .map(|e| e.item.name.value.as_str())
        .collect();
    defined.extend(spec.enums.iter().map(|e| e.item.name.value.as_str()));
    let pages = spec.entities.iter().chain(&spec.complex_types);
    let mut referenced: BTreeSet<&str> = pages
        .flat_map(|e| {
            e.item
                .properties
                .iter()
                .chain(&e.item.relationships)
                .map(|p| p.ty.value.as_str())
                .chain(e.item.base_type.iter().map(|b| b.value.as_str()))
        })
        .collect();
    for endpoint in &spec.endpoints {
        let item = &endpoint.item;
        referenced.extend(item.response.ty.iter().map(|t| t.value.as_str()));
        if let Some(body) = &item.request_body {
            referenced.extend(body.ty.iter().map(|t| t.value.as_str()));
            referenced.extend(body.parameters.iter().map(|p| p.ty.value.as_str()));
        }
    }
    let missing: BTreeSet<&str> = referenced
        .into_iter()
        .map(|ty| crate::vocabulary::TypeRef::parse(ty).name)
        .filter(|name| {
            crate::primitive::Primitive::from_documented(name).is_none() && !defined.contains(name)
        })
        .collect();
    if missing.is_empty() && !path.exists() {
        return;
    }
    let file = SpecFile::OpaqueTypes(
        missing
            .into_iter()
            .map(|name| unlocated(name.to_owned()))
            .collect(),
    );
    let yaml = match spec::to_yaml(&file) {
        Ok(yaml) => yaml,
        Err(error) => {
            report.note(&path, 0, format!("not updated: cannot write it: {error}"));
            return;
        }
    };
    let text = format!(
        "# Types the pages reference without a page of their own in the spec: generated code holds\n\
         # their values as raw JSON. Kept by `cargo xtask import`; do not edit.\n{yaml}"
    );
    if fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
        return;
    }
    if let Err(error) = fs::write(&path, text) {
        report.note(&path, 0, format!("cannot write: {error}"));
    }
}

/// Page files named by `pages`: files as given, folders searched for `*.md` and `*.txt`;
/// sorted, each once.
fn expand(pages: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let mut files = BTreeSet::new();
    for page in pages {
        if page.is_file() {
            files.insert(page.clone());
        } else if page.is_dir() {
            let mut pending = vec![page.clone()];
            while let Some(dir) = pending.pop() {
                let entries = match fs::read_dir(&dir) {
                    Ok(entries) => entries,
                    Err(error) => {
                        diagnostics.push(Diagnostic::new(
                            Location::file(&dir),
                            format!("cannot list the pages folder: {error}"),
                        ));
                        continue;
                    }
                };
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        pending.push(path);
                    } else if path
                        .extension()
                        .is_some_and(|ext| ext == "md" || ext == "txt")
                    {
                        files.insert(path);
                    }
                }
            }
        } else {
            diagnostics.push(
                Diagnostic::new(Location::file(page), "no such page file or folder").with_hint(
                    "pass documentation pages (`*.md`, or rendered `*.txt`) or folders \
                         holding them",
                ),
            );
        }
    }
    diagnostics.into_result(files.into_iter().collect())
}

/// Whether a file is one the documentation includes into pages (`[!INCLUDE [x](../includes/…)]`):
/// DocFX keeps those in an `includes` folder or one of its subfolders (`includes/permissions/`),
/// with an `ms.topic: include` front matter or none.
fn is_include(path: &Path) -> bool {
    path.ancestors()
        .skip(1)
        .take(2)
        .any(|folder| folder.file_name().is_some_and(|name| name == "includes"))
}

/// Reads and parses one markdown page; on failure, the notes that say why.
fn read_page(path: &Path, context: &Context, version: &str) -> Result<Imported, Notes> {
    let text = read_text(path)?;
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file_name
        .strip_suffix(".md")
        .unwrap_or(&file_name)
        .to_owned();
    if stem.is_empty() {
        return Err(vec![(0, "the page has no file name".to_owned())]);
    }

    let mut notes = Notes::new();
    let (source, docs_root) = source_of(path, &file_name, &text, version, &mut notes);
    let folder = path.parent().unwrap_or(Path::new(""));
    let read = |target: &str| read_text(&folder.join(target)).ok();
    let folder_name = folder.file_name().unwrap_or_default().to_string_lossy();
    let parsed = markdown_page::page(&text, &folder_name, &read, &mut notes)
        .and_then(|page| reader::read(&page, &source, context, &mut notes));
    Imported::finish(path, source, docs_root, &stem, parsed, notes)
}

/// A page's text: refused when too large or not UTF-8; on failure, the notes that say why.
fn read_text(path: &Path) -> Result<String, Notes> {
    let size = fs::metadata(path).map_err(|error| vec![(0, format!("cannot read: {error}"))])?;
    if size.len() > MAX_PAGE_BYTES {
        return Err(vec![(
            0,
            format!(
                "the page has {} bytes; pages over {MAX_PAGE_BYTES} are refused",
                size.len()
            ),
        )]);
    }
    let bytes = fs::read(path).map_err(|error| vec![(0, format!("cannot read: {error}"))])?;
    String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let line = error
            .as_bytes()
            .get(..valid)
            .map_or(0, |before| before.iter().filter(|&&b| b == b'\n').count())
            + 1;
        vec![(line, "the page is not valid UTF-8".to_owned())]
    })
}

/// The page's path below the documentation root (`<version>/<api|resources>/<file>`) and that
/// root, from the page's own path when it sits in an `api` or `resources` folder.
fn source_of(
    path: &Path,
    file_name: &str,
    text: &str,
    version: &str,
    notes: &mut Notes,
) -> (String, Option<PathBuf>) {
    let parent = path.parent();
    let folder = parent
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy());
    let version_dir = parent
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy());
    if let (Some(folder), Some(version_dir)) = (
        folder.as_ref().filter(|f| *f == "api" || *f == "resources"),
        &version_dir,
    ) {
        let root = parent.and_then(Path::parent).and_then(Path::parent);
        return (
            format!("{version_dir}/{folder}/{file_name}"),
            root.map(Path::to_path_buf),
        );
    }
    let folder = if text.contains("doc_type: apiPageType") {
        "api"
    } else {
        "resources"
    };
    let source = format!("{version}/{folder}/{file_name}");
    notes.push((
        0,
        format!(
            "the page is not in an `api` or `resources` folder of the documentation; its \
             source is written as `{source}`"
        ),
    ));
    (source, None)
}

/// Writes one item's file unless it already holds the same bytes; keeps its `overrides:`.
fn write_one(entry: Placed, existing: &Existing, report: &mut ImportReport) {
    let Placed {
        page,
        target,
        existing: index,
    } = entry;
    let old = index.and_then(|index| existing.files.get(index));
    for (line, reason) in &page.notes {
        report.note(&page.path, *line, reason.clone());
    }
    if let Some(Err(error)) = old.map(|file| &file.spec) {
        report.fail(
            page.path,
            vec![(
                0,
                format!(
                    "the existing `{}` does not parse ({error}); not overwritten",
                    target.display()
                ),
            )],
        );
        return;
    }
    if let Some(Ok(spec)) = old.map(|file| &file.spec) {
        let same_kind = matches!(
            (&page.parsed.file, spec),
            (
                SpecFile::Entity(_) | SpecFile::ComplexType(_),
                SpecFile::Entity(_) | SpecFile::ComplexType(_)
            ) | (SpecFile::Enum(_), SpecFile::Enum(_))
                | (SpecFile::Endpoint(_), SpecFile::Endpoint(_))
        );
        if !same_kind {
            report.fail(
                page.path,
                vec![(
                    0,
                    format!(
                        "the existing `{}` holds another kind of item; not overwritten",
                        target.display()
                    ),
                )],
            );
            return;
        }
    }
    let mut text = match spec::to_yaml(&page.parsed.file) {
        Ok(text) => text,
        Err(error) => {
            report.fail(
                page.path,
                vec![(0, format!("cannot write the spec file: {error}"))],
            );
            return;
        }
    };
    // The hand-edited block is kept as written, comments included; it is the last key.
    if let Some(block) = old.and_then(|file| overrides_block(&file.text)) {
        text.push_str(&block);
    }
    if old.is_some_and(|file| file.text == text) {
        report.unchanged.push(target);
        report.page_imported(page.path);
        return;
    }
    let written = target
        .parent()
        .map_or(Ok(()), fs::create_dir_all)
        .and_then(|()| fs::write(&target, &text));
    match written {
        Ok(()) => {
            report.written.push(target);
            report.page_imported(page.path);
        }
        Err(error) => {
            report.fail(
                page.path,
                vec![(0, format!("cannot write `{}`: {error}", target.display()))],
            );
        }
    }
}
