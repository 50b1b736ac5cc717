//! Reading a written output folder back, for the tests that compare what was written.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Every entry below `dir`, by path relative to `dir`: a file with its contents, a folder with
/// `None`.
fn entries(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut entries = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in fs::read_dir(&current).expect("list") {
            let path = entry.expect("entry").path();
            let relative = path.strip_prefix(dir).expect("below").to_path_buf();
            if path.is_dir() {
                entries.insert(relative, None);
                pending.push(path);
            } else {
                entries.insert(relative, Some(fs::read(&path).expect("read")));
            }
        }
    }
    entries
}

/// Every file below `dir` with its contents, by path relative to `dir`.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    entries(dir)
        .into_iter()
        .filter_map(|(path, contents)| Some((path, contents?)))
        .collect()
}

/// Every folder below `dir`, empty ones too, by path relative to `dir`, sorted.
pub fn folders(dir: &Path) -> Vec<PathBuf> {
    entries(dir)
        .into_iter()
        .filter_map(|(path, contents)| contents.is_none().then_some(path))
        .collect()
}
