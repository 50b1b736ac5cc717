//! What the spec directory already holds: file locations, parsed items, `api.yaml`'s notes,
//! and the hand-edited `overrides:` blocks the importer keeps.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location};
use crate::spec::{Note, SpecFile};

/// One `*.yaml` file below the spec directory.
#[derive(Debug)]
pub struct ExistingFile {
    /// Its path.
    pub path: PathBuf,
    /// Its text (empty when unreadable).
    pub text: String,
    /// The parsed item, or why it does not parse.
    pub spec: Result<SpecFile, String>,
}

impl ExistingFile {
    /// The folder it sits in, relative to the spec directory (`""` for the root).
    pub fn folder(&self, root: &Path) -> String {
        self.path
            .parent()
            .and_then(|parent| parent.strip_prefix(root).ok())
            .map(|relative| relative.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default()
    }
}

/// The spec directory's files, sorted by path.
#[derive(Debug, Default)]
pub struct Existing {
    /// Every `*.yaml` file, sorted by path.
    pub files: Vec<ExistingFile>,
}

impl Existing {
    /// Reads every `*.yaml` file below `root`.
    pub fn read(root: &Path) -> Result<Self, Diagnostic> {
        let mut paths = Vec::new();
        let mut pending = vec![root.to_path_buf()];
        while let Some(dir) = pending.pop() {
            let entries = fs::read_dir(&dir).map_err(|error| {
                Diagnostic::new(
                    Location::file(&dir),
                    format!("cannot read the spec directory: {error}"),
                )
            })?;
            for entry in entries {
                let path = entry
                    .map_err(|error| {
                        Diagnostic::new(Location::file(&dir), format!("cannot list: {error}"))
                    })?
                    .path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|ext| ext == "yaml") {
                    paths.push(path);
                }
            }
        }
        paths.sort();
        let files = paths
            .into_iter()
            .map(|path| {
                let read = fs::metadata(&path)
                    .map_err(|error| error.to_string())
                    .and_then(|meta| {
                        if meta.len() > crate::load::MAX_FILE_BYTES {
                            Err(format!("the file has {} bytes", meta.len()))
                        } else {
                            fs::read_to_string(&path).map_err(|error| error.to_string())
                        }
                    });
                match read {
                    Ok(text) => {
                        let spec = serde_saphyr::from_str::<SpecFile>(&text)
                            .map_err(|error| error.to_string());
                        ExistingFile { path, text, spec }
                    }
                    Err(error) => ExistingFile {
                        path,
                        text: String::new(),
                        spec: Err(error),
                    },
                }
            })
            .collect();
        Ok(Self { files })
    }

    /// `api.yaml`'s namespace, version and notes, when there is one that parses.
    pub fn api(&self) -> Option<(String, String, Vec<Note>)> {
        self.files.iter().find_map(|file| match &file.spec {
            Ok(SpecFile::Api(api)) => Some((
                api.namespace.value.clone(),
                api.version.value.clone(),
                api.notes.clone(),
            )),
            _ => None,
        })
    }
}

/// The `overrides:` block of a page file (the line `  overrides:` and the lines indented
/// below it), verbatim, or `None`.
pub fn overrides_block(text: &str) -> Option<String> {
    let mut lines = text.lines();
    let mut block = String::new();
    for line in lines.by_ref() {
        if line.starts_with("  overrides:") {
            block.push_str(line);
            block.push('\n');
            break;
        }
    }
    if block.is_empty() {
        return None;
    }
    let mut pending_blank = String::new();
    for line in lines {
        if line.trim().is_empty() {
            pending_blank.push_str(line);
            pending_blank.push('\n');
        } else if line.starts_with("   ") {
            block.push_str(&pending_blank);
            pending_blank.clear();
            block.push_str(line);
            block.push('\n');
        } else {
            break;
        }
    }
    Some(block)
}
