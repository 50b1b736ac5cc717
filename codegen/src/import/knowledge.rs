//! What the spec already knows about the documented types, for reading tables whose column
//! separators were lost (the plain-text rendering of a page): type names, each type's
//! properties and their types, base types and keys. It comes from the spec directory and the
//! markdown pages imported in the same run.
//!
//! A row such as `certificateRevokeStatus certificateRevocationStatus Revoke status. …` is
//! split here. The name is the first word (documented names have no spaces). The type is
//! confirmed when the spec documents the property with that type; otherwise it is decided by
//! the vocabulary (a primitive or a known type name is one word, optionally followed by
//! `collection`), and every split the vocabulary cannot make certain leaves a note.

use std::collections::BTreeMap;

use crate::primitive::Primitive;
use crate::spec::SpecFile;
use crate::vocabulary::TypeRef;

use super::existing::Existing;
use super::parsed::Notes;

/// How deep a base-type chain is followed; deeper chains are cycles or mistakes.
const MAX_BASE_DEPTH: usize = 16;

/// What the spec says about one documented type.
#[derive(Debug, Clone, Default)]
struct TypeInfo {
    /// Properties and relationships, `(name, type)`, in page order.
    properties: Vec<(String, String)>,
    /// "Inherits from".
    base: Option<String>,
    /// An entity's key property.
    key: Option<String>,
}

/// Type names and properties known to the spec directory and to this run's markdown pages.
#[derive(Debug, Clone, Default)]
pub struct Knowledge {
    /// Every documented or referenced type, by documented name.
    types: BTreeMap<String, TypeInfo>,
    /// The `page.source` of each spec file, by file stem.
    sources: BTreeMap<String, String>,
    /// The OData namespace, to read qualified names such as `microsoft.graph.x`.
    namespace: Option<String>,
}

/// A table row split into name, type and description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The first column.
    pub name: String,
    /// The type column, as written.
    pub ty: String,
    /// The rest of the row, as written.
    pub description: String,
}

/// Whether `word` is a Graph primitive type name: one of [`Primitive`], or `Stream`, which
/// pages use for content the generator does not model.
pub fn is_primitive(word: &str) -> bool {
    Primitive::from_documented(word).is_some() || word == "Stream"
}

/// Whether `word` can be a documented name: a property, parameter, member or header name.
pub fn is_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '@')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '@' | '.' | '-'))
}

/// The first word of `text` and the rest after it, leading spaces removed.
pub fn first_word(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    if text.is_empty() {
        return None;
    }
    match text.find(char::is_whitespace) {
        Some(at) => Some((
            text.get(..at).unwrap_or(text),
            text.get(at..).unwrap_or("").trim_start(),
        )),
        None => Some((text, "")),
    }
}

/// What follows `words` at the start of `text` (word by word), or `None` when `text` does not
/// start with them.
fn after_words<'t>(text: &'t str, words: &str) -> Option<&'t str> {
    let mut rest = text;
    for expected in words.split_whitespace() {
        let (word, after) = first_word(rest)?;
        if word != expected {
            return None;
        }
        rest = after;
    }
    Some(rest)
}

impl Knowledge {
    /// Gathers what the spec directory's files and this run's pages say about types.
    pub fn new<'a>(
        existing: &Existing,
        pages: impl IntoIterator<Item = &'a SpecFile>,
        namespace: Option<&str>,
    ) -> Self {
        let mut knowledge = Self {
            types: BTreeMap::new(),
            sources: BTreeMap::new(),
            namespace: namespace.map(str::to_owned),
        };
        let mut referenced = Vec::new();
        for file in &existing.files {
            let Ok(spec) = &file.spec else {
                continue;
            };
            let source = match spec {
                SpecFile::Entity(entity) | SpecFile::ComplexType(entity) => {
                    Some(&entity.page.source.value)
                }
                SpecFile::Enum(enumeration) => Some(&enumeration.page.source.value),
                SpecFile::Endpoint(endpoint) => Some(&endpoint.page.source.value),
                _ => None,
            };
            if let (Some(source), Some(stem)) = (source, file.path.file_stem()) {
                knowledge
                    .sources
                    .insert(stem.to_string_lossy().into_owned(), source.clone());
            }
            knowledge.learn(spec, &mut referenced);
        }
        // This run's pages are newer than the files they will replace.
        for page in pages {
            knowledge.learn(page, &mut referenced);
        }
        referenced.extend(
            knowledge
                .types
                .values()
                .flat_map(|info| info.properties.iter().map(|(_, ty)| ty.clone())),
        );
        for ty in referenced {
            let name = TypeRef::parse(&ty).name;
            if !name.is_empty() && !is_primitive(name) {
                knowledge.types.entry(name.to_owned()).or_default();
            }
        }
        knowledge
    }

    /// Records the types one spec file documents, and adds the type references that are not
    /// properties to `referenced`.
    fn learn(&mut self, spec: &SpecFile, referenced: &mut Vec<String>) {
        match spec {
            SpecFile::Entity(entity) | SpecFile::ComplexType(entity) => {
                let properties = entity
                    .properties
                    .iter()
                    .chain(&entity.relationships)
                    .map(|p| (p.name.value.clone(), p.ty.value.clone()))
                    .collect();
                self.types.insert(
                    entity.name.value.clone(),
                    TypeInfo {
                        properties,
                        base: entity.base_type.as_ref().map(|b| b.value.clone()),
                        key: entity.key.as_ref().map(|k| k.value.clone()),
                    },
                );
            }
            SpecFile::Enum(enumeration) => {
                self.types
                    .entry(enumeration.name.value.clone())
                    .or_default();
            }
            SpecFile::OpaqueTypes(names) => {
                referenced.extend(names.iter().map(|name| name.value.clone()));
            }
            SpecFile::Endpoint(endpoint) => {
                referenced.extend(endpoint.response.ty.iter().map(|t| t.value.clone()));
                if let Some(body) = &endpoint.request_body {
                    referenced.extend(body.ty.iter().map(|t| t.value.clone()));
                    referenced.extend(body.parameters.iter().map(|p| p.ty.value.clone()));
                }
            }
            SpecFile::Api(_) => {}
        }
    }

    /// `word` without the namespace (`microsoft.graph.x` → `x`) or `Edm.` prefix.
    fn unqualified<'w>(&self, word: &'w str) -> &'w str {
        if let Some(rest) = self
            .namespace
            .as_deref()
            .and_then(|namespace| word.strip_prefix(namespace))
            .and_then(|rest| rest.strip_prefix('.'))
        {
            return rest;
        }
        word.strip_prefix("Edm.").unwrap_or(word)
    }

    /// Whether `word` is a primitive or a type the spec documents or references.
    pub fn is_type(&self, word: &str) -> bool {
        let word = self.unqualified(word);
        is_primitive(word) || self.types.contains_key(word)
    }

    /// The `page.source` of the spec file named `<stem>.yaml`, if there is one.
    pub fn source(&self, stem: &str) -> Option<&str> {
        self.sources.get(stem).map(String::as_str)
    }

    /// The key the spec gives type `name`, when it holds it as an entity.
    pub fn key(&self, name: &str) -> Option<&str> {
        self.types.get(name)?.key.as_deref()
    }

    /// The documented type of property `name` of `owner` or one of its base types.
    pub fn property_type(&self, owner: &str, name: &str) -> Option<&str> {
        let mut current = Some(owner);
        for _ in 0..MAX_BASE_DEPTH {
            let info = self.types.get(current?)?;
            if let Some((_, ty)) = info.properties.iter().find(|(n, _)| n == name) {
                return Some(ty);
            }
            current = info.base.as_deref();
        }
        None
    }

    /// Splits a `name type description` row whose separators were lost. `owner` is the type
    /// whose properties the table lists, when known; `what` names the table in notes. Rows that
    /// cannot be read are left out with a note; uncertain splits are kept with a note.
    pub fn split(
        &self,
        line: usize,
        text: &str,
        owner: Option<&str>,
        what: &str,
        notes: &mut Notes,
    ) -> Option<Split> {
        let text = text.trim();
        // A copy that kept the cells apart: tabs are certain separators.
        let cells: Vec<&str> = text.split('\t').map(str::trim).collect();
        if let [name, ty, rest @ ..] = cells.as_slice()
            && !rest.is_empty()
            && is_name(name)
            && !ty.is_empty()
        {
            if rest.len() > 1 {
                notes.push((
                    line,
                    format!(
                        "{what} row `{name}` has {} tab-separated cells for 3 columns: the \
                         extra cells were joined into the description",
                        cells.len()
                    ),
                ));
            }
            return Some(Split {
                name: (*name).to_owned(),
                ty: (*ty).to_owned(),
                description: rest.join(" "),
            });
        }

        let (name, rest) = first_word(text)?;
        if !is_name(name) {
            notes.push((
                line,
                format!(
                    "{what} row `{text}`: its first word `{name}` is not a documented name; \
                     row left out"
                ),
            ));
            return None;
        }
        if rest.is_empty() {
            notes.push((
                line,
                format!(
                    "{what} row `{name}` is a single word: a group heading or a row without \
                     type; left out"
                ),
            ));
            return None;
        }
        let split = |ty: &str, description: &str| Split {
            name: name.to_owned(),
            ty: ty.to_owned(),
            description: description.trim().to_owned(),
        };

        // Confirmed by the spec: the row starts with the documented type of this property.
        let expected = owner.and_then(|owner| Some((owner, self.property_type(owner, name)?)));
        if let Some((owner, expected)) = expected {
            if let Some(description) = after_words(rest, expected) {
                return Some(split(expected, description));
            }
            notes.push((
                line,
                format!(
                    "{what} row `{name}`: the spec documents `{owner}.{name}` as `{expected}`, \
                     but the row reads `{}`; split by the type names alone",
                    clip(rest)
                ),
            ));
        }

        // Decided by the vocabulary: a type is one word, optionally followed by `collection`.
        let (ty, after) = first_word(rest).unwrap_or((rest, ""));
        let known = self.is_type(ty);
        if let Some(description) = after_words(after, "collection") {
            let unknown = if known {
                String::new()
            } else {
                format!(", though the spec knows no type `{ty}`")
            };
            notes.push((
                line,
                format!(
                    "{what} row `{name}`: took `{ty} collection` as the type{unknown}; the spec \
                     does not confirm it, and the description could instead begin with \
                     `collection`"
                ),
            ));
            return Some(split(&format!("{ty} collection"), description));
        }
        if !known {
            notes.push((
                line,
                format!(
                    "{what} row `{name}`: `{ty}` is neither a primitive nor a type the spec \
                     knows; took it as the type (type names are one word) and the rest as the \
                     description"
                ),
            ));
        }
        Some(split(ty, after))
    }
}

/// The start of a long text, for a note.
pub fn clip(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text)),
        None => text.to_owned(),
    }
}
