//! An API [`Page`] → an `endpoint`: the sections are read in one order and the endpoint is put
//! together once; `sections` decides what a section's text says, `example` reads the examples.

use std::collections::BTreeMap;

use serde_saphyr::Spanned;

use crate::spec::{
    Endpoint, Example, Header, Page as PageInfo, Parameter, Permissions, Property, QueryParameter,
    RequestBody, Response, unlocated,
};
use crate::vocabulary::{BodyContent, HttpMethod, NationalCloud};

use super::example;
use super::includes;
use super::outline;
use super::page::{Block, Found, Page, Section, first_table, paragraphs, table_in};
use super::parsed::{Context, Notes, PageError, Parsed};
use super::parts::{intro, plain_note};
use super::sections::{
    self, BodyShape, PermissionLabel, PermissionRow, header, placeholders,
    says_odata_query_parameters,
};
use super::table::group_title;
use super::type_page::property_rows;

/// The headings of the sections that hold the request lines.
pub const REQUEST_SECTIONS: &[&str] = &["HTTP request", "HTTP requests"];

/// Reads an API page into its `endpoint` and what placing it needs. `source` is the page's
/// path below the documentation root.
pub fn read(
    page: &Page,
    info: PageInfo,
    source: &str,
    context: &Context,
    notes: &mut Notes,
) -> Result<Parsed, PageError> {
    let page = &*outline::mended(page, notes);
    let (title_line, name) = page
        .title
        .clone()
        .ok_or_else(|| PageError::new(1, "the page has no `# title` heading"))?;
    let summary = match intro(page, context, notes).text(page, "summary", notes) {
        Some(text) => text,
        None => {
            notes.push((title_line, "no summary paragraph".to_owned()));
            page.description.clone().unwrap_or_default()
        }
    };
    let national_clouds = national_clouds(page, notes);
    let (method, path, additional_paths) = request_lines(page, notes)?;
    let path_parameters = placeholders(&path);
    let odata_query_parameters = page.blocks().any(|located| {
        matches!(&located.block, Block::Paragraph(text) if says_odata_query_parameters(text))
    });
    let query_parameters = query_parameters(page, notes);
    let headers = headers(page, notes);
    let permissions = permissions(page, notes);
    let (mut request_body, body_properties) = request_body(page, &name, method, notes);
    let sends_body = request_body
        .as_ref()
        .is_some_and(|body| body.placement == crate::spec::Placement::Body);
    if sends_body && !method.has_body() {
        notes.push((
            0,
            format!(
                "the request line says {method}, which carries no body, but the Request body \
                 section describes one; request body left out"
            ),
        ));
        request_body = None;
    }
    let response = response(page, context, notes)?;
    let paths: Vec<&str> = std::iter::once(path.as_str())
        .chain(additional_paths.iter().map(String::as_str))
        .collect();
    let examples = example::examples(page, method, &paths, &response, notes);
    if let Some(body) = request_body.as_mut() {
        cased_as_examples(&mut body.parameters, &examples, notes);
    }

    let clouds_unstated = national_clouds.is_none();
    let endpoint = Endpoint {
        name: unlocated(name),
        summary,
        page: info,
        method: unlocated(method),
        path: unlocated(path),
        additional_paths,
        odata_query_parameters,
        query_parameters,
        path_parameters,
        headers,
        permissions,
        national_clouds,
        request_body,
        response,
        examples,
        overrides: Default::default(),
    };
    Ok(Parsed::endpoint(
        endpoint,
        body_properties,
        source,
        clouds_unstated,
    ))
}

/// Parameters tables often capitalise a name (`SaveToSentItems`) that the example bodies, as
/// the service reads them, write camelCase: a name takes the casing most example bodies write,
/// when that is another.
fn cased_as_examples(parameters: &mut [Parameter], examples: &[Example], notes: &mut Notes) {
    let mut members: BTreeMap<String, usize> = BTreeMap::new();
    for example in examples {
        let body = example.request.body.as_ref();
        if let Some(serde_json::Value::Object(object)) =
            body.and_then(|body| serde_json::from_str(&body.value).ok())
        {
            for (member, _) in object {
                *members.entry(member).or_default() += 1;
            }
        }
    }
    for parameter in parameters {
        let name = &parameter.name.value;
        let written = members
            .iter()
            .filter(|(member, _)| member.eq_ignore_ascii_case(name))
            .max_by_key(|(member, count)| (**count, *member == name))
            .map(|(member, _)| member);
        if let Some(member) = written.filter(|member| *member != name) {
            notes.push((
                0,
                format!(
                    "parameter `{name}` is written `{member}` in most example bodies; named as \
                     they write it"
                ),
            ));
            parameter.name.value = member.clone();
        }
    }
}

/// National clouds from a `[!INCLUDE [national-cloud-support](…)]` line or a rendered
/// availability table; `None` when the page has neither.
fn national_clouds(page: &Page, notes: &mut Notes) -> Option<Vec<Spanned<NationalCloud>>> {
    for located in page.blocks() {
        let (name, target) = match &located.block {
            Block::Clouds(clouds) => return Some(clouds.clone()),
            Block::Include { name, target } => (name, target),
            _ => continue,
        };
        if !name.eq_ignore_ascii_case("national-cloud-support") {
            if !includes::stays(name, target) {
                notes.push((
                    located.line,
                    format!("include `{name}` ({target}) cannot be read beside the page; left out"),
                ));
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

/// The HTTP request sections: method and path of the first line, paths of the others. A page
/// may split its request lines under several headings (`HTTP request (to replace an existing
/// item)`, `HTTP request (to upload a new file)`): they are read in page order, as the lines of
/// one section.
fn request_lines(
    page: &Page,
    notes: &mut Notes,
) -> Result<(HttpMethod, String, Vec<String>), PageError> {
    let sections: Vec<&Section> = page.sections_named(REQUEST_SECTIONS).collect();
    let first = sections
        .first()
        .ok_or_else(|| PageError::new(0, "no `## HTTP Request` section"))?;
    if sections.len() > 1 {
        let headings: Vec<String> = sections
            .iter()
            .map(|section| format!("`{}`", section.heading))
            .collect();
        notes.push((
            first.line,
            format!(
                "the request lines are under {} headings ({}); read as one operation's, in page \
                 order",
                sections.len(),
                headings.join(", ")
            ),
        ));
    }
    let blocks = || sections.iter().flat_map(|section| &section.blocks);
    let captions: Vec<String> = blocks()
        .filter_map(|located| match &located.block {
            Block::Paragraph(text) => group_title(text).map(|title| format!("`{title}`")),
            _ => None,
        })
        .collect();
    if !captions.is_empty() {
        notes.push((
            first.line,
            format!(
                "the request lines are grouped under captions ({}); the format keeps no \
                 captions: the first line is `path`, the others `additional_paths`",
                captions.join(", ")
            ),
        ));
    }
    let lines = blocks().flat_map(|located| match &located.block {
        Block::Code(code) => code
            .lines
            .iter()
            .enumerate()
            .map(|(offset, line)| (code.first_line + offset, line.trim()))
            .filter(|(_, line)| !line.is_empty())
            .collect(),
        _ => Vec::new(),
    });
    sections::request_lines(first.line, lines, notes)
}

/// The Query parameters section's own parameters: the rows of its tables that have a Type
/// column (a table of OData system options has none), in page order, each name once.
fn query_parameters(page: &Page, notes: &mut Notes) -> Vec<QueryParameter> {
    let Some(section) = page.section(&[
        "Query parameters",
        "Optional query parameters",
        "Required query parameters",
    ]) else {
        return Vec::new();
    };
    let mut required = section.heading.to_ascii_lowercase().starts_with("required");
    let mut parameters: Vec<QueryParameter> = Vec::new();
    for located in &section.blocks {
        let table = match &located.block {
            Block::Paragraph(text) => {
                required |= sections::says_required_parameters(text);
                continue;
            }
            Block::Table(Ok(table)) => table,
            Block::Table(Err(error)) => {
                notes.push((
                    error.line,
                    format!("query parameters table unreadable: {}", error.reason),
                ));
                continue;
            }
            _ => continue,
        };
        let column = |name: &str| {
            table
                .header
                .iter()
                .position(|cell| cell.eq_ignore_ascii_case(name))
        };
        let (Some(ty), Some(description)) = (column("Type"), column("Description")) else {
            continue;
        };
        notes.extend(table.notes.iter().cloned());
        for row in &table.rows {
            let cells = [row.cell(0), row.cell(ty), row.cell(description)];
            let Some(parameter) = sections::query_parameter(cells, required, row.line, notes)
            else {
                continue;
            };
            if parameters
                .iter()
                .any(|p| p.name.value == parameter.name.value)
            {
                notes.push((
                    row.line,
                    format!(
                        "query parameter `{}` is listed twice; the first row kept",
                        parameter.name.value
                    ),
                ));
            } else {
                parameters.push(parameter);
            }
        }
    }
    parameters
}

fn headers(page: &Page, notes: &mut Notes) -> Vec<Header> {
    let found = page
        .section(&["Request headers"])
        .map_or(Found::Missing, |section| {
            table_in(&section.blocks, "Request headers", notes)
        });
    let table = match found {
        Found::Table(table) => table,
        Found::Unreadable => return Vec::new(),
        Found::Missing => {
            notes.push((0, "no Request headers table".to_owned()));
            return Vec::new();
        }
    };
    // Tables of three columns put the value under "Value", or, after a "Type" column, at the
    // start of the description (`Prefer | string | odata.maxpagesize={x}. Optional.`).
    let column = |name: &str| {
        table
            .header
            .iter()
            .position(|cell| cell.eq_ignore_ascii_case(name))
    };
    let value = match (column("Value"), column("Type"), column("Description")) {
        (Some(value), _, _) | (None, Some(_), Some(value)) => value,
        _ => 1,
    };
    table
        .rows
        .iter()
        .filter(|row| !row.cell(0).is_empty())
        .map(|row| header(row.cell(0), row.cell(value)))
        .collect()
}

fn permissions(page: &Page, notes: &mut Notes) -> Permissions {
    let found = page
        .section(&["Permissions", "Prerequisites"])
        .map_or(Found::Missing, |section| {
            table_in(&section.blocks, "Permissions", notes)
        });
    let table = match found {
        Found::Table(table) => table,
        Found::Unreadable => return Permissions::default(),
        Found::Missing => {
            notes.push((0, "no Permissions table; every list left empty".to_owned()));
            return Permissions::default();
        }
    };
    // Some pages list permissions per resource, the permission types as columns
    // (`| Supported resource | Delegated (work or school account) | … |`): which row applies
    // depends on the request's body, which the format cannot say.
    if table
        .header
        .get(1)
        .is_some_and(|h| h.starts_with("Delegated (work or school"))
    {
        notes.push((
            table.line,
            format!(
                "the Permissions table lists permissions per `{}` ({} rows), the permission \
                 types as columns: the permissions depend on the request's body, which the \
                 format cannot say; every list left empty",
                table.header.first().map_or("", String::as_str),
                table.rows.len()
            ),
        ));
        return Permissions::default();
    }
    let most_first = table
        .header
        .get(1)
        .is_some_and(|h| h.to_ascii_lowercase().contains("most to least"));
    // Current pages split each list: `Least privileged permissions | Higher privileged
    // permissions`, the second `Not available.` when there are none.
    let higher = table
        .header
        .get(2)
        .is_some_and(|h| h.to_ascii_lowercase().starts_with("higher privileged"));
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
                    let mut scopes = sections::cell_scopes(cell, row.line, notes);
                    let more = row.cell(2);
                    if higher && !more.to_ascii_lowercase().starts_with("not available") {
                        scopes.extend(sections::cell_scopes(more, row.line, notes));
                    }
                    scopes
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    sections::permissions(rows, table.line, most_first, notes)
}

/// The Request body section; and for create/update pages, the body type and the rows of its
/// table.
fn request_body(
    page: &Page,
    title: &str,
    method: HttpMethod,
    notes: &mut Notes,
) -> (Option<RequestBody>, Option<(String, Vec<Property>)>) {
    let Some(section) = page.section(&["Request body"]) else {
        notes.push((
            0,
            "no Request body section; request body left out".to_owned(),
        ));
        return (None, None);
    };
    let (line, description, shape) = match paragraphs(&section.blocks).next() {
        Some((line, description)) => {
            let shape = sections::body_shape(description);
            if page.is_plain() && shape != BodyShape::None {
                plain_note(notes, line, "the request body's description");
            }
            (line, description.to_owned(), shape)
        }
        None => match bare_table(section, method, notes) {
            Some((line, shape)) => (line, String::new(), shape),
            None => {
                notes.push((
                    section.line,
                    "the Request body section has no text; left out".to_owned(),
                ));
                return (None, None);
            }
        },
    };
    match shape {
        BodyShape::None => (None, None),
        BodyShape::Parameters(placement) => {
            let parameters = match first_table(&section.blocks, notes) {
                Some(Ok(table)) => property_rows(page, table, "parameters", notes)
                    .into_iter()
                    .map(|row| Parameter {
                        name: row.name,
                        ty: row.ty,
                        description: row.description,
                    })
                    .collect(),
                Some(Err(error)) => {
                    notes.push((
                        error.line,
                        format!("parameters table unreadable: {}", error.reason),
                    ));
                    Vec::new()
                }
                None => Vec::new(),
            };
            if parameters.is_empty() {
                notes.push((
                    line,
                    "the request body is said to hold parameters, but no parameter row can be \
                     read; request body left out"
                        .to_owned(),
                ));
                return (None, None);
            }
            let body = RequestBody {
                ty: None,
                description,
                parameters,
                placement,
                content: BodyContent::Json,
            };
            (Some(body), None)
        }
        BodyShape::Updated => {
            // "Update x": the properties to change are x's.
            let updated = title
                .strip_prefix("Update ")
                .map(str::trim)
                .filter(|ty| !ty.is_empty() && !ty.contains(' '));
            let Some(ty) = updated else {
                notes.push((
                    line,
                    "the request body holds the fields to update, but the title (`Update x`) \
                     does not name their type; left out"
                        .to_owned(),
                ));
                return (None, None);
            };
            typed_body(page, section, ty.to_owned(), description, notes)
        }
        BodyShape::Wrapped(ty) => {
            let body = RequestBody {
                ty: None,
                description: description.clone(),
                parameters: vec![Parameter {
                    name: unlocated(ty.clone()),
                    ty: unlocated(ty),
                    description,
                }],
                placement: crate::spec::Placement::Body,
                content: BodyContent::Json,
            };
            (Some(body), None)
        }
        BodyShape::Typed(ty) => typed_body(page, section, ty, description, notes),
        BodyShape::Content(content) => {
            let body = RequestBody {
                ty: None,
                description,
                parameters: Vec::new(),
                placement: crate::spec::Placement::Body,
                content,
            };
            (Some(body), None)
        }
        BodyShape::Unknown => {
            notes.push((
                line,
                "cannot tell the request body's type from its first paragraph; left out".to_owned(),
            ));
            (None, None)
        }
    }
}

/// What a Request body section's table lists when no sentence introduces it, told by its
/// header (`Parameter | Type | Description`), and the table's line: an action's parameters (a
/// function's, in the URL, for a `GET`). A table of properties is an update's, or, on another
/// method, read as the parameters with a note, as no sentence says of what they are.
fn bare_table(
    section: &Section,
    method: HttpMethod,
    notes: &mut Notes,
) -> Option<(usize, BodyShape)> {
    let table = section
        .blocks
        .iter()
        .find_map(|located| match &located.block {
            Block::Table(Ok(table)) => Some(table),
            _ => None,
        })?;
    let placement = if method == HttpMethod::Get {
        crate::spec::Placement::Url
    } else {
        crate::spec::Placement::Body
    };
    let shape = match sections::table_lists(&table.header)? {
        sections::Listed::Parameters => BodyShape::Parameters(placement),
        sections::Listed::Properties if method == HttpMethod::Patch => BodyShape::Updated,
        sections::Listed::Properties => {
            notes.push((
                table.line,
                format!(
                    "the Request body section is a table of properties (`{}`) with no sentence \
                     saying of what; read as the parameters of the {method} request",
                    table.header.join(" | ")
                ),
            ));
            BodyShape::Parameters(placement)
        }
    };
    Some((table.line, shape))
}

/// A body of the documented type `ty`, with the rows of the section's table (for the
/// entity's `create` flags).
fn typed_body(
    page: &Page,
    section: &Section,
    ty: String,
    description: String,
    notes: &mut Notes,
) -> (Option<RequestBody>, Option<(String, Vec<Property>)>) {
    let rows = match table_in(&section.blocks, "request body", notes) {
        Found::Table(table) => property_rows(page, table, "request body", notes),
        Found::Unreadable | Found::Missing => Vec::new(),
    };
    let body = RequestBody {
        ty: Some(unlocated(ty.clone())),
        description,
        parameters: Vec::new(),
        placement: crate::spec::Placement::Body,
        content: BodyContent::Json,
    };
    (Some(body), Some((ty, rows)))
}

fn response(page: &Page, context: &Context, notes: &mut Notes) -> Result<Response, PageError> {
    let section = page.section(&["Response"]);
    if section.is_none() {
        notes.push((0, "no `## Response` section".to_owned()));
    }
    let prose = section.and_then(|section| {
        let first = paragraphs(&section.blocks).next();
        if first.is_none() {
            notes.push((section.line, "the Response section has no text".to_owned()));
        }
        first.map(|(line, text)| (line, text.to_owned()))
    });
    let examples: Vec<sections::ExampleAnswer> = page
        .blocks()
        .filter_map(|located| match &located.block {
            Block::Code(code) => sections::ExampleAnswer::read(code.first_line, &code.lines),
            _ => None,
        })
        .collect();
    if page.is_plain()
        && let Some((line, _)) = &prose
    {
        plain_note(notes, *line, "the response's description");
    }
    let namespace = context.namespace.as_deref().unwrap_or("microsoft.graph");
    let annotated = page.blocks().find_map(|located| match &located.block {
        Block::Comment(text) => sections::Annotated::read(located.line, text, namespace),
        _ => None,
    });
    sections::response(prose, &examples, annotated, notes)
}
