//! Generating from a spec by value, dropping each endpoint once lowered and printing its
//! operation's file at once, or with its endpoint pages deferred and read again from disk by
//! each pass, or held parsed between the passes up to a budget (what `cargo xtask codegen`
//! does to bound its memory), prints what generating from it borrowed prints, and refuses what
//! it refuses with the same diagnostics.

use std::path::{Path, PathBuf};

use msgraph_codegen::emit::{Collect, GeneratedFile};
use msgraph_codegen::load::{self, Spec, parse_sources};
use msgraph_codegen::spec::unlocated;
use msgraph_codegen::{build, diagnostic::Diagnostics, generate_into, synth};

fn spec() -> Spec {
    parse_sources(Path::new("spec"), synth::synthesize(40, 3)).unwrap_or_else(|e| panic!("{e}"))
}

fn by_value(mut spec: Spec) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let endpoints = spec.take_endpoints();
    let collect = Collect::default();
    generate_into(spec, endpoints, &collect, None, |_stage| {})?;
    Ok(collect.into_files())
}

/// The synthetic spec written below a new folder, with the folder and its files.
fn on_disk() -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
    let work = tempfile::tempdir().expect("tempdir");
    let dir = work.path().join("spec");
    let sources = synth::synthesize(40, 3);
    synth::write(&dir, &sources).expect("writes the spec");
    let files = sources
        .iter()
        .map(|source| dir.join(source.file.strip_prefix("spec").expect("below spec/")))
        .collect();
    (work, dir, files)
}

/// Generates from `dir` as `cargo xtask codegen` does, the endpoint pages deferred, those
/// within `held` bytes of their text held parsed from loading.
fn deferred(dir: &Path, held: usize) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let mut loaded = load::load_deferred(dir)?;
    loaded.endpoints.hold(held);
    let collect = Collect::default();
    generate_into(loaded.spec, loaded.endpoints, &collect, None, |_stage| {})?;
    Ok(collect.into_files())
}

/// The endpoint pages of `files`, in the order loading takes them.
fn endpoint_pages(files: &[PathBuf]) -> Vec<&Path> {
    let mut pages: Vec<&Path> = files
        .iter()
        .filter(|file| {
            std::fs::read_to_string(file).is_ok_and(|text| text.starts_with("endpoint:"))
        })
        .map(PathBuf::as_path)
        .collect();
    pages.sort();
    pages
}

/// The first endpoint page of `files`.
fn endpoint_page(files: &[PathBuf]) -> &Path {
    endpoint_pages(files)[0]
}

/// Edits the summary of the endpoint page `page`.
fn edit(page: &Path) {
    let text = std::fs::read_to_string(page).expect("reads");
    std::fs::write(page, text.replacen("summary:", "summary: Edited.", 1)).expect("writes");
}

#[test]
fn generating_from_the_spec_by_value_prints_the_same_files() {
    let borrowed = build(&spec()).unwrap_or_else(|e| panic!("{e}"));
    let consumed = by_value(spec()).unwrap_or_else(|e| panic!("{e}"));
    assert!(borrowed.len() > 40, "{} files", borrowed.len());
    assert!(borrowed == consumed, "the two ways of generating differ");
}

#[test]
fn a_bad_endpoint_is_reported_alike_whether_the_spec_is_borrowed_or_consumed() {
    let broken = || {
        let mut spec = spec();
        let last = spec.endpoints.last_mut().expect("the spec has endpoints");
        last.item.response.ty = Some(unlocated("noSuchType".to_owned()));
        spec
    };
    let borrowed = build(&broken()).expect_err("an unknown type is refused");
    let consumed = by_value(broken()).expect_err("an unknown type is refused");
    let message = consumed.to_string();
    assert!(message.contains("unknown type `noSuchType`"), "{message}");
    assert_eq!(borrowed.to_string(), message);
}

#[test]
fn generating_with_the_endpoint_pages_deferred_prints_the_same_files() {
    let (_work, dir, files) = on_disk();
    // A page opening with a directive is parsed on loading instead: it must land in its place.
    let page = endpoint_page(&files);
    let text = std::fs::read_to_string(page).expect("reads");
    std::fs::write(page, format!("%YAML 1.2\n---\n{text}")).expect("writes");
    let eager = build(&load::load(&dir).unwrap_or_else(|e| panic!("{e}")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(eager.len() > 40, "{} files", eager.len());
    for held in [0, load::HELD_TEXT] {
        let deferred = deferred(&dir, held).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            eager == deferred,
            "holding {held} bytes, the two ways differ"
        );
    }
}

#[test]
fn endpoint_pages_held_from_loading_are_not_read_again_and_the_others_are() {
    let (_work, dir, files) = on_disk();
    let pages = endpoint_pages(&files);
    let (first, second) = (pages[0], pages[1]);
    let before = deferred(&dir, 0).unwrap_or_else(|e| panic!("{e}"));
    let generate_after_editing = |page: &Path| {
        let text = std::fs::read(page).expect("reads");
        let mut loaded = load::load_deferred(&dir).unwrap_or_else(|e| panic!("{e}"));
        // Room for the first page's text, not for the second's.
        loaded
            .endpoints
            .hold(std::fs::metadata(first).expect("stat").len() as usize);
        edit(page);
        let collect = Collect::default();
        let generated = generate_into(loaded.spec, loaded.endpoints, &collect, None, |_| {});
        std::fs::write(page, text).expect("restores");
        generated.map(|()| collect.into_files())
    };
    // Held: the output is the one of the page as loaded, and consistent with the fingerprint.
    let held = generate_after_editing(first).unwrap_or_else(|e| panic!("{e}"));
    assert!(held == before, "a held page was read again");
    let refused = generate_after_editing(second).expect_err("a page past the budget is reread");
    let message = refused.to_string();
    assert!(
        message.contains(&second.display().to_string())
            && message.contains("the file changed while the generator was reading the spec"),
        "{message}"
    );
}

#[test]
fn an_endpoint_page_changed_after_loading_is_refused() {
    let (_work, dir, files) = on_disk();
    let loaded = load::load_deferred(&dir).unwrap_or_else(|e| panic!("{e}"));
    let page = endpoint_page(&files);
    edit(page);
    let collect = Collect::default();
    let refused = generate_into(loaded.spec, loaded.endpoints, &collect, None, |_stage| {})
        .expect_err("a page that changed since loading is refused");
    let message = refused.to_string();
    assert!(
        message.contains(&page.display().to_string())
            && message.contains("the file changed while the generator was reading the spec"),
        "{message}"
    );
}

#[test]
fn loading_reports_a_broken_endpoint_page_beside_a_broken_type_page() {
    let (_work, dir, files) = on_disk();
    let endpoint = endpoint_page(&files);
    let text = std::fs::read_to_string(endpoint).expect("reads");
    std::fs::write(endpoint, text.replacen("\n  ", "\n  nonsense: [\n  ", 1)).expect("writes");
    let entity = files
        .iter()
        .find(|file| std::fs::read_to_string(file).is_ok_and(|t| t.starts_with("entity:")))
        .expect("the spec has entity pages");
    let text = std::fs::read_to_string(entity).expect("reads");
    std::fs::write(entity, text.replacen("\n  ", "\n  nonsense: 1\n  ", 1)).expect("writes");
    let message = load::load_deferred(&dir)
        .expect_err("both pages are refused")
        .to_string();
    for file in [endpoint, entity] {
        assert!(
            message.contains(&format!("{}:", file.display())),
            "{message}"
        );
    }
    // Loaded with the type pages right, the endpoint page is reported as validation's first
    // pass parses it, at its line, whether it was to be held or not.
    std::fs::write(entity, &text).expect("writes");
    for held in [0, load::HELD_TEXT] {
        let message = deferred(&dir, held)
            .expect_err("the endpoint page is refused")
            .to_string();
        assert!(
            message.contains(&format!("{}:2:", endpoint.display())),
            "{message}"
        );
    }
}
