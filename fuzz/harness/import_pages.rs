//! Imports documentation pages into an empty spec and generates what was written: the check
//! the `import` fuzz target runs on every input, and `tests/tests/import_mutations.rs` runs in
//! CI over mutated real pages. Both include this file, so they cannot drift apart.
//!
//! The import may note, skip or fail any page; what it must never do is panic, or write a
//! spec that does not load, validate and generate.

use std::fs;
use std::path::Path;

/// The input format: up to this many pages, separated by the byte 0x00.
pub const MAX_PAGES: usize = 8;

/// What one input came to.
pub struct Outcome {
    /// Pages turned into spec files.
    pub imported: usize,
    /// Pages that failed alone, each with located notes saying why.
    pub failed: usize,
    /// Files the generator wrote from the imported spec.
    pub generated: usize,
}

/// Writes `data`'s pages (markdown when they open with front matter, else plain-text
/// renderings) beside an empty spec holding `api_yaml`, imports them, then loads, validates and
/// generates the spec. Panics, naming the input's pages, when the import writes a spec the
/// generator refuses.
pub fn import_pages(api_yaml: &str, data: &[u8]) -> Outcome {
    let work = tempfile::tempdir().expect("a temporary folder");
    let spec = work.path().join("spec");
    fs::create_dir_all(&spec).expect("the spec folder");
    fs::write(spec.join("api.yaml"), api_yaml).expect("api.yaml");
    let mut pages = Vec::new();
    for (i, bytes) in data.splitn(MAX_PAGES, |&b| b == 0).enumerate() {
        let markdown = bytes.starts_with(b"---");
        let folder = if contains(bytes, b"apiPageType") {
            "api"
        } else {
            "resources"
        };
        let extension = if markdown { "md" } else { "txt" };
        let dir = work.path().join("beta").join(folder);
        fs::create_dir_all(&dir).expect("the pages folder");
        let page = dir.join(format!("page{i}.{extension}"));
        fs::write(&page, bytes).expect("a page");
        pages.push(page);
    }
    let report = msgraph_codegen::import::import(&pages, &spec)
        .unwrap_or_else(|diagnostics| panic!("the import refused its own folders:\n{diagnostics}"));
    let loaded = msgraph_codegen::load::load(&spec)
        .unwrap_or_else(|diagnostics| fail(&spec, "does not load", &diagnostics));
    let files = msgraph_codegen::build(&loaded)
        .unwrap_or_else(|diagnostics| fail(&spec, "is refused by the generator", &diagnostics));
    Outcome {
        imported: report.imported.len(),
        failed: report.failed.len(),
        generated: files.len(),
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

fn fail(spec: &Path, what: &str, diagnostics: &dyn std::fmt::Display) -> ! {
    let mut written = String::new();
    for entry in walk(spec) {
        let text = fs::read_to_string(&entry).unwrap_or_default();
        written.push_str(&format!("--- {}\n{text}\n", entry.display()));
    }
    panic!("the imported spec {what}:\n{diagnostics}\n\nwritten:\n{written}")
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}
