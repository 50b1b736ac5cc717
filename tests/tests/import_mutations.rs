//! The importer over real documentation pages, damaged the ways published pages are: lines
//! lost, repeated, swapped, broken in two or borrowed from another page, stray table and code
//! characters, pages cut short. Whatever the damage, the import must not panic, and every spec
//! it writes must load, validate and generate: a page defect is a note in the report, never a
//! spec the generator refuses. The `import` fuzz target runs the same check
//! (`fuzz/harness/import_pages.rs`) without a bound; this test runs a deterministic batch of
//! it on every change. Skipped, with a notice, when the documentation folder is absent.

#[path = "../../fuzz/harness/import_pages.rs"]
mod import_pages;

use std::cell::Cell;
use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};

/// How many inputs the batch tries.
const CASES: u32 = 800;

/// One way a published page goes wrong.
#[derive(Clone, Debug)]
enum Damage {
    /// Lines lost (a cut in an edit).
    Delete { at: Index, lines: usize },
    /// A line written twice.
    Repeat { at: Index },
    /// Two lines out of order.
    Swap { a: Index, b: Index },
    /// A line broken in two (a table row continued on the next line).
    Break { at: Index, column: Index },
    /// A line of another page pasted in.
    Borrow { from: Index, line: Index, at: Index },
    /// A stray character where markup expects another.
    Stray { at: Index, column: Index, ch: char },
    /// The page cut short.
    Truncate { at: Index },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<Index>(), 1..8usize).prop_map(|(at, lines)| Damage::Delete { at, lines }),
        any::<Index>().prop_map(|at| Damage::Repeat { at }),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Damage::Swap { a, b }),
        (any::<Index>(), any::<Index>()).prop_map(|(at, column)| Damage::Break { at, column }),
        (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(from, line, at)| Damage::Borrow { from, line, at }),
        (
            any::<Index>(),
            any::<Index>(),
            prop::sample::select(vec![
                '|', '`', '{', '}', '*', '#', '<', '\\', '"', '\t', ' '
            ])
        )
            .prop_map(|(at, column, ch)| Damage::Stray { at, column, ch }),
        any::<Index>().prop_map(|at| Damage::Truncate { at }),
    ]
}

fn apply(page: &str, damage: &Damage, seeds: &[String]) -> String {
    let mut lines: Vec<String> = page.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return String::new();
    }
    match damage {
        Damage::Delete { at, lines: n } => {
            let start = at.index(lines.len());
            let end = (start + n).min(lines.len());
            lines.drain(start..end);
        }
        Damage::Repeat { at } => {
            let i = at.index(lines.len());
            lines.insert(i, lines[i].clone());
        }
        Damage::Swap { a, b } => {
            let (a, b) = (a.index(lines.len()), b.index(lines.len()));
            lines.swap(a, b);
        }
        Damage::Break { at, column } => {
            let i = at.index(lines.len());
            let split = char_boundary(&lines[i], column);
            let rest = lines[i].split_off(split);
            lines.insert(i + 1, rest);
        }
        Damage::Borrow { from, line, at } => {
            let other: Vec<&str> = seeds[from.index(seeds.len())].lines().collect();
            if !other.is_empty() {
                let borrowed = other[line.index(other.len())].to_owned();
                lines.insert(at.index(lines.len() + 1), borrowed);
            }
        }
        Damage::Stray { at, column, ch } => {
            let i = at.index(lines.len());
            let split = char_boundary(&lines[i], column);
            lines[i].insert(split, *ch);
        }
        Damage::Truncate { at } => lines.truncate(at.index(lines.len())),
    }
    lines.join("\n")
}

/// A character boundary of `line` chosen by `column`.
fn char_boundary(line: &str, column: &Index) -> usize {
    let boundaries: Vec<usize> = line
        .char_indices()
        .map(|(i, _)| i)
        .chain([line.len()])
        .collect();
    boundaries[column.index(boundaries.len())]
}

/// Every page of `dir` with one of `extensions`, sorted.
fn pages_in(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| extensions.iter().any(|wanted| ext == *wanted))
        })
        .collect();
    pages.sort();
    pages
}

/// Seed pages: the sample pages and the plain-text renderings whole, and an even spread of the
/// 2021 Intune reference (resource and API pages).
fn seeds(docs: &Path) -> Vec<String> {
    let mut paths = Vec::new();
    for folder in ["beta/api", "beta/resources"] {
        paths.extend(pages_in(&docs.join(folder), &["md"]));
    }
    paths.extend(pages_in(&docs.join("rendered"), &["txt"]));
    for folder in ["intune-2021/beta/api", "intune-2021/beta/resources"] {
        paths.extend(
            pages_in(&docs.join(folder), &["md"])
                .into_iter()
                .step_by(53),
        );
    }
    paths
        .iter()
        .map(|path| fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

#[test]
fn damaged_pages_import_into_a_spec_that_generates() {
    let Some(docs) = msgraph_tests::graph_docs_dir() else {
        return;
    };
    let seeds = seeds(&docs);
    assert!(seeds.len() > 100, "{} seed pages", seeds.len());
    let api_yaml =
        fs::read_to_string(msgraph_tests::spec_dir().join("api.yaml")).expect("api.yaml");
    let input = (
        prop::collection::vec(any::<Index>(), 1..=3),
        prop::collection::vec((0..3usize, damage()), 0..6),
    );
    let config = Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(
        config,
        proptest::test_runner::TestRng::deterministic_rng(Config::default().rng_algorithm),
    );
    let (imported, failed, generated) = (Cell::new(0), Cell::new(0), Cell::new(0));
    runner
        .run(&input, |(chosen, damages)| {
            let mut pages: Vec<String> = chosen
                .iter()
                .map(|index| seeds[index.index(seeds.len())].clone())
                .collect();
            for (page, damage) in &damages {
                let count = pages.len();
                let page = &mut pages[page % count];
                *page = apply(page, damage, &seeds);
            }
            let data = pages.join("\0");
            let outcome = import_pages::import_pages(&api_yaml, data.as_bytes());
            imported.set(imported.get() + outcome.imported);
            failed.set(failed.get() + outcome.failed);
            generated.set(generated.get() + outcome.generated);
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
    let (imported, failed, generated) = (imported.get(), failed.get(), generated.get());
    println!(
        "{CASES} damaged inputs: {imported} pages imported, {failed} failed with notes, \
         {generated} files generated"
    );
    // The damage must leave most pages readable, or the batch would test only refusals.
    assert!(imported > failed, "{imported} imported, {failed} failed");
}
