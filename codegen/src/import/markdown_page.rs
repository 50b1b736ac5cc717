//! A markdown page → its spec file: the front matter's `doc_type` says which reader reads it.

use super::api_page;
use super::markdown::{Document, PageError};
use super::page::{MarkdownPage, page_info};
use super::parsed::{Context, Notes, Parsed, resource_file};
use super::type_page;
use crate::spec::SpecFile;

/// The kinds of page, from the front matter's `doc_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `resourcePageType`
    Resource,
    /// `enumPageType`
    Enum,
    /// `apiPageType`
    Api,
}

/// Reads a page of any kind. `source` is its path below the documentation root.
pub fn parse(
    text: &str,
    source: &str,
    context: &Context,
    notes: &mut Notes,
) -> Result<Parsed, PageError> {
    let document = Document::parse(text)?;
    let kind = match document.front("doc_type") {
        Some("resourcePageType") => PageKind::Resource,
        Some("enumPageType") => PageKind::Enum,
        Some("apiPageType") => PageKind::Api,
        Some(other) => {
            return Err(PageError::new(
                front_line(text, "doc_type"),
                format!(
                    "unknown `doc_type: {other}`; expected resourcePageType, enumPageType or \
                     apiPageType"
                ),
            ));
        }
        None => {
            return Err(PageError::new(
                1,
                "the front matter has no `doc_type`, so the page kind is unknown",
            ));
        }
    };
    let page = page_info(&document, source, context, notes);
    let markdown = MarkdownPage {
        document: &document,
        context,
    };
    match kind {
        PageKind::Resource => Ok(Parsed::type_page(resource_file(type_page::resource(
            &markdown, page, notes,
        )?))),
        PageKind::Enum => Ok(Parsed::type_page(SpecFile::Enum(Box::new(
            type_page::enumeration(&markdown, page, notes)?,
        )))),
        PageKind::Api => api_page::read(&markdown, page, source, notes),
    }
}

/// The 1-based line of a front matter key, or 1.
fn front_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| line.trim_start().starts_with(key))
        .map_or(1, |index| index + 1)
}
