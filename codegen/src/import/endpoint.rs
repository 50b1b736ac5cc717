//! An API page (`doc_type: apiPageType`) → an `endpoint` item.

use serde_saphyr::Spanned;

use crate::spec::{
    Endpoint, Header, Page, Parameter, PathParameter, Permissions, Placement, RequestBody,
    Response, SpecFile, unlocated,
};
use crate::vocabulary::{HttpMethod, NationalCloud, SuccessStatus};

use super::markdown::{Block, Document, Located, PageError, first_link_text, strip_links};
use super::page::{Context, Notes, Parsed, first_table, paragraph, section_table, title};
use super::table::{Table, group_title};

/// Reads an API page.
pub fn parse(
    document: &Document,
    page: Page,
    source: &str,
    context: &Context,
    notes: &mut Notes,
) -> Result<Parsed, PageError> {
    let (title_line, name) =
        title(document).ok_or_else(|| PageError::new(1, "the page has no `# title` heading"))?;
    let summary = match super::page::intro_text(document, context, notes) {
        Some((_, text)) => text,
        None => {
            notes.push((title_line, "no summary paragraph".to_owned()));
            document.front("description").unwrap_or_default().to_owned()
        }
    };
    let national_clouds = national_clouds(document, notes);
    let (method, path, additional_paths) = request_lines(document, notes)?;
    let path_parameters = placeholders(&path, notes);
    let odata_query_parameters = odata_query_parameters(document);
    let headers = headers(document, notes);
    let permissions = permissions(document, notes);
    let (request_body, body_properties) = request_body(document, notes);
    let response = response(document, notes)?;
    let paths: Vec<&str> = std::iter::once(path.as_str())
        .chain(additional_paths.iter().map(String::as_str))
        .collect();
    let examples = super::example::examples(document, method, &paths, &response, notes);

    let clouds_unstated = national_clouds.is_none();
    let endpoint = Endpoint {
        name: unlocated(name),
        summary,
        page,
        method: unlocated(method),
        path: unlocated(path),
        additional_paths,
        odata_query_parameters,
        path_parameters,
        headers,
        permissions,
        national_clouds: national_clouds.unwrap_or_default(),
        request_body,
        response,
        examples,
        overrides: Default::default(),
    };
    Ok(finish(endpoint, body_properties, source, clouds_unstated))
}

/// An API page's item with what placing it needs: the names that may be its entity type and
/// the entity its file name (`.md`, or `.txt` for a rendered page) names.
pub(super) fn finish(
    endpoint: Endpoint,
    body_properties: Option<(String, Vec<String>)>,
    source: &str,
    clouds_unstated: bool,
) -> Parsed {
    let Endpoint {
        name,
        path,
        additional_paths,
        request_body,
        response,
        ..
    } = &endpoint;
    let mut subjects = Vec::new();
    let verb_subject = name
        .value
        .split_once(' ')
        .filter(|(verb, _)| ["Create", "Update", "Get", "Delete", "List"].contains(verb))
        .map(|(verb, rest)| (verb, rest.trim()))
        .filter(|(_, rest)| !rest.is_empty() && !rest.contains(' '));
    if let Some((verb, rest)) = verb_subject {
        if verb == "List" {
            if let Some(ty) = response.ty.as_ref().filter(|_| response.collection) {
                subjects.push(ty.value.clone());
            }
            subjects.push(rest.strip_suffix('s').unwrap_or(rest).to_owned());
            if let Some(singular) = rest.strip_suffix("ies") {
                subjects.push(format!("{singular}y"));
            }
        }
        subjects.push(rest.to_owned());
    }
    if let Some(ty) = request_body.as_ref().and_then(|body| body.ty.as_ref()) {
        subjects.push(ty.value.clone());
    }
    if let Some(ty) = &response.ty {
        subjects.push(ty.value.clone());
    }
    subjects.extend(path_candidates(&path.value));
    for extra in additional_paths {
        subjects.extend(path_candidates(extra));
    }
    let stem_subject = source
        .rsplit('/')
        .next()
        .and_then(|file| {
            file.strip_suffix(".md")
                .or_else(|| file.strip_suffix(".txt"))
        })
        .and_then(|stem| {
            let mut parts = stem.rsplit('-');
            parts.next()?;
            parts.next().map(str::to_ascii_lowercase)
        });
    Parsed {
        file: SpecFile::Endpoint(Box::new(endpoint)),
        body_properties,
        subjects,
        stem_subject,
        clouds_unstated,
    }
}

/// Type-like names in a path: `{thingId}` → `thing`, `things` → `thing`, `thing` as is.
fn path_candidates(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    for segment in path.split('/').rev() {
        if let Some(inner) = segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            if let Some(name) = inner.strip_suffix("Id") {
                out.push(name.to_owned());
            }
        } else if !segment.is_empty() && !segment.contains('.') {
            out.push(segment.to_owned());
            if let Some(singular) = segment.strip_suffix("ies") {
                out.push(format!("{singular}y"));
            }
            if let Some(singular) = segment.strip_suffix('s') {
                out.push(singular.to_owned());
            }
        }
    }
    out
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
    let mut lines = Vec::new();
    for located in blocks {
        if let Block::Code { lines: code, .. } = &located.block {
            for (offset, line) in code.iter().enumerate() {
                let line = line.trim();
                if !line.is_empty() {
                    lines.push((located.line + 1 + offset, line.to_owned()));
                }
            }
        }
    }
    let mut method = None;
    let mut path = None;
    let mut additional = Vec::new();
    for (line, text) in lines {
        let mut words = text.split_whitespace();
        let (Some(verb), Some(target)) = (words.next(), words.next()) else {
            return Err(PageError::new(
                line,
                format!("`{text}` is not a request line"),
            ));
        };
        if !verb.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(PageError::new(
                line,
                format!("`{text}` is not a request line"),
            ));
        }
        let target = relative_path(target);
        if path.is_none() {
            method = Some(http_method(verb, line)?);
            path = Some(target);
        } else {
            additional.push(target);
        }
    }
    match (method, path) {
        (Some(method), Some(path)) => Ok((method, path, additional)),
        _ => Err(PageError::new(
            section_line,
            "the HTTP request section has no request line",
        )),
    }
}

/// The method of an operation's request line; another verb fails the page at `line`.
pub(super) fn http_method(verb: &str, line: usize) -> Result<HttpMethod, PageError> {
    HttpMethod::ALL
        .into_iter()
        .find(|method| method.as_str() == verb)
        .ok_or_else(|| {
            let known: Vec<&str> = HttpMethod::ALL.iter().map(|m| m.as_str()).collect();
            PageError::new(
                line,
                format!(
                    "`{verb}` is not a method an operation can use ({})",
                    known.join(", ")
                ),
            )
        })
}

/// The success status a Response section names; another status fails the page at `line`.
pub(super) fn success_status(code: u16, line: usize) -> Result<SuccessStatus, PageError> {
    SuccessStatus::try_from(code).map_err(|reason| PageError::new(line, reason))
}

/// A request line's target below the version root.
pub fn relative_path(target: &str) -> String {
    target
        .strip_prefix("https://")
        .and_then(|rest| rest.split_once('/'))
        .map_or(target.to_owned(), |(_, rest)| {
            // Drop the version segment too.
            rest.split_once('/')
                .map_or(String::new(), |(_, rest)| format!("/{rest}"))
        })
}

/// `{placeholder}` names of a path, in order, each once.
pub(super) fn placeholders(path: &str, notes: &mut Notes) -> Vec<PathParameter> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let tail = rest.get(open + 1..).unwrap_or("");
        let Some(close) = tail.find('}') else {
            break;
        };
        let name = tail.get(..close).unwrap_or("").to_owned();
        if names.contains(&name) {
            notes.push((
                0,
                format!("placeholder `{{{name}}}` appears twice in the path"),
            ));
        } else {
            names.push(name);
        }
        rest = tail.get(close + 1..).unwrap_or("");
    }
    names
        .into_iter()
        .map(|name| PathParameter {
            name: unlocated(name),
            description: None,
        })
        .collect()
}

fn odata_query_parameters(document: &Document) -> bool {
    document.blocks.iter().any(|located| match &located.block {
        Block::Paragraph(lines) => {
            let text = strip_links(&paragraph(lines)).to_ascii_lowercase();
            text.contains("supports the odata query parameters")
                || (text.contains("supports the") && text.contains("odata query parameter"))
        }
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

/// A Request headers row: the value before "Required"/"Optional", and whether it is required.
pub(super) fn header(name: &str, cell: &str) -> Header {
    let (value, required) = match find_word(cell, "Required") {
        Some(at) => (cell.get(..at).unwrap_or(""), true),
        None => match find_word(cell, "Optional") {
            Some(at) => (cell.get(..at).unwrap_or(""), false),
            None => (cell, false),
        },
    };
    let value = value.trim().trim_end_matches('.').trim();
    Header {
        name: name.to_owned(),
        value: value.to_owned(),
        required,
    }
}

/// Byte offset of `word` as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text.get(..at).and_then(|b| b.chars().last());
        let after = text.get(at + word.len()..).and_then(|a| a.chars().next());
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn permissions(document: &Document, notes: &mut Notes) -> Permissions {
    let mut permissions = Permissions::default();
    let table = match section_table(document, &["Permissions", "Prerequisites"], notes) {
        Some(Ok(table)) => table,
        Some(Err((line, reason))) => {
            notes.push((line, format!("Permissions table unreadable: {reason}")));
            return permissions;
        }
        None => {
            notes.push((0, "no Permissions table; every list left empty".to_owned()));
            return permissions;
        }
    };
    let most_first = table
        .header
        .get(1)
        .is_some_and(|h| h.to_ascii_lowercase().contains("most to least"));
    let mut seen = [false; 3];
    let mut current: Option<usize> = None;
    let mut grouped = false;
    for row in &table.rows {
        let label = row.cell(0);
        let slot = if label.starts_with("Delegated (work or school") {
            Some(0)
        } else if label.starts_with("Delegated (personal") {
            Some(1)
        } else if label == "Application" {
            Some(2)
        } else {
            None
        };
        let scopes_cell = row.cell(1);
        let index = match (slot, group_title(label)) {
            (Some(index), _) => {
                current = Some(index);
                if let Some(flag) = seen.get_mut(index) {
                    *flag = true;
                }
                index
            }
            (None, Some(_)) => {
                grouped = true;
                let Some(index) = current else {
                    notes.push((
                        row.line,
                        format!("permission group `{label}` before any permission type; left out"),
                    ));
                    continue;
                };
                index
            }
            (None, None) => {
                notes.push((
                    row.line,
                    format!("unknown permission type `{label}`; left out"),
                ));
                continue;
            }
        };
        if scopes_cell.is_empty()
            || scopes_cell.eq_ignore_ascii_case("Not supported.")
            || scopes_cell.eq_ignore_ascii_case("Not supported")
        {
            continue;
        }
        let list = match index {
            0 => &mut permissions.delegated_work_or_school,
            1 => &mut permissions.delegated_personal_account,
            _ => &mut permissions.application,
        };
        for scope in scopes_cell.split(',') {
            let scope = scope.trim().to_owned();
            if !scope.is_empty() && !list.contains(&scope) {
                list.push(scope);
            }
        }
    }
    tidy_permissions(
        &mut permissions,
        table.line,
        grouped,
        most_first,
        &seen,
        notes,
    );
    permissions
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
    let lower = description.to_ascii_lowercase();
    if lower.contains("do not supply a request body") {
        return (None, None);
    }
    let in_url = lower.contains("in the request url");
    if in_url || lower.contains("representation of the parameters") {
        let parameters = match first_table(blocks, notes) {
            Some(Ok(table)) => parameter_rows(&table, notes),
            Some(Err((line, reason))) => {
                notes.push((line, format!("parameters table unreadable: {reason}")));
                Vec::new()
            }
            None => Vec::new(),
        };
        let body = RequestBody {
            ty: None,
            description,
            parameters,
            placement: if in_url {
                Placement::Url
            } else {
                Placement::Body
            },
        };
        return (Some(body), None);
    }
    let ty = body_type(&description);
    let Some(ty) = ty else {
        notes.push((
            first_line,
            "cannot tell the request body's type from its first paragraph; left out".to_owned(),
        ));
        return (None, None);
    };
    let names = match first_table(blocks, notes) {
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
    };
    let body = RequestBody {
        ty: Some(unlocated(ty.clone())),
        description,
        parameters: Vec::new(),
        placement: Placement::Body,
    };
    (Some(body), Some((ty, names)))
}

/// "supply a JSON representation for the [x](…) object" → `x`.
pub(super) fn body_type(description: &str) -> Option<String> {
    let at = description.find("JSON representation")?;
    let rest = description.get(at..)?;
    if let Some(link) = first_link_text(rest) {
        return Some(link.trim().to_owned());
    }
    let words: Vec<&str> = rest.split_whitespace().collect();
    let object = words
        .iter()
        .position(|w| w.trim_end_matches('.') == "object")?;
    let name = words.get(object.checked_sub(1)?)?;
    Some(name.trim().to_owned())
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
    let code = status_code(&description).ok_or_else(|| {
        PageError::new(
            text_line,
            "the Response section names no status code such as `200 OK`",
        )
    })?;
    let status = success_status(code, text_line)?;
    let (ty, collection) = if status == SuccessStatus::NoContent {
        (None, false)
    } else {
        match response_type(&description) {
            Some(found) => found,
            None => {
                notes.push((
                    text_line,
                    "cannot tell the response body's type; `type` left out".to_owned(),
                ));
                (None, false)
            }
        }
    };
    Ok(Response {
        status: unlocated(status),
        ty,
        collection,
        description,
    })
}

/// The first `` `NNN …` `` code span's number.
fn status_code(text: &str) -> Option<u16> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .find_map(|span| span.split_whitespace().next()?.parse::<u16>().ok())
        .filter(|code| (100..600).contains(code))
}

/// "… response code and a collection of [x](…) objects …" → `(x, true)`.
pub(super) fn response_type(text: &str) -> Option<(Option<Spanned<String>>, bool)> {
    let at = text.find("response code and")?;
    let mut rest = text.get(at + "response code and".len()..)?.trim_start();
    let mut collection = false;
    loop {
        let before = rest;
        for prefix in ["a collection of ", "collection of "] {
            if let Some(stripped) = rest.strip_prefix(prefix) {
                collection = true;
                rest = stripped;
            }
        }
        for prefix in ["an updated ", "a new ", "an ", "a ", "the ", "updated "] {
            if let Some(stripped) = rest.strip_prefix(prefix) {
                rest = stripped;
            }
        }
        if rest == before {
            break;
        }
    }
    let (name, after) = if rest.starts_with('[') {
        let link = first_link_text(rest)?;
        let close = rest.find("](")?;
        let end = rest.get(close..)?.find(')')? + close + 1;
        (link.to_owned(), rest.get(end..).unwrap_or(""))
    } else {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '_')
            .collect();
        let after = rest.get(word.len()..).unwrap_or("");
        let is_type = super::knowledge::is_primitive(&word)
            || after.trim_start().starts_with("object")
            || after.trim_start().starts_with("collection");
        if word.is_empty() || !is_type {
            return None;
        }
        (word, after)
    };
    if after.trim_start().starts_with("collection") {
        collection = true;
    }
    Some((
        Some(unlocated(strip_links(&name).trim().to_owned())),
        collection,
    ))
}

/// Says what a Permissions table needed (sub-row groups merged, scopes listed most privileged
/// first, rows missing; `seen` says which of the three rows it had) and puts the scopes least
/// privileged first, as the spec format has them.
pub(super) fn tidy_permissions(
    permissions: &mut Permissions,
    line: usize,
    grouped: bool,
    most_first: bool,
    seen: &[bool],
    notes: &mut Notes,
) {
    if grouped {
        notes.push((
            line,
            "the Permissions table groups scopes under sub-rows; the groups were merged \
             (the spec format has one list per permission type)"
                .to_owned(),
        ));
    }
    if most_first {
        for list in [
            &mut permissions.delegated_work_or_school,
            &mut permissions.delegated_personal_account,
            &mut permissions.application,
        ] {
            list.reverse();
        }
        notes.push((
            line,
            "the Permissions table lists scopes from most to least privileged; reversed to \
             least to most"
                .to_owned(),
        ));
    }
    for (index, label) in [
        "Delegated (work or school account)",
        "Delegated (personal Microsoft account)",
        "Application",
    ]
    .iter()
    .enumerate()
    {
        if !seen.get(index).copied().unwrap_or(false) {
            notes.push((
                line,
                format!(
                    "no `{label}` row; written as an empty list, which reads as \"Not supported.\""
                ),
            ));
        }
    }
}
