//! A markdown page's parts every page kind shares (title, call-outs, description, tables) and
//! the resource and enum page readers. API pages are read by `endpoint`.

use crate::spec::{Member, Note, NoteKind, Page, Property, unlocated};

use super::markdown::{
    Block, Document, Located, PageError, decode_entities, first_link_text, strip_links,
};
use super::parsed::{Context, Notes};
use super::table::{self, Table};
use super::type_page::TypePage;

/// A paragraph's lines as one line of markdown, entities decoded.
pub fn paragraph(lines: &[String]) -> String {
    decode_entities(&lines.join(" "))
}

/// The page title: the level-1 heading, else the front matter title.
pub fn title(document: &Document) -> Option<(usize, String)> {
    document
        .title()
        .map(|(line, text)| (line, decode_entities(text)))
        .or_else(|| document.front("title").map(|t| (1, decode_entities(t))))
}

/// The intro's prose paragraphs (not the `Namespace:` or `Inherits from` lines), joined by a
/// blank line, and the line of the first one.
pub fn intro_text(
    document: &Document,
    context: &Context,
    notes: &mut Notes,
) -> Option<(usize, String)> {
    let mut first_line = None;
    let mut parts = Vec::new();
    for located in document.intro() {
        let Block::Paragraph(lines) = &located.block else {
            continue;
        };
        let text = paragraph(lines);
        if let Some(namespace) = text.strip_prefix("Namespace:") {
            let namespace = namespace.trim();
            if let Some(expected) = context.namespace.as_ref().filter(|e| *e != namespace) {
                notes.push((
                    located.line,
                    format!("the page's namespace `{namespace}` is not `{expected}` of api.yaml"),
                ));
            }
            continue;
        }
        if text.starts_with("Inherits from") {
            continue;
        }
        first_line.get_or_insert(located.line);
        parts.push(text);
    }
    first_line.map(|line| (line, parts.join("\n\n")))
}

/// The page's source path and its call-outs, minus those `api.yaml` already carries.
pub(super) fn page_info(
    document: &Document,
    source: &str,
    context: &Context,
    notes: &mut Notes,
) -> Page {
    let mut page_notes = Vec::new();
    for located in &document.blocks {
        let Block::Quote(lines) = &located.block else {
            continue;
        };
        let Some(note) = call_out(lines) else {
            notes.push((
                located.line,
                "a `>` block that is neither `**Important:**` nor `**Note:**`; left out".to_owned(),
            ));
            continue;
        };
        match &context.api_notes {
            Some(api_notes)
                if api_notes
                    .iter()
                    .any(|n| n.kind == note.kind && n.text == note.text) => {}
            Some(_) => {
                if note.kind == NoteKind::Important {
                    notes.push((
                        located.line,
                        "an `Important` call-out that differs from api.yaml's; kept as a page note"
                            .to_owned(),
                    ));
                }
                page_notes.push(note);
            }
            None => page_notes.push(note),
        }
    }
    Page {
        source: unlocated(source.to_owned()),
        notes: page_notes,
    }
}

/// A `> **Important:** …` / `> **Note:** …` / `> [!NOTE]` call-out.
fn call_out(lines: &[String]) -> Option<Note> {
    let text = lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let labels = [
        ("**Important:**", NoteKind::Important),
        ("**Important**:", NoteKind::Important),
        ("**Note:**", NoteKind::Note),
        ("**Note**:", NoteKind::Note),
        ("[!IMPORTANT]", NoteKind::Important),
        ("[!NOTE]", NoteKind::Note),
    ];
    labels.iter().find_map(|(label, kind)| {
        let rest = text.strip_prefix(label)?;
        let rest = decode_entities(rest.trim());
        (!rest.is_empty()).then_some(Note {
            kind: *kind,
            text: rest,
        })
    })
}

/// The first table of a section, parsed; its repair notes go to `notes`.
pub fn section_table(
    document: &Document,
    names: &[&str],
    notes: &mut Notes,
) -> Option<Result<Table, (usize, String)>> {
    let (_, blocks) = document.section(names)?;
    first_table(blocks, notes)
}

/// The first table among `blocks`, parsed.
pub fn first_table(
    blocks: &[Located],
    notes: &mut Notes,
) -> Option<Result<Table, (usize, String)>> {
    blocks.iter().find_map(|located| match &located.block {
        Block::Table(rows) => {
            Some(table::parse(rows).inspect(|table| notes.extend(table.notes.iter().cloned())))
        }
        _ => None,
    })
}

/// A Type cell: links replaced by their text.
pub fn type_cell(cell: &str) -> String {
    strip_links(cell).trim().to_owned()
}

/// Rows of a `name | type | description` table.
pub fn property_rows(table: &Table, what: &str, notes: &mut Notes) -> Vec<Property> {
    if table.header.len() != 3 {
        notes.push((
            table.line,
            format!(
                "the {what} table has {} columns, expected 3 (name, type, description)",
                table.header.len()
            ),
        ));
    }
    let mut rows = Vec::new();
    for row in &table.rows {
        let name = row.cell(0);
        let ty = type_cell(row.cell(1));
        if name.is_empty() || ty.is_empty() {
            notes.push((
                row.line,
                format!("{what} row without a name or type; left out"),
            ));
            continue;
        }
        rows.push(Property {
            name: unlocated(name.to_owned()),
            ty: unlocated(ty),
            description: row.cell(2).to_owned(),
            create: false,
        });
    }
    rows
}

/// The `keyProperty` of the page's resource annotation, and whether there is an annotation.
fn annotation(
    document: &Document,
    name: &str,
    context: &Context,
    notes: &mut Notes,
) -> (Option<String>, bool) {
    for located in &document.blocks {
        let Block::Comment(text) = &located.block else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
            if text.contains("\"resource\"") {
                notes.push((
                    located.line,
                    "a resource annotation that is not valid JSON; ignored".to_owned(),
                ));
            }
            continue;
        };
        if value.get("blockType").and_then(|v| v.as_str()) != Some("resource") {
            continue;
        }
        if let Some(odata_type) = value.get("@odata.type").and_then(|v| v.as_str()) {
            let expected = context
                .namespace
                .as_deref()
                .map(|namespace| format!("{namespace}.{name}"));
            if let Some(expected) = expected.filter(|e| e != odata_type) {
                notes.push((
                    located.line,
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

/// A page's markdown and what reading it needs from outside the page.
pub struct MarkdownPage<'d> {
    /// The page.
    pub document: &'d Document,
    /// `api.yaml`'s call-outs and namespace.
    pub context: &'d Context,
}

impl TypePage for MarkdownPage<'_> {
    fn type_name(&self, suffix: &str) -> Result<String, PageError> {
        let (line, title) = title(self.document)
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
            .unwrap_or(&title)
            .trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(PageError::new(
                line,
                format!(
                    "cannot read a type name from the title `{title}` (expected `<name>{suffix}`)"
                ),
            ));
        }
        Ok(name.to_owned())
    }

    /// The description paragraph, or the front matter's description when the body has none.
    fn description(&self, notes: &mut Notes) -> String {
        let document = self.document;
        match intro_text(document, self.context, notes) {
            Some((_, text)) => text,
            None => {
                let fallback = document.front("description").map(decode_entities);
                notes.push((
                    document.title().map_or(1, |(line, _)| line),
                    if fallback.is_some() {
                        "no description paragraph; used the front matter's `description`".to_owned()
                    } else {
                        "no description paragraph and no front matter `description`".to_owned()
                    },
                ));
                fallback.unwrap_or_default()
            }
        }
    }

    fn base_type(&self) -> Option<String> {
        self.document
            .intro()
            .iter()
            .find_map(|located| match &located.block {
                Block::Paragraph(lines) => {
                    let text = paragraph(lines);
                    let rest = text.strip_prefix("Inherits from")?.trim();
                    let base = first_link_text(rest)
                        .map(str::to_owned)
                        .or_else(|| rest.split_whitespace().next().map(str::to_owned))?;
                    Some(base.trim().to_owned())
                }
                _ => None,
            })
    }

    fn key(&self, name: &str, notes: &mut Notes) -> Option<String> {
        let (key, annotated) = annotation(self.document, name, self.context, notes);
        if !annotated {
            notes.push((
                self.document
                    .section(&["JSON Representation"])
                    .map_or(0, |(line, _)| line),
                "no `\"blockType\": \"resource\"` annotation, so no `keyProperty`: written as a \
                 complex type"
                    .to_owned(),
            ));
        }
        key
    }

    fn properties(&self, _name: &str, notes: &mut Notes) -> Vec<Property> {
        match section_table(self.document, &["Properties"], notes) {
            Some(Ok(table)) => property_rows(&table, "Properties", notes),
            Some(Err((line, reason))) => {
                notes.push((line, format!("Properties table unreadable: {reason}")));
                Vec::new()
            }
            None => {
                notes.push((
                    0,
                    "no Properties table; written as an empty list".to_owned(),
                ));
                Vec::new()
            }
        }
    }

    fn relationships(&self, _name: &str, notes: &mut Notes) -> Vec<Property> {
        let Some((line, blocks)) = self.document.section(&["Relationships"]) else {
            return Vec::new();
        };
        match first_table(blocks, notes) {
            Some(Ok(table)) => property_rows(&table, "Relationships", notes),
            Some(Err((line, reason))) => {
                notes.push((line, format!("Relationships table unreadable: {reason}")));
                Vec::new()
            }
            None => {
                let says_none = blocks.iter().any(|b| {
                    matches!(&b.block, Block::Paragraph(lines) if paragraph(lines).trim() == "None")
                });
                if !says_none {
                    notes.push((
                        line,
                        "Relationships section has neither a table nor \"None\"".to_owned(),
                    ));
                }
                Vec::new()
            }
        }
    }

    fn members(&self, notes: &mut Notes) -> Result<(usize, Vec<Member>), PageError> {
        let table = match section_table(self.document, &["Members"], notes) {
            Some(Ok(table)) => table,
            Some(Err((line, reason))) => {
                return Err(PageError::new(
                    line,
                    format!("Members table unreadable: {reason}"),
                ));
            }
            None => {
                return Err(PageError::new(
                    self.document
                        .section(&["Members"])
                        .map_or(0, |(line, _)| line),
                    "no Members table",
                ));
            }
        };
        let mut members = Vec::new();
        for row in &table.rows {
            let member = row.cell(0);
            let value = row.cell(1);
            match value.trim().parse::<i64>() {
                Ok(value) if !member.is_empty() => members.push(Member {
                    name: unlocated(member.to_owned()),
                    value,
                    description: row.cell(2).to_owned(),
                }),
                _ => notes.push((
                    row.line,
                    format!("member `{member}` has no integer value (`{value}`); left out"),
                )),
            }
        }
        Ok((table.line, members))
    }
}
