//! A resource or enum [`Page`] → an `entity`, `complex_type` or `enum`: the title names the
//! type, the intro describes it, the Properties, Relationships or Members table lists its
//! parts.

use crate::spec::{Entity, Enumeration, Member, Page as PageInfo, Property, unlocated};
use crate::vocabulary::{TypeRef, is_nameable};

use super::knowledge::clip;
use super::page::{Block, Found, Page, Rendering, first_table, paragraphs, table_in};
use super::parsed::{Context, Notes, PageError};
use super::parts::{Intro, intro, plain_note};
use super::sections::{note_flag_like, note_missing_key};
use super::table::Table;

/// Reads a resource page: an entity when it has a key, else a complex type.
pub fn resource(
    page: &Page,
    info: PageInfo,
    context: &Context,
    notes: &mut Notes,
) -> Result<Entity, PageError> {
    let mut name = type_name(page, " resource type")?;
    if let Some(cased) = annotated_casing(page, &name, context) {
        notes.push((
            page.title.as_ref().map_or(1, |(line, _)| *line),
            format!(
                "the title spells the type `{name}`, its annotation's `@odata.type` `{cased}`; \
                 read as `{cased}`"
            ),
        ));
        name = cased;
    }
    let intro = intro(page, context, notes);
    let description = description(page, &intro, notes);
    let key = key(page, &name, context, notes);
    let properties = properties(page, notes);
    note_missing_key(key.as_deref(), &properties, notes);
    let mut relationships = relationships(page, notes);
    relationships.retain(|relationship| {
        let listed = properties
            .iter()
            .any(|p| p.name.value == relationship.name.value);
        if listed {
            notes.push((
                0,
                format!(
                    "relationship `{}` is also a property; kept the property",
                    relationship.name.value
                ),
            ));
        }
        !listed
    });
    Ok(Entity {
        name: unlocated(name),
        description,
        page: info,
        key: key.map(unlocated),
        base_type: intro.base.map(unlocated),
        properties,
        relationships,
        overrides: Default::default(),
    })
}

/// Reads an enum page.
pub fn enumeration(
    page: &Page,
    info: PageInfo,
    context: &Context,
    notes: &mut Notes,
) -> Result<Enumeration, PageError> {
    let name = type_name(page, " enum type")?;
    let intro = intro(page, context, notes);
    let description = description(page, &intro, notes);
    let (line, members) = members(page, notes)?;
    if members.is_empty() {
        return Err(PageError::new(line, "the Members table has no usable row"));
    }
    note_flag_like(&members, &description, line, notes);
    Ok(Enumeration {
        name: unlocated(name),
        description,
        page: info,
        members,
        flags: false,
        overrides: Default::default(),
    })
}

/// The documented type name: the title without `suffix` (any case).
fn type_name(page: &Page, suffix: &str) -> Result<String, PageError> {
    let (line, title) = page
        .title
        .as_ref()
        .ok_or_else(|| PageError::new(1, "the page has no `# title` heading"))?;
    let name = title
        .strip_suffix(suffix)
        .or_else(|| {
            let lower = title.to_ascii_lowercase();
            lower
                .ends_with(suffix)
                .then(|| title.get(..title.len() - suffix.len()))
                .flatten()
        })
        .unwrap_or(title)
        .trim();
    if name.is_empty() || name.contains(char::is_whitespace) {
        return Err(PageError::new(
            *line,
            format!("cannot read a type name from the title `{title}` (expected `<name>{suffix}`)"),
        ));
    }
    Ok(name.to_owned())
}

/// The intro's prose, or the front matter's description when the body has none.
fn description(page: &Page, intro: &Intro, notes: &mut Notes) -> String {
    if let Some(text) = intro.text(page, "description", notes) {
        return text;
    }
    let fallback = page
        .description
        .as_deref()
        .map(super::markdown::decode_entities);
    let reason = match (&fallback, &page.rendering) {
        (Some(_), _) => "no description paragraph; used the front matter's `description`",
        (None, Rendering::Markdown) => "no description paragraph and no front matter `description`",
        (None, Rendering::PlainText { .. }) => "no description paragraph",
    };
    notes.push((
        page.title.as_ref().map_or(1, |(line, _)| *line),
        reason.to_owned(),
    ));
    fallback.unwrap_or_default()
}

/// The key property of type `name`: the markdown's resource annotation says it; a plain-text
/// page cannot show the annotation, so the spec's key is kept.
fn key(page: &Page, name: &str, context: &Context, notes: &mut Notes) -> Option<String> {
    match &page.rendering {
        Rendering::Markdown => {
            let (key, annotated) = annotation(page, name, context, notes);
            if !annotated {
                notes.push((
                    page.section(&["JSON Representation"])
                        .map_or(0, |section| section.line),
                    "no `\"blockType\": \"resource\"` annotation, so no `keyProperty`: written \
                     as a complex type"
                        .to_owned(),
                ));
            }
            key
        }
        Rendering::PlainText { key: Some(key) } => {
            notes.push((
                0,
                format!(
                    "the text cannot show the page's `keyProperty` annotation (an HTML \
                     comment); kept `key: {key}` from the spec's `{name}`"
                ),
            ));
            Some(key.clone())
        }
        Rendering::PlainText { key: None } => {
            notes.push((
                0,
                format!(
                    "the text cannot show the page's `keyProperty` annotation (an HTML comment) \
                     and the spec holds no entity `{name}`: written as a complex type"
                ),
            ));
            None
        }
    }
}

/// The page's resource annotation (`<!-- { "blockType": "resource", … } -->`) and its line;
/// one that is not JSON is noted.
fn resource_annotation(page: &Page, notes: &mut Notes) -> Option<(usize, serde_json::Value)> {
    page.blocks().find_map(|located| {
        let Block::Comment(text) = &located.block else {
            return None;
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            if text.contains("\"resource\"") {
                notes.push((
                    located.line,
                    "a resource annotation that is not valid JSON; ignored".to_owned(),
                ));
            }
            return None;
        };
        (value.get("blockType").and_then(|v| v.as_str()) == Some("resource"))
            .then_some((located.line, value))
    })
}

/// The type name the resource annotation's `@odata.type` spells when it is `name` in another
/// casing (`DriveItem resource type`, `microsoft.graph.driveItem`): the name the JSON and the
/// other pages use.
fn annotated_casing(page: &Page, name: &str, context: &Context) -> Option<String> {
    let (_, value) = resource_annotation(page, &mut Notes::new())?;
    let namespace = context.namespace.as_deref().unwrap_or("microsoft.graph");
    // Older pages write `@type`.
    let annotated = value
        .get("@odata.type")
        .or_else(|| value.get("@type"))?
        .as_str()?
        .strip_prefix(namespace)?
        .strip_prefix('.')?;
    (annotated != name && annotated.eq_ignore_ascii_case(name)).then(|| annotated.to_owned())
}

/// The `keyProperty` of the page's resource annotation, and whether there is an annotation.
fn annotation(
    page: &Page,
    name: &str,
    context: &Context,
    notes: &mut Notes,
) -> (Option<String>, bool) {
    if let Some((line, value)) = resource_annotation(page, notes) {
        if let Some(odata_type) = value.get("@odata.type").and_then(|v| v.as_str()) {
            let expected = context
                .namespace
                .as_deref()
                .map(|namespace| format!("{namespace}.{name}"));
            if let Some(expected) = expected.filter(|e| e != odata_type) {
                notes.push((
                    line,
                    format!("the annotation's `@odata.type` is `{odata_type}`, not `{expected}`"),
                ));
            }
        }
        let key = value
            .get("keyProperty")
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        return (key, true);
    }
    (None, false)
}

/// Rows of a `name | type | description` table; a plain-text page's descriptions lost their
/// marks.
pub fn property_rows(page: &Page, table: &Table, what: &str, notes: &mut Notes) -> Vec<Property> {
    if table.header.len() != 3 {
        notes.push((
            table.line,
            format!(
                "the {what} table has {} columns, expected 3 (name, type, description)",
                table.header.len()
            ),
        ));
    }
    let mut rows: Vec<Property> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    for row in &table.rows {
        let name = row.cell(0);
        let cell = super::markdown::strip_links(row.cell(1));
        let (ty, optional) = optional_marker(&cell);
        let ty = ty.to_owned();
        if !is_nameable(name) || !is_nameable(TypeRef::parse(&ty).name) {
            notes.push((
                row.line,
                format!(
                    "{what} row `{}` without a name or type; left out",
                    clip(&row.cells.join(" | "))
                ),
            ));
            continue;
        }
        // Pages whose tables group rows under headings list some rows under two groups.
        if let Some(first) = rows.iter().position(|p| p.name.value == name) {
            let same = rows[first].ty.value == ty;
            let differs = if same {
                String::new()
            } else {
                format!(
                    " with another type (`{ty}`, first `{}`)",
                    rows[first].ty.value
                )
            };
            notes.push((
                row.line,
                format!(
                    "{what} row `{name}` listed again{differs}; kept the first, line {}",
                    lines[first]
                ),
            ));
            continue;
        }
        lines.push(row.line);
        let description = row.cell(2);
        let description = if optional && !description.to_ascii_lowercase().contains("optional") {
            format!("Optional. {description}").trim_end().to_owned()
        } else {
            description.to_owned()
        };
        rows.push(Property {
            name: unlocated(name.to_owned()),
            ty: unlocated(ty),
            description,
            create: false,
        });
    }
    if page.is_plain() && !rows.is_empty() {
        plain_note(
            notes,
            table.line,
            &format!("the {what} table's Description column"),
        );
    }
    rows
}

/// A Type cell without the `(optional)` some tables write after the type (`String
/// (optional)`), and whether it had one: the description says it instead.
fn optional_marker(cell: &str) -> (&str, bool) {
    let cell = cell.trim();
    let marker = "(optional)";
    match cell.len().checked_sub(marker.len()) {
        Some(at) if cell.is_char_boundary(at) && cell[at..].eq_ignore_ascii_case(marker) => {
            (cell[..at].trim_end(), true)
        }
        _ => (cell, false),
    }
}

fn properties(page: &Page, notes: &mut Notes) -> Vec<Property> {
    let found = page
        .section(&["Properties"])
        .map_or(Found::Missing, |section| {
            table_in(&section.blocks, "Properties", notes)
        });
    match found {
        Found::Table(table) => property_rows(page, table, "Properties", notes),
        Found::Unreadable => Vec::new(),
        Found::Missing => {
            notes.push((
                0,
                "no Properties table; written as an empty list".to_owned(),
            ));
            Vec::new()
        }
    }
}

/// The Relationships table; empty when the page says "None".
fn relationships(page: &Page, notes: &mut Notes) -> Vec<Property> {
    let Some(section) = page.section(&["Relationships"]) else {
        return Vec::new();
    };
    match table_in(&section.blocks, "Relationships", notes) {
        Found::Table(table) => property_rows(page, table, "Relationships", notes),
        Found::Unreadable => Vec::new(),
        Found::Missing => {
            let says_none = paragraphs(&section.blocks).any(|(_, text)| text.trim() == "None");
            if !says_none {
                notes.push((
                    section.line,
                    "Relationships section has neither a table nor \"None\"".to_owned(),
                ));
            }
            Vec::new()
        }
    }
}

/// The Members table's 1-based line and its usable rows.
fn members(page: &Page, notes: &mut Notes) -> Result<(usize, Vec<Member>), PageError> {
    let section = page.section(&["Members"]);
    let table = match section.and_then(|section| first_table(&section.blocks, notes)) {
        Some(Ok(table)) => table,
        Some(Err(error)) => {
            return Err(PageError::new(
                error.line,
                format!("Members table unreadable: {}", error.reason),
            ));
        }
        None => {
            return Err(PageError::new(
                section.map_or(0, |section| section.line),
                "no Members table",
            ));
        }
    };
    let mut members = Vec::new();
    for row in &table.rows {
        let member = row.cell(0);
        let value = row.cell(1);
        match value.trim().parse::<i64>() {
            _ if members.iter().any(|m: &Member| m.name.value == member) => notes.push((
                row.line,
                format!("member `{member}` listed again; kept the first"),
            )),
            Ok(value) if members.iter().any(|m: &Member| m.value == value) => notes.push((
                row.line,
                format!(
                    "member `{member}` repeats the value {value} of an earlier member; left out"
                ),
            )),
            Ok(value) if is_nameable(member) => members.push(Member {
                name: unlocated(member.to_owned()),
                value,
                description: row.cell(2).to_owned(),
            }),
            _ => notes.push((
                row.line,
                format!("member `{member}` has no name or no integer value (`{value}`); left out"),
            )),
        }
    }
    if page.is_plain() && members.iter().any(|m| !m.description.is_empty()) {
        plain_note(notes, table.line, "the Members table's Description column");
    }
    Ok((table.line, members))
}
