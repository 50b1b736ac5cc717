//! The import report: what was imported and written, and everything the importer could not
//! decide or parse.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// One thing worth a maintainer's look: a page, a line (0 for the whole page) and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ImportNote {
    /// The page (or the spec directory, for notes about the whole run).
    pub page: PathBuf,
    /// 1-based line in the page; 0 when the note concerns the whole page.
    pub line: usize,
    /// What the importer could not decide or parse, and what it did instead.
    pub reason: String,
}

/// What one import run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Pages turned into spec files (written or unchanged).
    pub imported: Vec<PathBuf>,
    /// Pages that could not be imported; each has at least one note saying why.
    pub failed: Vec<PathBuf>,
    /// How many pages were left out for each reason (names in the reason elided).
    pub left_out: BTreeMap<String, usize>,
    /// Spec files written (new or changed).
    pub written: Vec<PathBuf>,
    /// Spec files whose contents were already what the import produced.
    pub unchanged: Vec<PathBuf>,
    /// Everything the importer could not decide or parse, in page order.
    pub notes: Vec<ImportNote>,
}

impl ImportReport {
    /// Records a note.
    pub(crate) fn note(
        &mut self,
        page: impl Into<PathBuf>,
        line: usize,
        reason: impl Into<String>,
    ) {
        self.notes.push(ImportNote {
            page: page.into(),
            line,
            reason: reason.into(),
        });
    }
}

impl ImportReport {
    /// Records a page left out, and why: the last of `notes`, which are all kept as notes.
    pub(crate) fn fail(&mut self, page: PathBuf, notes: Vec<(usize, String)>) {
        let reason = notes.last().map_or("unknown", |(_, reason)| reason);
        *self.left_out.entry(elide_names(reason)).or_default() += 1;
        for (line, reason) in notes {
            self.note(&page, line, reason);
        }
        self.failed.push(page);
    }

    /// Records a page written or unchanged, once: a page that also yields derived items writes
    /// several files, placed one after another (they are sorted by page).
    pub(crate) fn page_imported(&mut self, page: PathBuf) {
        if self.imported.last() != Some(&page) {
            self.imported.push(page);
        }
    }
}

/// A reason with its `code spans` shortened to `…`, so that pages failing alike count together.
fn elide_names(reason: &str) -> String {
    reason
        .split('`')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
        .collect::<Vec<_>>()
        .join("`")
}

impl fmt::Display for ImportNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}", self.page.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        write!(f, "`: {}", self.reason.replace('\n', " "))
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "# Import report")?;
        writeln!(f)?;
        writeln!(
            f,
            "{} pages imported, {} failed; {} files written, {} unchanged.",
            self.imported.len(),
            self.failed.len(),
            self.written.len(),
            self.unchanged.len()
        )?;
        if !self.failed.is_empty() {
            writeln!(f)?;
            writeln!(f, "## Failed pages")?;
            writeln!(f)?;
            for page in &self.failed {
                writeln!(f, "- `{}`", page.display())?;
            }
            writeln!(f)?;
            writeln!(f, "## Left out, by reason")?;
            writeln!(f)?;
            for (reason, count) in &self.left_out {
                writeln!(f, "- {count}: {reason}")?;
            }
        }
        if !self.notes.is_empty() {
            writeln!(f)?;
            writeln!(f, "## Notes ({})", self.notes.len())?;
            writeln!(f)?;
            for note in &self.notes {
                writeln!(f, "- {note}")?;
            }
        }
        Ok(())
    }
}
