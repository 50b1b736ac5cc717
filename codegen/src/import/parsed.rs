//! What a page reader produces, markdown or plain text: the spec file and what placing it
//! needs, or why the page could not be read.

use crate::spec::{Endpoint, Entity, Note, Property, SpecFile};

/// What a page parser needs from outside the page.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Call-outs of `api.yaml`; page call-outs equal to one of these are not repeated.
    pub api_notes: Option<Vec<Note>>,
    /// The OData namespace of `api.yaml`.
    pub namespace: Option<String>,
}

/// Notes gathered while reading one page: `(line, reason)`.
pub type Notes = Vec<(usize, String)>;

/// Why a page could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError {
    /// 1-based line; 0 for the whole page.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl PageError {
    /// An error at `line`.
    pub fn new(line: usize, reason: impl Into<String>) -> Self {
        Self {
            line,
            reason: reason.into(),
        }
    }
}

/// A page read into a spec file, with what the importer needs to place it and link it up.
#[derive(Debug)]
pub struct Parsed {
    /// The spec file's content.
    pub file: SpecFile,
    /// For create/update pages: the type named by the request body and the rows of its
    /// request-body table.
    pub body_properties: Option<(String, Vec<Property>)>,
    /// For API pages: the names that may be the page's entity type, best first.
    pub subjects: Vec<String>,
    /// For API pages: the page's file-name segment naming its entity, lower case (see
    /// [`stem_subject`]).
    pub stem_subject: Option<String>,
    /// For API pages: the page does not say which national clouds it is available in, so its
    /// empty `national_clouds` is still to be decided.
    pub clouds_unstated: bool,
}

impl Parsed {
    /// A resource or enum page's file: nothing else to place it by.
    pub fn type_page(file: SpecFile) -> Self {
        Self {
            file,
            body_properties: None,
            subjects: Vec::new(),
            stem_subject: None,
            clouds_unstated: false,
        }
    }

    /// An API page's file with what placing it needs: the names that may be its entity type and
    /// the entity its file name (`.md`, or `.txt` for a rendered page) names.
    pub fn endpoint(
        endpoint: Endpoint,
        body_properties: Option<(String, Vec<Property>)>,
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
            .and_then(stem_subject);
        Parsed {
            file: SpecFile::Endpoint(Box::new(endpoint)),
            body_properties,
            subjects,
            stem_subject,
            clouds_unstated,
        }
    }
}

/// A resource page's file: an `entity` when it has a key, else a `complex_type`.
pub fn resource_file(resource: Entity) -> SpecFile {
    if resource.key.is_some() {
        SpecFile::Entity(Box::new(resource))
    } else {
        SpecFile::ComplexType(Box::new(resource))
    }
}

/// The segment of an API page's file stem that names its type: the one before the first verb
/// (`driveitem-get-content`, `group-post-members`, `security-alert-get`: Graph names pages
/// `<type>-<verb>-<what>`), else the one before the last (`intune-apps-webapp-create`,
/// `application-addpassword`: `<type>-<action>`); lower case.
fn stem_subject(stem: &str) -> Option<String> {
    const VERBS: &[&str] = &[
        "get", "list", "post", "create", "update", "delete", "put", "add", "remove",
    ];
    let parts: Vec<&str> = stem.split('-').collect();
    let before_verb = parts
        .iter()
        .skip(1)
        .position(|part| VERBS.contains(part))
        .and_then(|at| parts.get(at));
    let before_last = parts.len().checked_sub(2).and_then(|at| parts.get(at));
    before_verb
        .or(before_last)
        .map(|part| part.to_ascii_lowercase())
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

#[cfg(test)]
mod tests {
    use super::stem_subject;

    #[test]
    fn the_type_of_a_page_is_the_file_name_s_segment_before_its_verb() {
        for (stem, subject) in [
            ("driveitem-get-content", Some("driveitem")),
            ("group-post-members", Some("group")),
            ("group-delete-members", Some("group")),
            ("user-list-calendarview", Some("user")),
            ("security-alert-get", Some("alert")),
            (
                "security-ediscoverysearch-estimatestatistics",
                Some("ediscoverysearch"),
            ),
            ("application-addpassword", Some("application")),
            (
                "intune-deviceconfig-managedalldevicecertificatestate-update",
                Some("managedalldevicecertificatestate"),
            ),
            ("delta", None),
        ] {
            assert_eq!(stem_subject(stem).as_deref(), subject, "{stem}");
        }
    }
}
