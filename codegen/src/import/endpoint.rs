//! The sections of an API page's markdown (`doc_type: apiPageType`), for [`api_page`](super::api_page).

use serde_saphyr::Spanned;

use crate::spec::{Example, Header, Parameter, Permissions, RequestBody, Response, unlocated};
use crate::vocabulary::{HttpMethod, NationalCloud};

use super::api_page::ApiPage;
use super::markdown::{Block, Document, Located, PageError};
use super::page::{MarkdownPage, first_table, intro_text, paragraph, section_table, title};
use super::parsed::Notes;
use super::sections::{
    self, BodyTable, PermissionLabel, PermissionRow, header, says_odata_query_parameters,
};
use super::table::{Table, group_title};

impl ApiPage for MarkdownPage<'_> {
    fn title(&self) -> Result<(usize, String), PageError> {
        title(self.document).ok_or_else(|| PageError::new(1, "the page has no `# title` heading"))
    }

    fn summary(&self, title_line: usize, notes: &mut Notes) -> String {
        match intro_text(self.document, self.context, notes) {
            Some((_, text)) => text,
            None => {
                notes.push((title_line, "no summary paragraph".to_owned()));
                self.document
                    .front("description")
                    .unwrap_or_default()
                    .to_owned()
            }
        }
    }

    fn national_clouds(&self, notes: &mut Notes) -> Option<Vec<Spanned<NationalCloud>>> {
        national_clouds(self.document, notes)
    }

    fn request_lines(
        &self,
        notes: &mut Notes,
    ) -> Result<(HttpMethod, String, Vec<String>), PageError> {
        request_lines(self.document, notes)
    }

    fn odata_query_parameters(&self) -> bool {
        odata_query_parameters(self.document)
    }

    fn headers(&self, notes: &mut Notes) -> Vec<Header> {
        headers(self.document, notes)
    }

    fn permissions(&self, notes: &mut Notes) -> Permissions {
        permissions(self.document, notes)
    }

    fn request_body(
        &self,
        notes: &mut Notes,
    ) -> (Option<RequestBody>, Option<(String, Vec<String>)>) {
        request_body(self.document, notes)
    }

    fn response(&self, notes: &mut Notes) -> Result<Response, PageError> {
        response(self.document, notes)
    }

    fn examples(
        &self,
        method: HttpMethod,
        paths: &[&str],
        response: &Response,
        notes: &mut Notes,
    ) -> Vec<Example> {
        super::example::examples(self.document, method, paths, response, notes)
    }
}

/// National clouds from a `[!INCLUDE [national-cloud-support](…)]` line; `None` when the page
/// has none.
fn national_clouds(document: &Document, notes: &mut Notes) -> Option<Vec<Spanned<NationalCloud>>> {
    for located in &document.blocks {
        let Block::Include { name, target } = &located.block else {
            continue;
        };
        if !name.eq_ignore_ascii_case("national-cloud-support") {
            if !name.eq_ignore_ascii_case("beta-disclaimer") {
                notes.push((located.line, format!("include `{name}` ({target}) ignored")));
            }
            continue;
        }
        let file = target.rsplit('/').next().unwrap_or(target);
        match file {
            "all-clouds.md" => return Some(NationalCloud::ALL.map(unlocated).into()),
            "global-only.md" => return Some(vec![unlocated(NationalCloud::Global)]),
            _ => notes.push((
                located.line,
                format!(
                    "national-cloud include `{target}` is not one the importer knows \
                     (all-clouds.md, global-only.md); national clouds not taken from it"
                ),
            )),
        }
    }
    None
}

/// The HTTP request section: method and path of the first line, paths of the others.
fn request_lines(
    document: &Document,
    notes: &mut Notes,
) -> Result<(HttpMethod, String, Vec<String>), PageError> {
    let (section_line, blocks) = document
        .section(&["HTTP request", "HTTP requests"])
        .ok_or_else(|| PageError::new(0, "no `## HTTP Request` section"))?;
    let captions: Vec<String> = blocks
        .iter()
        .filter_map(|located| match &located.block {
            Block::Paragraph(lines) => {
                group_title(&paragraph(lines)).map(|title| format!("`{title}`"))
            }
            _ => None,
        })
        .collect();
    if !captions.is_empty() {
        notes.push((
            section_line,
            format!(
                "the request lines are grouped under captions ({}); the format keeps no \
                 captions: the first line is `path`, the others `additional_paths`",
                captions.join(", ")
            ),
        ));
    }
    let lines = blocks.iter().flat_map(|located| match &located.block {
        Block::Code { lines: code, .. } => code
            .iter()
            .enumerate()
            .map(|(offset, line)| (located.line + 1 + offset, line.trim()))
            .filter(|(_, line)| !line.is_empty())
            .collect(),
        _ => Vec::new(),
    });
    sections::request_lines(section_line, lines, notes)
}

fn odata_query_parameters(document: &Document) -> bool {
    document.blocks.iter().any(|located| match &located.block {
        Block::Paragraph(lines) => says_odata_query_parameters(&paragraph(lines)),
        _ => false,
    })
}

fn headers(document: &Document, notes: &mut Notes) -> Vec<Header> {
    let table = match section_table(document, &["Request headers"], notes) {
        Some(Ok(table)) => table,
        Some(Err((line, reason))) => {
            notes.push((line, format!("Request headers table unreadable: {reason}")));
            return Vec::new();
        }
        None => {
            notes.push((0, "no Request headers table".to_owned()));
            return Vec::new();
        }
    };
    table
        .rows
        .iter()
        .filter(|row| !row.cell(0).is_empty())
        .map(|row| header(row.cell(0), row.cell(1)))
        .collect()
}

fn permissions(document: &Document, notes: &mut Notes) -> Permissions {
    let table = match section_table(document, &["Permissions", "Prerequisites"], notes) {
        Some(Ok(table)) => table,
        Some(Err((line, reason))) => {
            notes.push((line, format!("Permissions table unreadable: {reason}")));
            return Permissions::default();
        }
        None => {
            notes.push((0, "no Permissions table; every list left empty".to_owned()));
            return Permissions::default();
        }
    };
    let most_first = table
        .header
        .get(1)
        .is_some_and(|h| h.to_ascii_lowercase().contains("most to least"));
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let label = row.cell(0);
            let kind = if label.starts_with("Delegated (work or school") {
                PermissionLabel::Type(0)
            } else if label.starts_with("Delegated (personal") {
                PermissionLabel::Type(1)
            } else if label == "Application" {
                PermissionLabel::Type(2)
            } else if group_title(label).is_some() {
                PermissionLabel::Group
            } else {
                PermissionLabel::Unknown
            };
            let cell = row.cell(1);
            let supported = !(cell.eq_ignore_ascii_case("Not supported.")
                || cell.eq_ignore_ascii_case("Not supported"));
            PermissionRow {
                line: row.line,
                label: label.to_owned(),
                kind,
                scopes: if supported {
                    cell.split(',')
                        .map(|scope| scope.trim().to_owned())
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    sections::permissions(rows, table.line, most_first, notes)
}

/// The request body section; and for create/update pages, the body type and the property
/// names of its table.
fn request_body(
    document: &Document,
    notes: &mut Notes,
) -> (Option<RequestBody>, Option<(String, Vec<String>)>) {
    let Some((line, blocks)) = document.section(&["Request body"]) else {
        notes.push((
            0,
            "no Request body section; request body left out".to_owned(),
        ));
        return (None, None);
    };
    let Some((first_line, description)) = blocks.iter().find_map(|located| match &located.block {
        Block::Paragraph(lines) => Some((located.line, paragraph(lines))),
        _ => None,
    }) else {
        notes.push((
            line,
            "the Request body section has no text; left out".to_owned(),
        ));
        return (None, None);
    };
    sections::request_body(description, first_line, MarkdownBodyTable(blocks), notes)
}

/// The Request body section's blocks, whose first table is read when the body needs it.
struct MarkdownBodyTable<'b>(&'b [Located]);

impl BodyTable for MarkdownBodyTable<'_> {
    fn parameters(self, notes: &mut Notes) -> Vec<Parameter> {
        match first_table(self.0, notes) {
            Some(Ok(table)) => parameter_rows(&table, notes),
            Some(Err((line, reason))) => {
                notes.push((line, format!("parameters table unreadable: {reason}")));
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    fn property_names(self, _ty: &str, notes: &mut Notes) -> Vec<String> {
        match first_table(self.0, notes) {
            Some(Ok(table)) => table
                .rows
                .iter()
                .map(|row| row.cell(0).to_owned())
                .filter(|name| !name.is_empty())
                .collect(),
            Some(Err((line, reason))) => {
                notes.push((line, format!("request body table unreadable: {reason}")));
                Vec::new()
            }
            None => Vec::new(),
        }
    }
}

fn parameter_rows(table: &Table, notes: &mut Notes) -> Vec<Parameter> {
    super::page::property_rows(table, "parameters", notes)
        .into_iter()
        .map(|row| Parameter {
            name: row.name,
            ty: row.ty,
            description: row.description,
        })
        .collect()
}

fn response(document: &Document, notes: &mut Notes) -> Result<Response, PageError> {
    let (line, blocks) = document
        .section(&["Response"])
        .ok_or_else(|| PageError::new(0, "no `## Response` section"))?;
    let (text_line, description) = blocks
        .iter()
        .find_map(|located: &Located| match &located.block {
            Block::Paragraph(lines) => Some((located.line, paragraph(lines))),
            _ => None,
        })
        .ok_or_else(|| PageError::new(line, "the Response section has no text"))?;
    sections::response(description, text_line, notes)
}
