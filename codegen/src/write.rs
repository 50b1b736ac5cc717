//! Puts generated files on disk, or compares them with what is there (`--check`).
//!
//! Only files that carry [`GENERATED_MARK`] belong to the generator: it replaces and removes
//! those, and refuses to overwrite any other file.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

use similar::TextDiff;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::emit::{GENERATED_MARK, GeneratedFile};

/// At most this many diff lines are shown per stale file.
const DIFF_LINES: usize = 40;

/// What a write changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or replaced, relative to the output directory.
    pub written: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Generated files the spec no longer produces, now deleted.
    pub removed: Vec<PathBuf>,
}

/// How the output directory differs from what the spec produces.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drift {
    /// Files whose contents differ, each with a short unified diff.
    pub stale: Vec<(PathBuf, String)>,
    /// Files the spec produces that are absent.
    pub missing: Vec<PathBuf>,
    /// Generated files the spec no longer produces.
    pub stray: Vec<PathBuf>,
}

impl Drift {
    /// Whether the output is exactly what the spec produces.
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && self.stray.is_empty()
    }
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (path, diff) in &self.stale {
            writeln!(f, "stale: {}\n{diff}", path.display())?;
        }
        for path in &self.missing {
            writeln!(f, "missing: {}", path.display())?;
        }
        for path in &self.stray {
            writeln!(
                f,
                "stray: {} (the spec no longer produces it)",
                path.display()
            )?;
        }
        Ok(())
    }
}

fn io_error(path: &Path, what: &str, error: &io::Error) -> Diagnostic {
    Diagnostic::new(Location::file(path), format!("cannot {what}: {error}"))
}

/// Compares `out` with `files` without writing anything.
pub fn check(out: &Path, files: &[GeneratedFile]) -> Result<Drift, Diagnostics> {
    let mut drift = Drift::default();
    for file in files {
        match read_existing(&out.join(&file.path))? {
            None => drift.missing.push(file.path.clone()),
            Some(existing) if existing != file.contents => {
                drift.stale.push((
                    file.path.clone(),
                    short_diff(&file.path, &existing, &file.contents),
                ));
            }
            Some(_) => {}
        }
    }
    drift.stray = stray_files(out, files)?;
    Ok(drift)
}

/// Writes `files` into `out`: every new content is staged beside its target first, so a failed
/// write leaves the old files in place; then the staged files replace their targets and
/// generated files the spec no longer produces are removed. Unchanged files are not touched, so
/// their modification times (and cargo's caches) stay valid.
pub fn write(out: &Path, files: &[GeneratedFile]) -> Result<WriteReport, Diagnostics> {
    let mut report = WriteReport::default();
    let mut changed = Vec::new();
    for file in files {
        let target = out.join(&file.path);
        match read_existing(&target)? {
            Some(existing) if existing == file.contents => report.unchanged += 1,
            Some(existing) if !is_generated(&existing) => {
                return Err(Diagnostic::new(
                    Location::file(&target),
                    "refusing to overwrite a file that the generator did not write",
                )
                .with_hint(format!(
                    "move it away, or add the `{GENERATED_MARK}` header if the generator owns it"
                ))
                .into());
            }
            _ => changed.push((file, target)),
        }
    }
    let stray = stray_files(out, files)?;

    let mut staged = Vec::new();
    for (file, target) in &changed {
        let stage = staging_path(target);
        let result = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&stage, &file.contents));
        if let Err(error) = result {
            for (stage, _) in &staged {
                let _ = fs::remove_file(stage);
            }
            let _ = fs::remove_file(&stage);
            return Err(io_error(&stage, "write", &error).into());
        }
        staged.push((stage, target));
    }
    for (stage, target) in staged {
        fs::rename(&stage, target).map_err(|error| io_error(target, "replace", &error))?;
    }
    report.written = changed.iter().map(|(file, _)| file.path.clone()).collect();

    for path in stray {
        let full = out.join(&path);
        fs::remove_file(&full).map_err(|error| io_error(&full, "remove", &error))?;
        report.removed.push(path);
    }
    Ok(report)
}

fn staging_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.codegen-tmp"))
}

fn is_generated(contents: &str) -> bool {
    contents
        .lines()
        .next()
        .is_some_and(|line| line.contains(GENERATED_MARK))
}

/// Whether a file on disk carries the mark, reading no more than its first line.
fn first_line_is_generated(path: &Path) -> Result<bool, Diagnostic> {
    let file = fs::File::open(path).map_err(|error| io_error(path, "read", &error))?;
    let mut first = Vec::new();
    io::BufReader::new(file)
        .take(1024)
        .read_until(b'\n', &mut first)
        .map_err(|error| io_error(path, "read", &error))?;
    Ok(is_generated(&String::from_utf8_lossy(&first)))
}

/// The file's contents, or `None` when it does not exist.
fn read_existing(path: &Path) -> Result<Option<String>, Diagnostic> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(io_error(path, "read", &error)),
    }
}

/// Generated files below `out` (outside `target/`) that `files` does not list, sorted.
fn stray_files(out: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>, Diagnostic> {
    let produced: HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let mut stray = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let dir = out.join(&relative);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(io_error(&dir, "list", &error)),
        };
        for entry in entries {
            let entry = entry.map_err(|error| io_error(&dir, "list", &error))?;
            let path = relative.join(entry.file_name());
            let kind = entry
                .file_type()
                .map_err(|error| io_error(&entry.path(), "inspect", &error))?;
            if kind.is_dir() {
                if entry.file_name() != "target" {
                    pending.push(path);
                }
            } else if kind.is_file()
                && !produced.contains(path.as_path())
                && first_line_is_generated(&entry.path())?
            {
                stray.push(path);
            }
        }
    }
    stray.sort();
    Ok(stray)
}

fn short_diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    let diff = TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(
            &format!("{name} (on disk)"),
            &format!("{name} (from the spec)"),
        )
        .to_string();
    let total = diff.lines().count();
    let mut shown: String = diff
        .lines()
        .take(DIFF_LINES)
        .map(|line| format!("  {line}\n"))
        .collect();
    if total > DIFF_LINES {
        shown.push_str(&format!("  … {} more diff lines\n", total - DIFF_LINES));
    }
    shown
}
