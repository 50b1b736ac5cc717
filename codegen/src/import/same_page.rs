//! The page available in both renderings gives the same `Page` and the same endpoint from
//! either front end, where the rendering carries the same facts.
//!
//! The pages come from the folder named by `MSGRAPH_DOCS_DIR` (default
//! `<workspace>/../shared/graph-docs`): `beta/api/<page>.md` and `rendered/<page>.txt`.
//! Without them the tests print a notice and pass.

use std::path::{Path, PathBuf};

use crate::spec::{Endpoint, SpecFile};

use super::existing::Existing;
use super::knowledge::Knowledge;
use super::markdown::strip_links;
use super::page::{Block, Page, first_table};
use super::parsed::{Context, Notes, Parsed};
use super::rendered_text::Text;
use super::{markdown_page, reader, rendered};

const PAGE: &str = "intune-deviceconfig-managedalldevicecertificatestate-update";

/// The sections both renderings have, each under the names either gives it.
const SECTIONS: &[&[&str]] = &[
    &["Permissions", "Prerequisites"],
    &["HTTP request"],
    &["Request headers"],
    &["Request body"],
    &["Response"],
    &["Example"],
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the codegen crate sits in the workspace")
        .to_path_buf()
}

/// The markdown and plain-text renderings of [`PAGE`], or `None` with a notice.
fn renderings() -> Option<(String, String)> {
    let dir = std::env::var_os("MSGRAPH_DOCS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/graph-docs"));
    let markdown = std::fs::read_to_string(dir.join(format!("beta/api/{PAGE}.md")));
    let text = std::fs::read_to_string(dir.join(format!("rendered/{PAGE}.txt")));
    match (markdown, text) {
        (Ok(markdown), Ok(text)) => Some((markdown, text)),
        _ => {
            println!(
                "notice: skipped: no {PAGE} in both renderings in {} (set MSGRAPH_DOCS_DIR)",
                dir.display()
            );
            None
        }
    }
}

/// Both renderings as pages; the plain text's tables split with what the checked-in spec
/// knows.
fn pages(markdown: &str, text: &str) -> (Page, Page) {
    let existing = Existing::read(&workspace().join("spec")).expect("the checked-in spec");
    let knowledge = Knowledge::new(&existing, [], Some("microsoft.graph"));
    let markdown =
        markdown_page::page(markdown, "", &|_| None, &mut Notes::new()).expect("the markdown page");
    let plain = rendered::page(&Text::new(text), &knowledge, &mut Notes::new())
        .expect("the plain-text page");
    (markdown, plain)
}

/// A section's table rows, cells with links reduced to their text.
fn rows(page: &Page, names: &[&str]) -> Vec<Vec<String>> {
    let section = page.section(names).expect("the section");
    let Some(Ok(table)) = first_table(&section.blocks, &mut Notes::new()) else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .map(|row| row.cells.iter().map(|cell| strip_links(cell)).collect())
        .collect()
}

fn read(page: &Page) -> Parsed {
    reader::read(
        page,
        "beta/api/x.md",
        &Context::default(),
        &mut Notes::new(),
    )
    .expect("read")
}

fn endpoint(parsed: &Parsed) -> &Endpoint {
    match &parsed.file {
        SpecFile::Endpoint(endpoint) => endpoint,
        other => panic!("not an endpoint: {other:?}"),
    }
}

#[test]
fn both_renderings_give_the_same_title_sections_and_table_rows() {
    let Some((markdown, text)) = renderings() else {
        return;
    };
    let (markdown, plain) = pages(&markdown, &text);
    assert_eq!(markdown.kind, plain.kind);
    assert_eq!(
        markdown.title.as_ref().map(|(_, title)| title),
        plain.title.as_ref().map(|(_, title)| title)
    );
    for names in SECTIONS {
        assert!(markdown.section(names).is_some(), "markdown: no {names:?}");
        assert!(plain.section(names).is_some(), "plain text: no {names:?}");
    }
    let permissions = SECTIONS[0];
    assert_eq!(rows(&markdown, permissions), rows(&plain, permissions));
    let names = |page: &Page, section: &[&str], columns: usize| -> Vec<Vec<String>> {
        rows(page, section)
            .into_iter()
            .map(|row| row.into_iter().take(columns).collect())
            .collect()
    };
    // Header values and descriptions are worded differently on the web page.
    assert_eq!(
        names(&markdown, &["Request headers"], 1),
        names(&plain, &["Request headers"], 1)
    );
    assert_eq!(
        names(&markdown, &["Request body"], 2),
        names(&plain, &["Request body"], 2)
    );
    let code = |page: &Page, section: &[&str]| -> Vec<Vec<String>> {
        page.section(section)
            .expect("the section")
            .blocks
            .iter()
            .filter_map(|located| match &located.block {
                Block::Code(code) => Some(code.lines.iter().map(|l| l.trim().to_owned()).collect()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        code(&markdown, &["HTTP request"]),
        code(&plain, &["HTTP request"])
    );
}

#[test]
fn both_renderings_give_the_same_endpoint_facts() {
    let Some((markdown, text)) = renderings() else {
        return;
    };
    let (markdown, plain) = pages(&markdown, &text);
    let (markdown_parsed, text_parsed) = (read(&markdown), read(&plain));
    let (from_markdown, from_text) = (endpoint(&markdown_parsed), endpoint(&text_parsed));
    assert_eq!(from_markdown.name.value, from_text.name.value);
    assert_eq!(from_markdown.method.value, from_text.method.value);
    assert_eq!(from_markdown.path.value, from_text.path.value);
    assert_eq!(from_markdown.additional_paths, from_text.additional_paths);
    let placeholders = |endpoint: &Endpoint| -> Vec<String> {
        endpoint
            .path_parameters
            .iter()
            .map(|parameter| parameter.name.value.clone())
            .collect()
    };
    assert_eq!(placeholders(from_markdown), placeholders(from_text));
    assert_eq!(
        format!("{:?}", from_markdown.permissions),
        format!("{:?}", from_text.permissions)
    );
    let header_names = |endpoint: &Endpoint| -> Vec<(String, bool)> {
        endpoint
            .headers
            .iter()
            .map(|header| (header.name.clone(), header.required))
            .collect()
    };
    assert_eq!(header_names(from_markdown), header_names(from_text));
    let body_type = |endpoint: &Endpoint| {
        endpoint
            .request_body
            .as_ref()
            .and_then(|body| body.ty.as_ref().map(|ty| ty.value.clone()))
    };
    assert_eq!(body_type(from_markdown), body_type(from_text));
    let body_rows = |parsed: &Parsed| {
        parsed.body_properties.as_ref().map(|(ty, rows)| {
            let names: Vec<&str> = rows.iter().map(|row| row.name.value.as_str()).collect();
            (ty.clone(), names.join(","))
        })
    };
    assert_eq!(body_rows(&markdown_parsed), body_rows(&text_parsed));
    assert_eq!(from_markdown.response.status, from_text.response.status);
    assert_eq!(from_markdown.response.ty, from_text.response.ty);
    assert_eq!(
        from_markdown.response.collection,
        from_text.response.collection
    );
    assert_eq!(from_markdown.examples.len(), from_text.examples.len());
    for (a, b) in from_markdown.examples.iter().zip(&from_text.examples) {
        assert_eq!(a.request.method, b.request.method);
        assert_eq!(a.request.body, b.request.body);
        assert_eq!(a.response.status, b.response.status);
        assert_eq!(a.response.body, b.response.body);
    }
}
