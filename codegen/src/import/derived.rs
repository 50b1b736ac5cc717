//! What an API page documents about types that have no page in the import: a create/update
//! page's request-body table gives its entity's properties, and "Possible values are: …" in a
//! property's description gives that property's enum. Each derived item is marked
//! `page.derived` and goes to the file its own page would write, so that page, imported later,
//! replaces it; a type with a page in this run or a file in the spec directory is never derived.

use std::collections::BTreeSet;

use crate::primitive::Primitive;
use crate::spec::{Entity, Enumeration, Member, Overrides, Page, Property, SpecFile, unlocated};
use crate::vocabulary::{HttpMethod, TypeRef};

use super::existing::Existing;
use super::imported::Imported;
use super::parsed::Parsed;

/// The items derived from `imported`'s API pages, for the types nothing else documents.
pub(super) fn derive(imported: &[Imported], existing: &Existing) -> Vec<Imported> {
    let mut known: BTreeSet<String> = imported
        .iter()
        .filter_map(|page| type_name(&page.parsed.file))
        .collect();
    known.extend(
        existing
            .files
            .iter()
            .filter_map(|file| file.spec.as_ref().ok())
            .filter(|spec| !is_derived(spec))
            .filter_map(type_name),
    );
    let mut derived = Vec::new();
    for page in imported {
        let SpecFile::Endpoint(endpoint) = &page.parsed.file else {
            continue;
        };
        let Some((ty, rows)) = &page.parsed.body_properties else {
            continue;
        };
        let writes = matches!(endpoint.method.value, HttpMethod::Post | HttpMethod::Patch);
        if !writes || rows.is_empty() || !known.insert(ty.clone()) {
            continue;
        }
        let stem = entity_stem(&page.file_name);
        let properties: Vec<Property> = rows
            .iter()
            .map(|row| Property {
                name: unlocated(row.name.value.clone()),
                ty: unlocated(row.ty.value.clone()),
                description: row.description.clone(),
                create: true,
            })
            .collect();
        for property in &properties {
            let name = TypeRef::parse(&property.ty.value).name;
            if Primitive::from_documented(name).is_some() || known.contains(name) {
                continue;
            }
            let Some(values) = possible_values(&property.description) else {
                continue;
            };
            known.insert(name.to_owned());
            let enumeration = Enumeration {
                name: unlocated(name.to_owned()),
                description: String::new(),
                page: derived_page(page),
                members: values
                    .into_iter()
                    .zip(0..)
                    .map(|(value, number)| Member {
                        name: unlocated(value),
                        value: number,
                        description: String::new(),
                    })
                    .collect(),
                flags: false,
                overrides: Overrides::default(),
            };
            let reason = format!(
                "no page for enum `{name}`: derived from the \"Possible values are\" of \
                 `{}`, numbered in the listed order (the page states no values)",
                property.name.value
            );
            let file_name = sibling_stem(&stem, ty, name);
            derived.push(item(
                page,
                file_name,
                SpecFile::Enum(Box::new(enumeration)),
                reason,
            ));
        }
        let key = properties
            .iter()
            .any(|p| p.name.value == "id")
            .then(|| unlocated("id".to_owned()));
        let entity = Entity {
            name: unlocated(ty.clone()),
            description: String::new(),
            page: derived_page(page),
            key,
            base_type: None,
            properties,
            relationships: Vec::new(),
            overrides: Overrides::default(),
        };
        let reason = format!(
            "no page for `{ty}` in this run or the spec directory: its entity is derived from \
             this page's request-body table"
        );
        derived.push(item(page, stem, SpecFile::Entity(Box::new(entity)), reason));
    }
    derived
}

fn item(page: &Imported, stem: String, file: SpecFile, reason: String) -> Imported {
    Imported {
        path: page.path.clone(),
        source: page.source.clone(),
        docs_root: page.docs_root.clone(),
        file_name: format!("{stem}.yaml"),
        parsed: Parsed::type_page(file),
        notes: vec![(0, reason)],
    }
}

fn derived_page(page: &Imported) -> Page {
    Page {
        source: unlocated(page.source.clone()),
        notes: Vec::new(),
        derived: true,
    }
}

fn type_name(file: &SpecFile) -> Option<String> {
    match file {
        SpecFile::Entity(resource) | SpecFile::ComplexType(resource) => {
            Some(resource.name.value.clone())
        }
        SpecFile::Enum(enumeration) => Some(enumeration.name.value.clone()),
        _ => None,
    }
}

fn is_derived(file: &SpecFile) -> bool {
    match file {
        SpecFile::Entity(resource) | SpecFile::ComplexType(resource) => resource.page.derived,
        SpecFile::Enum(enumeration) => enumeration.page.derived,
        _ => false,
    }
}

/// The resource page's stem, as the API pages name themselves after it:
/// `intune-x-thing-update.yaml` → `intune-x-thing`.
fn entity_stem(file_name: &str) -> String {
    let stem = file_name.strip_suffix(".yaml").unwrap_or(file_name);
    stem.rsplit_once('-')
        .map_or(stem, |(resource, _verb)| resource)
        .to_owned()
}

/// The stem of another type's page beside the entity's: the entity's stem ends with its name
/// in lower case after the workload's prefix (`intune-deviceconfig-`), which the other keeps.
fn sibling_stem(entity_stem: &str, entity: &str, other: &str) -> String {
    let prefix = entity_stem
        .strip_suffix(entity.to_ascii_lowercase().as_str())
        .unwrap_or("");
    format!("{prefix}{}", other.to_ascii_lowercase())
}

/// The values of "Possible values are: `a`, `b`, …" (code marks or, in plain text, bare
/// words), up to the sentence's end; `None` without such a sentence or with a value that is
/// not an identifier.
fn possible_values(description: &str) -> Option<Vec<String>> {
    const LEAD: &str = "possible values are:";
    let at = description.to_ascii_lowercase().find(LEAD)?;
    let list = description.get(at + LEAD.len()..)?;
    let list = list
        .split(". ")
        .next()
        .unwrap_or(list)
        .trim_end_matches('.');
    // A value listed twice is one member.
    let mut values: Vec<String> = Vec::new();
    for value in list.split(',').map(|value| value.trim().trim_matches('`')) {
        if !values.iter().any(|seen| seen == value) {
            values.push(value.to_owned());
        }
    }
    let identifiers = values.iter().all(|value| {
        value.chars().next().is_some_and(char::is_alphabetic)
            && value.chars().all(|c| c.is_alphanumeric() || c == '_')
    });
    (identifiers && !values.is_empty()).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possible_values_are_read_with_or_without_code_marks() {
        let marked = "Revoke status. Possible values are: `none`, `pending`, `revoked`.";
        let plain = "Revoke status. Possible values are: none, pending, revoked. More.";
        let expected = ["none", "pending", "revoked"].map(str::to_owned).to_vec();
        assert_eq!(possible_values(marked), Some(expected.clone()));
        assert_eq!(possible_values(plain), Some(expected));
        assert_eq!(possible_values("Possible values are: 1 to 5."), None);
        assert_eq!(possible_values("No list."), None);
        let repeated = "Possible values are: `none`, `pending`, `none`.";
        assert_eq!(
            possible_values(repeated),
            Some(["none", "pending"].map(str::to_owned).to_vec())
        );
    }

    #[test]
    fn derived_files_go_where_their_own_pages_would() {
        let stem = entity_stem("intune-deviceconfig-managedalldevicecertificatestate-update.yaml");
        assert_eq!(stem, "intune-deviceconfig-managedalldevicecertificatestate");
        assert_eq!(
            sibling_stem(
                &stem,
                "managedAllDeviceCertificateState",
                "certificateRevocationStatus"
            ),
            "intune-deviceconfig-certificaterevocationstatus"
        );
    }
}
