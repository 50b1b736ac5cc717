//! What an API page's sections say, read from their text: request lines, headers rows, the
//! request body's and response's sentences, permissions. The markdown and the plain-text
//! readers both hand their sections' text to these.

use serde_saphyr::Spanned;

use crate::spec::{Header, PathParameter, Permissions, unlocated};
use crate::vocabulary::{HttpMethod, SuccessStatus};

use super::knowledge::is_primitive;
use super::markdown::{PageError, first_link_text, strip_links};
use super::parsed::Notes;

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
pub fn success_status(code: u16, line: usize) -> Result<SuccessStatus, PageError> {
    SuccessStatus::try_from(code).map_err(|reason| PageError::new(line, reason))
}

/// The first `NNN Reason` status of a text (`200 OK`, `204 No Content`), code marks or not.
pub fn status_code(text: &str) -> Option<u16> {
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
pub fn placeholders(path: &str, notes: &mut Notes) -> Vec<PathParameter> {
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
pub fn body_type(description: &str) -> Option<String> {
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
pub fn response_type(text: &str) -> Option<(Option<Spanned<String>>, bool)> {
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
pub fn tidy_permissions(
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
