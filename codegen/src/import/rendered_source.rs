//! Where a plain-text page comes from: the markdown page it renders, when the text names it,
//! else the spec file it updates, else the rendered file itself.

use std::path::{Path, PathBuf};

use super::knowledge::Knowledge;
use super::parsed::Notes;
use super::rendered_text::Text;

/// The page's `page.source`, the documentation root, and the stem its spec file is named after.
///
/// The source is the markdown page when the text names it (its path, or its published address
/// `…/graph/api/[resources/]<name>?view=graph-rest-<version>`); else the source of the spec
/// file the page updates, kept as other unstated values are; else the rendered file's own path
/// below the documentation root. The last two leave a note.
pub(super) fn source_of(
    path: &Path,
    file_name: &str,
    stem: &str,
    text: &Text,
    version: &str,
    knowledge: &Knowledge,
    notes: &mut Notes,
) -> (String, Option<PathBuf>, String) {
    let parent = path.parent();
    let folder = parent
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy().into_owned());
    let grandparent = parent.and_then(Path::parent);
    let (root, own) = match folder.as_deref() {
        Some(folder @ ("api" | "resources")) => {
            let version_dir = grandparent
                .and_then(Path::file_name)
                .map_or_else(|| version.to_owned(), |n| n.to_string_lossy().into_owned());
            (
                grandparent.and_then(Path::parent),
                format!("{version_dir}/{folder}/{file_name}"),
            )
        }
        Some(folder) => (grandparent, format!("{folder}/{file_name}")),
        None => (None, file_name.to_owned()),
    };
    let root = root.map(Path::to_path_buf);
    if let Some((line, named)) = named_markdown(text, version) {
        let named_stem = named
            .rsplit('/')
            .next()
            .and_then(|file| file.strip_suffix(".md"))
            .unwrap_or(stem)
            .to_owned();
        if named_stem != stem {
            notes.push((
                line,
                format!(
                    "the text names its markdown page `{named}`, whose name is not the file's: \
                     the spec file is named after the page"
                ),
            ));
        }
        return (named, root, named_stem);
    }
    if let Some(kept) = knowledge.source(stem) {
        notes.push((
            0,
            format!(
                "the text does not name its markdown page; kept `page.source: {kept}` of the \
                 spec's `{stem}.yaml`"
            ),
        ));
        return (kept.to_owned(), root, stem.to_owned());
    }
    let beside = root.as_ref().and_then(|root| {
        ["api", "resources"].iter().find_map(|folder| {
            let candidate = format!("{version}/{folder}/{stem}.md");
            root.join(&candidate).is_file().then_some(candidate)
        })
    });
    let hint = match beside {
        Some(markdown) => format!(
            "; the markdown page `{markdown}` has the same name: if it is the page rendered, \
             set `page.source` to it by hand"
        ),
        None => String::new(),
    };
    notes.push((
        0,
        format!(
            "the text does not name its markdown page, so `page.source` is the rendered file \
             `{own}`{hint}"
        ),
    ));
    (own, root, stem.to_owned())
}

/// The markdown page the text names, `<version>/<api|resources>/<name>.md`, and its line.
fn named_markdown(text: &Text, version: &str) -> Option<(usize, String)> {
    for (index, line) in text.lines.iter().enumerate() {
        for word in line.split_whitespace() {
            let word = word
                .trim_matches(|c: char| "()[]<>\"'`".contains(c))
                .trim_end_matches(['.', ',', ';', ':']);
            if let Some(found) = markdown_path(word, version).or_else(|| published(word, version)) {
                return Some((index + 1, found));
            }
        }
    }
    None
}

/// `…/<version>/<api|resources>/<name>.md` → `<version>/<folder>/<name>.md`.
fn markdown_path(word: &str, version: &str) -> Option<String> {
    let segments: Vec<&str> = word.split('/').collect();
    let [.., v, folder, file] = segments.as_slice() else {
        return None;
    };
    let ok = *v == version
        && matches!(*folder, "api" | "resources")
        && file.strip_suffix(".md").is_some_and(|s| !s.is_empty());
    ok.then(|| format!("{v}/{folder}/{file}"))
}

/// `https://learn.microsoft.com/…/graph/api/[resources/]<name>?view=graph-rest-<version>` →
/// `<version>/<api|resources>/<name>.md`.
fn published(word: &str, version: &str) -> Option<String> {
    let (address, query) = word.split_once('?')?;
    let view = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("view=graph-rest-"))?;
    if view != version {
        return None;
    }
    let rest = address.split_once("/graph/api/")?.1;
    let (folder, name) = match rest.strip_prefix("resources/") {
        Some(name) => ("resources", name),
        None => ("api", rest),
    };
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '-'))
        .then(|| format!("{version}/{folder}/{name}.md"))
}
