//! What an API page's sections say, read from their text: request lines, headers rows, the
//! request body's and response's sentences, permissions. The page readers and the plain-text
//! front end (which splits the Request body table by the body's type) both ask these.

use serde_saphyr::Spanned;

use crate::primitive::Primitive;
use crate::spec::{
    Header, Member, PathParameter, Permissions, Placement, Property, QueryParameter, Response,
    unlocated,
};
use crate::vocabulary::{
    BodyContent, HttpMethod, SuccessStatus, is_permission_name, is_system_query_option,
};

use super::knowledge::{clip, first_word, is_primitive};
use super::markdown::{first_link_text, strip_links};
use super::parsed::Notes;
use super::parsed::PageError;

/// The method of an operation's request line; another verb fails the page at `line`.
pub fn http_method(verb: &str, line: usize) -> Result<HttpMethod, PageError> {
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
fn success_status(code: u16, line: usize) -> Result<SuccessStatus, PageError> {
    SuccessStatus::try_from(code).map_err(|reason| PageError::new(line, reason))
}

/// The first `NNN Reason` status of a text (`200 OK`, `204 No Content`), code marks or not.
fn status_code(text: &str) -> Option<u16> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|word| word.trim_matches(|c: char| c == '`' || c == '*'))
        .collect();
    words.windows(2).find_map(|pair| {
        let [code, reason] = pair else {
            return None;
        };
        let code = code
            .parse::<u16>()
            .ok()
            .filter(|c| (100..600).contains(c))?;
        reason
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then_some(code)
    })
}

/// `METHOD /path` or `METHOD https://…`: the method and the target, whichever rendering the
/// line comes from.
pub fn request_line(line: &str) -> Option<(&str, &str)> {
    let (method, rest) = first_word(line)?;
    let target = target(rest);
    let is_method = method.len() >= 3 && method.chars().all(|c| c.is_ascii_uppercase());
    (is_method && (target.starts_with('/') || target.starts_with("http")))
        .then_some((method, target))
}

/// The request target at the start of `text`: up to the first whitespace outside braces, as
/// a placeholder may hold spaces (`{id | userPrincipalName}`).
fn target(text: &str) -> &str {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && depth == 0 => return text.get(..at).unwrap_or(text),
            _ => {}
        }
    }
    text
}

/// A request line whose path lacks its leading `/` (`GET users/{id}`): its method and path.
fn unrooted_request_line(line: &str) -> Option<(&str, String)> {
    let (method, rest) = first_word(line)?;
    let target = target(rest);
    let known = HttpMethod::ALL.iter().any(|m| m.as_str() == method);
    (known && target.starts_with(|c: char| c.is_ascii_alphabetic() || c == '{'))
        .then(|| (method, format!("/{target}")))
}

/// The trailing `$value`, `$count` or `$ref` segment of a path: what of the item it addresses.
fn representation(path: &str) -> Option<&str> {
    path.rsplit('/').next().filter(|last| last.starts_with('$'))
}

/// What a path addresses, for a note: the item, or its `$value`, `$count` or `$ref`.
fn addressed(path: &str) -> String {
    representation(path).map_or("the item".to_owned(), |r| format!("the item's `{r}`"))
}

/// The HTTP request section's lines (each with its line number): method and path of the first
/// request line, paths of the others. What can be read is read: a query string or fragment
/// is cut off and a missing leading `/` supplied, each with a note; a line that is not a
/// request line, a malformed or elided path, a line with another method or addressing
/// another representation (`…/$value`) than the first, and a repeated path are noted and
/// left out, so one odd line does not fail a page whose other lines can be read.
pub fn request_lines<'l>(
    section_line: usize,
    lines: impl IntoIterator<Item = (usize, &'l str)>,
    notes: &mut Notes,
) -> Result<(HttpMethod, String, Vec<String>), PageError> {
    let mut first: Option<(HttpMethod, String)> = None;
    let mut additional: Vec<String> = Vec::new();
    for (line, text) in lines {
        let (verb, mut path) = match request_line(text) {
            Some((verb, target)) => (verb, relative_path(target)),
            None => match unrooted_request_line(text) {
                Some((verb, path)) => {
                    notes.push((
                        line,
                        format!(
                            "the request path `{}` does not start with `/`; read as `{}`",
                            clip(&path[1..]),
                            clip(&path)
                        ),
                    ));
                    (verb, path)
                }
                None => {
                    notes.push((
                        line,
                        format!(
                            "`{}` in the HTTP request section is not a request line; left out",
                            clip(text)
                        ),
                    ));
                    continue;
                }
            },
        };
        if let Some(at) = path.find(['?', '#']) {
            // The query may hold spaces (`?$filter=a eq true`): the rest of the line is its.
            let query = text
                .find(['?', '#'])
                .map_or(&path[at..], |q| text[q..].trim_end());
            notes.push((
                line,
                format!(
                    "`{}` after the request path `{}` left out: a path holds no query or \
                     fragment",
                    clip(query),
                    clip(&path[..at])
                ),
            ));
            path.truncate(at);
        }
        let left_out = |reason: String| {
            (
                line,
                format!("the request path `{}` {reason}; left out", clip(&path)),
            )
        };
        if path
            .split('/')
            .any(|segment| segment == "..." || segment == "…")
        {
            notes.push(left_out("elides segments (`...`)".to_owned()));
            continue;
        }
        if let Err(malformed) = crate::template::parse(&path) {
            notes.push(left_out(format!("is malformed ({malformed})")));
            continue;
        }
        let Some((method, first_path)) = &first else {
            first = Some((http_method(verb, line)?, path));
            continue;
        };
        if verb != method.as_str() {
            notes.push(left_out(format!(
                "is requested with {verb}, the first request line with {method}: another operation"
            )));
        } else if representation(&path) != representation(first_path) {
            notes.push(left_out(format!(
                "addresses {}, the first request line `{}` {}: another operation",
                addressed(&path),
                clip(first_path),
                addressed(first_path),
            )));
        } else if *first_path == path || additional.contains(&path) {
            notes.push(left_out("repeats an earlier request line".to_owned()));
        } else {
            additional.push(path);
        }
    }
    let (method, path) = first.ok_or_else(|| {
        PageError::new(section_line, "the HTTP request section has no request line")
    })?;
    Ok((method, path, additional))
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
pub fn placeholders(path: &str) -> Vec<PathParameter> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let tail = rest.get(open + 1..).unwrap_or("");
        let Some(close) = tail.find('}') else {
            break;
        };
        // A placeholder the path repeats (`/users/{id}/messages/{id}`) is declared once; the
        // generator binds each occurrence to the segment it follows.
        let name = tail.get(..close).unwrap_or("").to_owned();
        if !names.contains(&name) {
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

/// A Query parameters table row at `line`: its name (links, code and emphasis marks removed),
/// its type as the primitive's documented name, and whether it is required (the row says
/// "Required", or `section_required`: the section's text says its parameters are). `None` for
/// an OData system option (such a row documents how the operation reads `$top`, which the
/// request's OData options send), or, with a note, a row whose type is not a primitive.
pub fn query_parameter(
    row: [&str; 3],
    section_required: bool,
    line: usize,
    notes: &mut Notes,
) -> Option<QueryParameter> {
    let [name, ty, description] = row;
    let name = strip_links(name)
        .trim_matches(|c: char| c == '`' || c == '*' || c == '_' || c.is_whitespace())
        .to_owned();
    if name.is_empty() || is_system_query_option(&name) {
        return None;
    }
    let cell = strip_links(ty);
    let cell = cell.trim_matches(|c: char| c == '`' || c == '*' || c.is_whitespace());
    let Some(primitive) = Primitive::ALL
        .into_iter()
        .find(|p| p.documented().eq_ignore_ascii_case(cell))
    else {
        notes.push((
            line,
            format!(
                "query parameter `{name}` has the type `{}`, not a Graph primitive; left out",
                clip(cell)
            ),
        ));
        return None;
    };
    let required = match (
        find_word(description, "Required"),
        find_word(description, "Optional"),
    ) {
        (Some(_), _) => true,
        (None, Some(_)) => false,
        (None, None) => section_required,
    };
    Some(QueryParameter {
        name: unlocated(name),
        ty: unlocated(primitive.documented().to_owned()),
        description: description.to_owned(),
        required,
    })
}

/// Whether a Query parameters section's paragraph says its parameters are required ("provide
/// the following required query parameters").
pub fn says_required_parameters(paragraph: &str) -> bool {
    let text = paragraph.to_ascii_lowercase();
    text.contains("required query parameter") || text.contains("required parameter")
}

/// A Request headers row: the value before "Required"/"Optional", and whether it is required.
pub fn header(name: &str, cell: &str) -> Header {
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

/// "supply a JSON representation for the [x](…) object" → `x`.
fn body_type(description: &str) -> Option<String> {
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

/// "… response code and a collection of [x](…) objects …" → `(x, true)`.
fn response_type(text: &str) -> Option<(Option<Spanned<String>>, bool)> {
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
        let is_type = is_primitive(&word)
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
fn tidy_permissions(
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

pub fn is_header_line(line: &str) -> bool {
    let Some((name, _)) = line.split_once(':') else {
        return false;
    };
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// An example response's status line and headers: what a page shows when its prose does not
/// say (a `302 Found` inside the example), and the `Location` and `Content-Type` it answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleAnswer {
    /// The status line's line.
    pub line: usize,
    /// Its status code.
    pub code: u16,
    /// Its header lines, names as written.
    pub headers: Vec<(String, String)>,
}

impl ExampleAnswer {
    /// Reads a code block (`lines`, the first at `first_line`) that starts with a status line.
    pub fn read(first_line: usize, lines: &[String]) -> Option<Self> {
        let (offset, start) = lines
            .iter()
            .enumerate()
            .find(|(_, line)| !line.trim().is_empty())?;
        let mut words = start.split_whitespace();
        words
            .next()
            .filter(|protocol| protocol.starts_with("HTTP/"))?;
        let code = words.next()?.parse().ok()?;
        let headers = lines[offset + 1..]
            .iter()
            .take_while(|line| is_header_line(line.trim()))
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
            .collect();
        Some(Self {
            line: first_line + offset,
            code,
            headers,
        })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// The type an example response's annotation names (`<!-- { "blockType": "response",
/// "@odata.type": "microsoft.graph.driveItem", "isCollection": true } -->`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated {
    /// 1-based line of the annotation.
    pub line: usize,
    /// The documented type name, namespace taken off.
    pub name: String,
    /// Whether the response is a collection of it (`isCollection`, or `Collection(…)`).
    pub collection: bool,
}

impl Annotated {
    /// Reads an HTML comment at `line` as a response annotation naming a type of `namespace`;
    /// `None` for another comment, or a type of another namespace or none (`stream`).
    pub fn read(line: usize, comment: &str, namespace: &str) -> Option<Self> {
        let value = serde_json::from_str::<serde_json::Value>(comment).ok()?;
        if value.get("blockType").and_then(|v| v.as_str()) != Some("response") {
            return None;
        }
        let odata_type = value.get("@odata.type")?.as_str()?;
        let (inner, wrapped) = match odata_type
            .strip_prefix("Collection(")
            .and_then(|rest| rest.strip_suffix(')'))
        {
            Some(inner) => (inner, true),
            None => (odata_type, false),
        };
        let name = inner
            .strip_prefix(namespace)?
            .strip_prefix('.')
            .filter(|name| !name.is_empty() && !name.contains('.'))?;
        let collection = wrapped
            || value
                .get("isCollection")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false);
        Some(Self {
            line,
            name: name.to_owned(),
            collection,
        })
    }
}

/// The Response section, from its first paragraph (`prose`, with its line) and the page's
/// example responses (`examples`): the status (the prose's, else the first successful
/// example's), the body's type unless there is none, what the body carries (the example of that
/// status declares its content type), and whether the news is a `Location` header.
pub fn response(
    prose: Option<(usize, String)>,
    examples: &[ExampleAnswer],
    annotated: Option<Annotated>,
    notes: &mut Notes,
) -> Result<Response, PageError> {
    let (line, description) = prose.unwrap_or_default();
    let said = status_code(&description);
    let example = examples.iter().find(|example| match said {
        Some(code) => example.code == code,
        None => (200..400).contains(&example.code),
    });
    let code = match (said, example) {
        (Some(code), _) => code,
        (None, Some(example)) => {
            notes.push((
                example.line,
                format!(
                    "the Response section names no status code; {} taken from the first example response",
                    example.code
                ),
            ));
            example.code
        }
        (None, None) => {
            return Err(PageError::new(
                line,
                "the Response section names no status code such as `200 OK`, and no example response shows one",
            ));
        }
    };
    let status = success_status(code, line)?;
    let mentions_location = description.contains("Location")
        || example.is_some_and(|example| example.header("Location").is_some());
    let describes_no_body = matches!(
        status,
        SuccessStatus::NoContent | SuccessStatus::Found | SuccessStatus::PartialContent
    );
    let (ty, collection) = match response_type(&description) {
        _ if describes_no_body => (None, false),
        Some(found) => found,
        None if mentions_location || status == SuccessStatus::Accepted => (None, false),
        None => match annotated {
            Some(annotated) => {
                notes.push((
                    annotated.line,
                    format!(
                        "the Response section names no type; `{}`{} taken from the example \
                         response's annotation (`@odata.type`)",
                        annotated.name,
                        if annotated.collection {
                            " collection"
                        } else {
                            ""
                        }
                    ),
                ));
                (Some(unlocated(annotated.name)), annotated.collection)
            }
            None => {
                notes.push((
                    line,
                    "cannot tell the response body's type; `type` left out".to_owned(),
                ));
                (None, false)
            }
        },
    };
    let location = ty.is_none()
        && mentions_location
        && matches!(status, SuccessStatus::Created | SuccessStatus::Accepted);
    let content = if status.is_content() {
        BodyContent::Binary
    } else if location || status == SuccessStatus::NoContent {
        BodyContent::Json
    } else {
        let declared = example
            .and_then(|example| example.header("Content-Type"))
            .map(BodyContent::of_media_type);
        match declared {
            Some(content) if ty.is_none() || content == BodyContent::Json => content,
            Some(content) => {
                notes.push((
                    line,
                    format!(
                        "the example response's content type is {content:?}, but the prose names a type; read as JSON"
                    ),
                ));
                BodyContent::Json
            }
            None if description.contains("text/plain") => BodyContent::Text,
            None => BodyContent::Json,
        }
    };
    Ok(Response {
        status: unlocated(status),
        ty,
        collection,
        content,
        location,
        description,
    })
}

/// What a Request body section's first paragraph says the body is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyShape {
    /// "Do not supply a request body".
    None,
    /// An action's or function's parameters, in the body or in the request URL.
    Parameters(Placement),
    /// An object of the named type (create and update pages).
    Typed(String),
    /// The properties of the page's resource to change ("supply the values for relevant
    /// fields that should be updated"): an update page's body, whose type is the page's.
    Updated,
    /// One parameter, an object of the named type ("provide an optional `passwordCredential`
    /// object with the following properties"): the body holds it under its type's name.
    Wrapped(String),
    /// Bytes or text of the caller's content type: "the binary stream of the file".
    Content(BodyContent),
    /// Something the importer cannot tell.
    Unknown,
}

/// Reads what a Request body section's first paragraph says the body is.
pub fn body_shape(description: &str) -> BodyShape {
    if supplies_no_body(description) {
        return BodyShape::None;
    }
    let lower = description.to_ascii_lowercase();
    if lower.contains("in the request url") {
        return BodyShape::Parameters(Placement::Url);
    }
    // Intune pages say "supply JSON representation of the parameters"; others "provide a JSON
    // object with the following parameters" or "All the supported parameters are listed below".
    if [
        "representation of the parameters",
        "following parameters",
        "supported parameters",
    ]
    .iter()
    .any(|wording| lower.contains(wording))
    {
        return BodyShape::Parameters(Placement::Body);
    }
    if lower.contains("values for relevant fields that should be updated") {
        return BodyShape::Updated;
    }
    if let Some(name) = wrapped_object(description) {
        return BodyShape::Wrapped(name);
    }
    if lower.contains("binary stream") || lower.contains("binary content") {
        return BodyShape::Content(BodyContent::Binary);
    }
    body_type(description).map_or(BodyShape::Unknown, BodyShape::Typed)
}

/// What a table lists, by its header: its first column names each row, and it has a Type and a
/// Description column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// `Parameter | Type | Description` (or `Name | …`).
    Parameters,
    /// `Property | Type | Description`.
    Properties,
}

/// What a table with `header` lists; `None` for any other table.
pub fn table_lists(header: &[String]) -> Option<Listed> {
    let has = |name: &str| header.iter().any(|cell| cell.eq_ignore_ascii_case(name));
    if !(has("Type") && has("Description")) {
        return None;
    }
    match header.first()?.to_ascii_lowercase().as_str() {
        "parameter" | "parameters" | "name" => Some(Listed::Parameters),
        "property" | "properties" => Some(Listed::Properties),
        _ => None,
    }
}

/// Whether the Request body section's first paragraph says to supply no body ("Do not supply
/// a request body", "specifying a request body is not necessary").
fn supplies_no_body(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    lower.contains("do not supply a request body")
        || lower.contains("request body is not necessary")
}

/// "provide an optional `x` object with the following properties" → `x`.
fn wrapped_object(description: &str) -> Option<String> {
    let lower = description.to_ascii_lowercase();
    let at = lower.find(" object with the following properties")?;
    let before = description.get(..at)?;
    let name = before.split_whitespace().last()?.trim_matches('`');
    let name = strip_links(name);
    (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric())).then_some(name)
}

/// Whether a paragraph says the method supports the OData query parameters.
pub fn says_odata_query_parameters(paragraph: &str) -> bool {
    let text = strip_links(paragraph).to_ascii_lowercase();
    text.contains("supports the odata query parameters")
        || (text.contains("supports the") && text.contains("odata query parameter"))
}

/// Notes members that look like flags (powers of two, or "flags" in the description): pages
/// never say that values combine, so `flags` is left for a maintainer to set.
pub fn note_flag_like(members: &[Member], description: &str, line: usize, notes: &mut Notes) {
    let nonzero: Vec<i64> = members
        .iter()
        .map(|m| m.value)
        .filter(|&v| v != 0)
        .collect();
    let powers = nonzero.len() >= 3
        && nonzero.iter().all(|&v| v > 0 && v.count_ones() == 1)
        && nonzero.iter().any(|&v| v >= 4);
    if powers || description.to_ascii_lowercase().contains("flag") {
        notes.push((
            line,
            "the members look like flags (powers of two or \"flags\" in the description), but \
             the page does not say they combine: `flags` not set"
                .to_owned(),
        ));
    }
}

/// Notes a key property the Properties table does not list (pages of entities whose `id` comes
/// from a base type do that).
pub fn note_missing_key(key: Option<&str>, properties: &[Property], notes: &mut Notes) {
    if let Some(key) = key.filter(|key| !properties.iter().any(|p| p.name.value == *key)) {
        notes.push((
            0,
            format!("the key property `{key}` is not in the Properties table"),
        ));
    }
}

/// What the first cell of a Permissions table row names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermissionLabel {
    /// A permission type: 0 delegated work or school, 1 delegated personal, 2 application.
    Type(usize),
    /// A sub-row grouping more scopes of the permission type above it.
    Group,
    /// Something else.
    Unknown,
}

/// A Permissions table row, as a rendering reads it.
pub struct PermissionRow {
    /// 1-based line.
    pub line: usize,
    /// The row's label, for notes.
    pub label: String,
    /// What the label names.
    pub kind: PermissionLabel,
    /// The row's scopes, in order; none for "Not supported.".
    pub scopes: Vec<String>,
}

/// The scopes of a Permissions cell at `line`: comma-separated; or, where every word is a
/// permission name, separated by spaces or a stray `|` too (some pages write
/// `A.ReadWrite.All A.Read.All`, or an extra cell `| |A.ReadWrite.All|`), with a note. A cell
/// of other text (`**TODO: Determine scopes **`) is kept as written.
pub fn cell_scopes(cell: &str, line: usize, notes: &mut Notes) -> Vec<String> {
    // A line break (`<br />`, `</br>`) separates groups of permissions as a comma does.
    let cell = &line_breaks_as_commas(cell);
    let by_comma: Vec<String> = cell
        .split(',')
        .map(|scope| scope.trim().to_owned())
        .collect();
    let words: Vec<&str> = cell
        .split(|c: char| c == ',' || c == '|' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect();
    if words.is_empty()
        || by_comma.iter().all(|scope| is_permission_name(scope))
        || !words.iter().all(|word| is_permission_name(word))
    {
        return by_comma;
    }
    notes.push((
        line,
        format!("permissions separated by spaces or `|` instead of commas; split: `{cell}`"),
    ));
    words.into_iter().map(str::to_owned).collect()
}

fn line_breaks_as_commas(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut rest = cell;
    while let Some(start) = rest.find('<') {
        let tag = rest[start..]
            .find('>')
            .map(|end| &rest[start..=start + end]);
        let is_break = tag.is_some_and(|tag| {
            let name: String = tag.chars().filter(|c| c.is_ascii_alphabetic()).collect();
            name.eq_ignore_ascii_case("br")
        });
        out.push_str(&rest[..start]);
        match tag {
            Some(tag) if is_break => {
                out.push(',');
                rest = &rest[start + tag.len()..];
            }
            _ => {
                out.push('<');
                rest = &rest[start + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The Permissions table at `line` from its rows: each scope once, least privileged first
/// (`most_first` says the table lists them the other way round).
pub fn permissions(
    rows: Vec<PermissionRow>,
    line: usize,
    most_first: bool,
    notes: &mut Notes,
) -> Permissions {
    let mut permissions = Permissions::default();
    let mut seen = [false; 3];
    let mut current: Option<usize> = None;
    let mut grouped = false;
    for row in rows {
        let index = match row.kind {
            PermissionLabel::Type(index) => {
                current = Some(index);
                if let Some(flag) = seen.get_mut(index) {
                    *flag = true;
                }
                index
            }
            PermissionLabel::Group => {
                grouped = true;
                let Some(index) = current else {
                    notes.push((
                        row.line,
                        format!(
                            "permission group `{}` before any permission type; left out",
                            row.label
                        ),
                    ));
                    continue;
                };
                index
            }
            PermissionLabel::Unknown => {
                notes.push((
                    row.line,
                    format!("unknown permission type `{}`; left out", row.label),
                ));
                continue;
            }
        };
        let list = match index {
            0 => &mut permissions.delegated_work_or_school,
            1 => &mut permissions.delegated_personal_account,
            _ => &mut permissions.application,
        };
        for scope in row.scopes {
            if !scope.is_empty() && !list.contains(&scope) {
                list.push(scope);
            }
        }
    }
    tidy_permissions(&mut permissions, line, grouped, most_first, &seen, notes);
    permissions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_in_a_permissions_cell_separates_as_a_comma_does() {
        let mut notes = Notes::new();
        assert_eq!(
            cell_scopes(
                "Files.ReadWrite.All </br>Group.Read.All, Group.ReadWrite.All <br />Sites.Read.All",
                7,
                &mut notes
            ),
            [
                "Files.ReadWrite.All",
                "Group.Read.All",
                "Group.ReadWrite.All",
                "Sites.Read.All"
            ]
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    fn answer(lines: &[&str]) -> ExampleAnswer {
        let lines: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        ExampleAnswer::read(90, &lines).expect("a status line")
    }

    fn read(prose: &str, examples: &[ExampleAnswer]) -> (Response, Notes) {
        let mut notes = Notes::new();
        let prose = (!prose.is_empty()).then(|| (60, prose.to_owned()));
        let response = super::response(prose, examples, None, &mut notes).expect("a response");
        (response, notes)
    }

    #[test]
    fn a_redirect_shown_only_in_the_example_is_a_download() {
        let redirect = answer(&[
            "",
            "HTTP/1.1 302 Found",
            "Location: https://b0mpua-by3301.files.1drv.com/y23vmag",
        ]);
        assert_eq!(redirect.line, 91);
        let (response, notes) = read("", &[redirect]);
        assert_eq!(response.status.value, SuccessStatus::Found);
        assert_eq!(response.content, BodyContent::Binary);
        assert!(!response.location && response.ty.is_none());
        assert!(
            notes[0]
                .1
                .contains("302 taken from the first example response")
        );
    }

    #[test]
    fn an_accepted_operation_with_a_location_is_watched_there() {
        let clone = answer(&[
            "HTTP/1.1 202 Accepted",
            "Location: /teams({id})/operations({opId})",
            "Content-Type: text/plain",
            "Content-Length: 0",
        ]);
        let (response, notes) = read(
            "If successful, this method will return a `202 Accepted` response code with a Location: header pointing to the [operation](../resources/teamsasyncoperation.md) resource.",
            &[clone],
        );
        assert_eq!(response.status.value, SuccessStatus::Accepted);
        assert!(response.location);
        assert_eq!(response.content, BodyContent::Json);
        assert!(notes.is_empty(), "{notes:?}");

        let (send, notes) = read(
            "If successful, this method returns `202 Accepted` response code. It does not return anything in the response body.",
            &[answer(&["HTTP/1.1 202 Accepted"])],
        );
        assert!(!send.location && send.ty.is_none());
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn the_example_of_the_documented_status_declares_the_content() {
        let count = answer(&["HTTP/1.1 200 OK", "Content-Type: text/plain", "", "893"]);
        let error = answer(&["HTTP/1.1 400 Bad Request", "Content-Type: application/json"]);
        let (response, _) = read(
            "If successful, this method returns a `200 OK` response code and the count.",
            &[error, count],
        );
        assert_eq!(response.content, BodyContent::Text);

        let csv = answer(&["HTTP/1.1 200 OK", "Content-Type: application/octet-stream"]);
        let (report, _) = read(
            "If successful, this method returns a `200 OK` response code.",
            &[csv],
        );
        assert_eq!(report.content, BodyContent::Binary);
    }

    #[test]
    fn a_page_without_a_status_anywhere_fails() {
        let mut notes = Notes::new();
        let error = super::response(None, &[], None, &mut notes).expect_err("no status");
        assert!(
            error.reason.contains("no example response"),
            "{}",
            error.reason
        );
        assert!(SuccessStatus::try_from(303).is_err());
    }

    #[test]
    fn the_wordings_of_other_workloads_tell_the_body() {
        for (text, shape) in [
            (
                "In the request body, provide a JSON object with the following parameters.",
                BodyShape::Parameters(Placement::Body),
            ),
            (
                "All the supported parameters are listed below. Depending on your scenario, \
                 specify a JSON object for each of the necessary parameters in the request body.",
                BodyShape::Parameters(Placement::Body),
            ),
            (
                "In the request body, supply the values for relevant fields that should be \
                 updated. Existing properties that are not included in the request body will \
                 maintain their previous values.",
                BodyShape::Updated,
            ),
            (
                "In the request body, provide an optional `passwordCredential` object with the \
                 following properties.",
                BodyShape::Wrapped("passwordCredential".to_owned()),
            ),
            (
                "Since this method sends an already existing draft message, specifying a \
                 request body is not necessary.",
                BodyShape::None,
            ),
        ] {
            assert_eq!(body_shape(text), shape, "{text}");
        }
    }

    #[test]
    fn a_binary_stream_is_uploaded_content() {
        assert_eq!(
            body_shape(
                "The contents of the request body should be the binary stream of the file to be uploaded."
            ),
            BodyShape::Content(BodyContent::Binary)
        );
    }
}
