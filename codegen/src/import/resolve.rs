//! Where each imported item goes and what it takes from other pages: the resource folder,
//! the entity's `create` flags (from its create/update page), and the values the pages never
//! state, kept from an existing file (`national_clouds`, enum `flags`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::spec::{Property, SpecFile, unlocated};
use crate::vocabulary::HttpMethod;

use super::existing::Existing;
use super::imported::Imported;
use super::markdown_page;
use super::parsed::{Context, Notes, Parsed};
use super::reader;
use super::report::ImportReport;

/// A spec item's place: its file and, for a new file, the folder the rules chose.
pub(super) struct Placed {
    /// The page and its item.
    pub page: Imported,
    /// The spec file it goes to.
    pub target: PathBuf,
    /// The index of that file in [`Existing::files`], when it exists.
    pub existing: Option<usize>,
}

fn folder_of(path: &Path, root: &Path) -> String {
    path.parent()
        .and_then(|parent| parent.strip_prefix(root).ok())
        .map(|relative| relative.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

/// Type names below " collection".
fn base_name(ty: &str) -> &str {
    ty.strip_suffix(" collection").unwrap_or(ty).trim()
}

/// Places every page's item: its file, its `create` flags, and the values kept from an
/// existing file. Pages that cannot be placed are reported as failed. Sorted by page.
pub(super) fn resolve(
    imported: Vec<Imported>,
    existing: &Existing,
    root: &Path,
    report: &mut ImportReport,
) -> Vec<Placed> {
    // One file per page: a second page with the same file name fails.
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut pages = Vec::new();
    for page in imported {
        if let Some(first) = seen.get(&page.file_name) {
            let reason = format!(
                "`{}` already imports to `{}` in this run; this page is left out",
                first.display(),
                page.file_name
            );
            report.fail(page.path, vec![(0, reason)]);
            continue;
        }
        seen.insert(page.file_name.clone(), page.path.clone());
        pages.push(page);
    }

    // Names of resource types known to this run or the spec directory.
    let mut known: Vec<String> = Vec::new();
    for page in &pages {
        if let SpecFile::Entity(resource) | SpecFile::ComplexType(resource) = &page.parsed.file {
            known.push(resource.name.value.clone());
        }
    }
    for file in &existing.files {
        if let Ok(SpecFile::Entity(entity) | SpecFile::ComplexType(entity)) = &file.spec {
            known.push(entity.name.value.clone());
        }
    }
    // Enums too, for recasing the types pages name.
    let mut known_types = known.clone();
    for page in &pages {
        if let SpecFile::Enum(enumeration) = &page.parsed.file {
            known_types.push(enumeration.name.value.clone());
        }
    }
    for file in &existing.files {
        if let Ok(SpecFile::Enum(enumeration)) = &file.spec {
            known_types.push(enumeration.name.value.clone());
        }
    }

    // Resources and endpoints first: enums follow the resources that use them.
    let mut placed: Vec<Placed> = Vec::new();
    let mut enums = Vec::new();
    for mut page in pages {
        let folder = match &page.parsed.file {
            SpecFile::Entity(resource) | SpecFile::ComplexType(resource) => {
                resource.name.value.clone()
            }
            SpecFile::Enum(enumeration) => {
                let name = enumeration.name.value.clone();
                enums.push((page, name));
                continue;
            }
            _ => {
                recase_types(&mut page.parsed, &known_types, &mut page.notes);
                endpoint_folder(&page.parsed, &known, &mut page.notes)
            }
        };
        placed.push(place(page, folder_name(&folder), existing, root));
    }
    for (mut page, name) in enums {
        let uses = |file: &SpecFile| match file {
            SpecFile::Entity(entity) | SpecFile::ComplexType(entity) => entity
                .properties
                .iter()
                .any(|p: &Property| base_name(&p.ty.value) == name),
            _ => false,
        };
        let from_run = placed
            .iter()
            .find(|other| uses(&other.page.parsed.file))
            .map(|other| folder_of(&other.target, root));
        let from_dir = || {
            existing
                .files
                .iter()
                .find(|file| file.spec.as_ref().is_ok_and(uses))
                .map(|file| file.folder(root))
        };
        let folder = from_run.or_else(from_dir).unwrap_or_else(|| {
            page.notes.push((
                0,
                format!(
                    "no imported or existing resource uses enum `{name}`; placed in its own \
                     folder `{name}`"
                ),
            ));
            name.clone()
        });
        placed.push(place(page, &folder, existing, root));
    }

    apply_create_flags(&mut placed, existing);
    apply_kept_values(&mut placed, existing);
    placed.sort_by(|a, b| a.page.path.cmp(&b.page.path));
    drop_repeats(placed, existing, root, report)
}

/// What the generator accepts once: a type by its name, an operation by its resource folder,
/// method and path shape.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Identity {
    Type(String),
    Operation(String, HttpMethod, String),
}

impl Identity {
    fn of(file: &SpecFile, target: &Path, root: &Path) -> Option<Identity> {
        match file {
            SpecFile::Entity(resource) | SpecFile::ComplexType(resource) => {
                Some(Identity::Type(resource.name.value.clone()))
            }
            SpecFile::Enum(enumeration) => Some(Identity::Type(enumeration.name.value.clone())),
            SpecFile::Endpoint(endpoint) => {
                let folder = folder_of(target, root);
                let resource = folder.split('/').next().unwrap_or_default().to_owned();
                let shape = crate::template::shape(&endpoint.path.value)?;
                Some(Identity::Operation(resource, endpoint.method.value, shape))
            }
            _ => None,
        }
    }
}

impl std::fmt::Display for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Identity::Type(name) => write!(f, "type `{name}`"),
            Identity::Operation(resource, method, path) => {
                write!(f, "`{method} {path}` on `{resource}`")
            }
        }
    }
}

/// Leaves out a page documenting a type or an operation that another page of this run, or
/// another file already in the spec, documents: the generator accepts each once. Files already
/// in the spec come first, then pages in path order.
fn drop_repeats(
    placed: Vec<Placed>,
    existing: &Existing,
    root: &Path,
    report: &mut ImportReport,
) -> Vec<Placed> {
    let targets: BTreeSet<&Path> = placed.iter().map(|p| p.target.as_path()).collect();
    let mut documented: BTreeMap<Identity, PathBuf> = existing
        .files
        .iter()
        .filter(|file| !targets.contains(file.path.as_path()))
        .filter_map(|file| {
            let identity = Identity::of(file.spec.as_ref().ok()?, &file.path, root)?;
            Some((identity, file.path.clone()))
        })
        .collect();
    let mut kept = Vec::new();
    for entry in placed {
        let Some(identity) = Identity::of(&entry.page.parsed.file, &entry.target, root) else {
            kept.push(entry);
            continue;
        };
        if let Some(first) = documented.get(&identity) {
            let reason = format!(
                "documents {identity}, which `{}` already documents; this page is left out",
                first.display()
            );
            // A type derived from an API page leaves the page's own item in.
            let derived = match &entry.page.parsed.file {
                SpecFile::Entity(resource) | SpecFile::ComplexType(resource) => {
                    resource.page.derived
                }
                SpecFile::Enum(enumeration) => enumeration.page.derived,
                _ => false,
            };
            let mut notes = entry.page.notes;
            notes.push((0, reason));
            if derived {
                for (line, note) in notes {
                    report.note(&entry.page.path, line, note);
                }
            } else {
                report.fail(entry.page.path, notes);
            }
            continue;
        }
        documented.insert(identity, entry.page.path.clone());
        kept.push(entry);
    }
    kept
}

/// The file an item goes to: an existing file of the same name wherever it is, else
/// `<root>/<folder>/<file name>`.
fn place(mut page: Imported, folder: &str, existing: &Existing, root: &Path) -> Placed {
    let mut same_name = existing.files.iter().enumerate().filter(|(_, file)| {
        file.path
            .file_name()
            .is_some_and(|n| n.to_string_lossy() == page.file_name)
    });
    let first = same_name.next();
    if let Some((_, other)) = same_name.next() {
        page.notes.push((
            0,
            format!(
                "the spec directory holds `{}` more than once (also `{}`); the first is updated",
                page.file_name,
                other.path.display()
            ),
        ));
    }
    match first {
        Some((index, file)) => {
            let kept = file.folder(root);
            if kept != folder {
                page.notes.push((
                    0,
                    format!(
                        "kept in folder `{kept}`, where the file already is; the rules would \
                         place it in `{folder}`"
                    ),
                ));
            }
            Placed {
                target: file.path.clone(),
                existing: Some(index),
                page,
            }
        }
        None => Placed {
            target: root.join(folder).join(&page.file_name),
            existing: None,
            page,
        },
    }
}

/// The folder of a resource named `name`: a qualified name keeps its namespace's last segment
/// (`microsoft.graph.security.alert` → `security.alert`), enough to set it apart from the
/// resource of `api.yaml`'s `alert`.
fn folder_name(name: &str) -> &str {
    let mut dots = name.rmatch_indices('.').map(|(at, _)| at);
    match (dots.next(), dots.next()) {
        (Some(_), Some(at)) => &name[at + 1..],
        _ => name,
    }
}

/// The documented name of an API page's entity type, read from the page before its file name:
/// a `driveItem: copy` title's type; a `Verb x` title's (`Update x`, `List xs`); the type the
/// file name names (`driveitem-get-content`), cased as a known type or a name in the page; the
/// first type a `Verb …` title's page names; else the file name's lower-case segment, with a
/// note. A name known in another casing (`Attachment`, `attachment`) takes the known one.
fn endpoint_folder(parsed: &Parsed, known: &[String], notes: &mut Notes) -> String {
    let SpecFile::Endpoint(endpoint) = &parsed.file else {
        return String::new();
    };
    let title = endpoint.name.value.as_str();
    let member_of = title
        .split_once(':')
        .map(|(ty, _)| ty.trim())
        .filter(|ty| !ty.is_empty() && ty.chars().all(|c| c.is_ascii_alphanumeric()));
    if let Some(ty) = member_of {
        return canonical(ty, known).to_owned();
    }
    let titled = title
        .split_once(' ')
        .filter(|(verb, _)| ["Create", "Update", "Get", "Delete", "List"].contains(verb));
    let single = titled.is_some_and(|(_, rest)| !rest.trim().contains(' '));
    if let Some(first) = parsed.subjects.first().filter(|_| single) {
        return canonical(first, known).to_owned();
    }
    if let Some(stem) = &parsed.stem_subject {
        let found = known
            .iter()
            .chain(parsed.subjects.iter())
            .find(|name| name.to_ascii_lowercase() == *stem);
        if let Some(found) = found {
            return found.clone();
        }
    }
    if let Some(first) = parsed.subjects.first().filter(|_| titled.is_some()) {
        return canonical(first, known).to_owned();
    }
    if let Some(stem) = &parsed.stem_subject {
        notes.push((
            0,
            format!(
                "cannot tell the documented casing of the page's type `{stem}` (from its file \
                 name): no imported page or name in the page spells it; placed in folder \
                 `{stem}`"
            ),
        ));
        return stem.clone();
    }
    let fallback = endpoint
        .response
        .ty
        .as_ref()
        .or_else(|| endpoint.request_body.as_ref().and_then(|b| b.ty.as_ref()))
        .map_or_else(
            || endpoint.name.value.replace(' ', "_"),
            |ty| ty.value.clone(),
        );
    notes.push((
        0,
        format!("cannot tell the page's entity type; placed in folder `{fallback}`"),
    ));
    fallback
}

/// `name` as a known type spells it: the same name, else the one known type equal to it but
/// for case; `name` itself when there is none or more than one.
fn canonical<'n>(name: &'n str, known: &'n [String]) -> &'n str {
    if known.iter().any(|k| k == name) {
        return name;
    }
    let mut others = known.iter().filter(|k| k.eq_ignore_ascii_case(name));
    match (others.next(), others.next()) {
        (Some(only), None) => only,
        _ => name,
    }
}

/// Gives the types an endpoint names (its response, request body and parameters) the casing
/// of the known type they name but for case (`[Attachment](../resources/attachment.md)` is
/// `attachment`), with a note: the generator would hold them as two types.
fn recase_types(parsed: &mut Parsed, known: &[String], notes: &mut Notes) {
    let SpecFile::Endpoint(endpoint) = &mut parsed.file else {
        return;
    };
    let mut recase = |ty: &mut String| {
        let name = crate::vocabulary::TypeRef::parse(ty).name.to_owned();
        let known_name = canonical(&name, known).to_owned();
        if known_name != name {
            notes.push((
                0,
                format!("the page names the type `{name}`, documented as `{known_name}`; read as `{known_name}`"),
            ));
            *ty = ty.replacen(&name, &known_name, 1);
        }
    };
    if let Some(ty) = &mut endpoint.response.ty {
        recase(&mut ty.value);
    }
    if let Some(body) = &mut endpoint.request_body {
        if let Some(ty) = &mut body.ty {
            recase(&mut ty.value);
        }
        for parameter in &mut body.parameters {
            recase(&mut parameter.ty.value);
        }
    }
}

/// Sets `create` on the properties of each entity from its create/update page's request-body
/// table: one imported in this run, else one already in the spec directory (re-read from the
/// documentation), else the flags of the entity's existing file.
fn apply_create_flags(placed: &mut [Placed], existing: &Existing) {
    // Type → (property names, pages) from this run.
    let mut tables: BTreeMap<String, (BTreeSet<String>, Vec<String>)> = BTreeMap::new();
    for entry in placed.iter() {
        let SpecFile::Endpoint(endpoint) = &entry.page.parsed.file else {
            continue;
        };
        if !matches!(endpoint.method.value, HttpMethod::Post | HttpMethod::Patch) {
            continue;
        }
        if let Some((ty, rows)) = &entry.page.parsed.body_properties {
            let slot = tables.entry(ty.clone()).or_default();
            slot.0.extend(rows.iter().map(|row| row.name.value.clone()));
            slot.1.push(entry.page.source.clone());
        }
    }
    let run_resources: BTreeSet<String> = placed
        .iter()
        .filter_map(|entry| match &entry.page.parsed.file {
            SpecFile::Entity(resource) | SpecFile::ComplexType(resource) => {
                Some(resource.name.value.clone())
            }
            _ => None,
        })
        .collect();

    for entry in placed.iter_mut() {
        let (SpecFile::Entity(resource) | SpecFile::ComplexType(resource)) =
            &mut entry.page.parsed.file
        else {
            continue;
        };
        let from_run = tables
            .get(&resource.name.value)
            .map(|(names, sources)| (names.clone(), sources.join(", ")));
        let from_dir = || {
            let root = entry.page.docs_root.as_ref()?;
            existing.files.iter().find_map(|file| {
                let Ok(SpecFile::Endpoint(endpoint)) = &file.spec else {
                    return None;
                };
                let ty = endpoint.request_body.as_ref()?.ty.as_ref()?;
                if ty.value != resource.name.value
                    || !matches!(endpoint.method.value, HttpMethod::Post | HttpMethod::Patch)
                {
                    return None;
                }
                let source = endpoint.page.source.value.clone();
                let path = root.join(&source);
                let text = fs::read_to_string(&path).ok()?;
                let folder = path.parent()?;
                let read = |target: &str| fs::read_to_string(folder.join(target)).ok();
                let mut scratch = Notes::new();
                let folder_name = folder.file_name()?.to_string_lossy();
                let page = markdown_page::page(&text, &folder_name, &read, &mut scratch).ok()?;
                let parsed =
                    reader::read(&page, &source, &Context::default(), &mut scratch).ok()?;
                let (_, rows) = parsed.body_properties?;
                let names = rows.into_iter().map(|row| row.name.value).collect();
                Some((names, source))
            })
        };
        match from_run.or_else(from_dir) {
            Some((names, sources)) => {
                for property in &mut resource.properties {
                    property.create = names.contains(&property.name.value);
                }
                let unknown: Vec<&str> = names
                    .iter()
                    .filter(|name| !resource.properties.iter().any(|p| &p.name.value == *name))
                    .map(String::as_str)
                    .collect();
                if !unknown.is_empty() {
                    entry.page.notes.push((
                        0,
                        format!(
                            "the request-body table of {sources} lists properties this page \
                             does not: {}",
                            unknown.join(", ")
                        ),
                    ));
                }
            }
            None => {
                let kept =
                    entry
                        .existing
                        .and_then(|index| match &existing.files.get(index)?.spec {
                            Ok(SpecFile::Entity(old) | SpecFile::ComplexType(old)) => Some(
                                old.properties
                                    .iter()
                                    .filter(|p| p.create)
                                    .map(|p| p.name.value.clone())
                                    .collect::<BTreeSet<_>>(),
                            ),
                            _ => None,
                        });
                match kept.filter(|names| !names.is_empty()) {
                    Some(names) => {
                        for property in &mut resource.properties {
                            property.create = names.contains(&property.name.value);
                        }
                    }
                    None if resource.key.is_some() => entry.page.notes.push((
                        0,
                        format!(
                            "no create or update page of `{}` in this run or the spec \
                             directory: no property is marked `create`",
                            resource.name.value
                        ),
                    )),
                    None => {}
                }
            }
        }
    }

    // A create/update page whose entity is not in this run: say when the entity's file in the
    // spec directory disagrees with the table.
    for entry in placed.iter_mut() {
        let Some((ty, rows)) = &entry.page.parsed.body_properties else {
            continue;
        };
        if run_resources.contains(ty) {
            continue;
        }
        let names: BTreeSet<&String> = rows.iter().map(|row| &row.name.value).collect();
        let stale = existing.files.iter().find_map(|file| match &file.spec {
            Ok(SpecFile::Entity(old) | SpecFile::ComplexType(old)) if old.name.value == *ty => {
                let flagged: BTreeSet<&String> = old
                    .properties
                    .iter()
                    .filter(|p| p.create)
                    .map(|p| &p.name.value)
                    .collect();
                let listed: BTreeSet<&String> = old
                    .properties
                    .iter()
                    .map(|p| &p.name.value)
                    .filter(|name| names.contains(name))
                    .collect();
                (flagged != listed).then(|| file.path.clone())
            }
            _ => None,
        });
        if let Some(path) = stale {
            entry.page.notes.push((
                0,
                format!(
                    "the `create` flags of `{}` do not match this page's request-body table; \
                     re-import the resource page with this one to update them",
                    path.display()
                ),
            ));
        }
    }
}

/// Values the pages do not state, kept from an existing file: `national_clouds` (else left
/// out: not stated) and enum `flags`.
fn apply_kept_values(placed: &mut [Placed], existing: &Existing) {
    for entry in placed.iter_mut() {
        let old = entry
            .existing
            .and_then(|index| existing.files.get(index))
            .and_then(|file| file.spec.as_ref().ok());
        match &mut entry.page.parsed.file {
            SpecFile::Endpoint(endpoint) if entry.page.parsed.clouds_unstated => {
                if let Some(SpecFile::Endpoint(old)) = old {
                    endpoint.national_clouds = old
                        .national_clouds
                        .as_ref()
                        .map(|clouds| clouds.iter().map(|c| unlocated(c.value)).collect());
                }
            }
            SpecFile::Enum(enumeration) => {
                if let Some(SpecFile::Enum(old)) = old {
                    enumeration.flags = old.flags;
                }
            }
            _ => {}
        }
    }
}
