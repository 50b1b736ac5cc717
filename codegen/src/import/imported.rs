//! A page read and parsed, markdown or plain text, before it is placed.

use std::path::{Path, PathBuf};

use super::parsed::PageError;
use super::parsed::{Notes, Parsed};

/// A page read and parsed, before it is placed.
pub struct Imported {
    /// The page file.
    pub path: PathBuf,
    /// Its path below the documentation root, e.g. `beta/api/x.md`.
    pub source: String,
    /// The documentation root, when the page's path ends with `source`.
    pub docs_root: Option<PathBuf>,
    /// `<stem>.yaml`.
    pub file_name: String,
    /// The spec item and what placing it needs.
    pub parsed: Parsed,
    /// Notes gathered so far: `(line, reason)`.
    pub notes: Notes,
}

impl Imported {
    /// The outcome of parsing one page, markdown or rendered: the imported page, or on
    /// failure the notes with the reason added.
    pub fn finish(
        path: &Path,
        source: String,
        docs_root: Option<PathBuf>,
        stem: &str,
        parsed: Result<Parsed, PageError>,
        mut notes: Notes,
    ) -> Result<Self, Notes> {
        match parsed {
            Ok(parsed) => Ok(Self {
                path: path.to_path_buf(),
                source,
                docs_root,
                file_name: format!("{stem}.yaml"),
                parsed,
                notes,
            }),
            // The error comes last: it is why the page is left out.
            Err(error) => {
                notes.sort_by_key(|(line, _)| *line);
                notes.push((error.line, error.reason));
                Err(notes)
            }
        }
    }
}
