//! A [`Page`] → its spec file, whichever rendering it came from: its call-outs are read
//! (`parts`), its kind picks the reader (`type_page`, `api_page`), and its type names are
//! qualified by their namespaces (`namespaces`).

use crate::spec::SpecFile;

use super::api_page;
use super::namespaces;
use super::page::{Page, PageKind};
use super::parsed::{Context, Notes, PageError, Parsed, resource_file};
use super::parts::page_info;
use super::type_page;

/// Reads a page of any kind. `source` is its path below the documentation root.
pub fn read(
    page: &Page,
    source: &str,
    context: &Context,
    notes: &mut Notes,
) -> Result<Parsed, PageError> {
    let info = page_info(page, source, context, notes);
    let mut parsed = match page.kind {
        PageKind::Resource => Parsed::type_page(resource_file(type_page::resource(
            page, info, context, notes,
        )?)),
        PageKind::Enum => Parsed::type_page(SpecFile::Enum(Box::new(type_page::enumeration(
            page, info, context, notes,
        )?))),
        PageKind::Api => api_page::read(page, info, source, context, notes)?,
    };
    namespaces::qualify(page, context, &mut parsed);
    Ok(parsed)
}
