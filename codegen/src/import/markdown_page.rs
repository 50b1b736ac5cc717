//! The markdown front end: a page's markdown → its [`Page`]. The front matter's `doc_type`
//! says the page's kind (older pages have none, or no front matter: their title and sections
//! say it); the first `#` heading is the title, `##` headings start sections; tables are
//! parsed with their quirks (`table`), `>` quotes read as call-outs.

use crate::spec::{Note, NoteKind};

use super::includes;
use super::lists;
use super::markdown::{self, Document, decode_entities};
use super::page::{Block, Code, Located, Page, PageKind, Rendering, Section};
use super::parsed::{Notes, PageError};
use super::table;

/// Cuts a markdown page into its [`Page`]; a kind told by the page rather than its
/// `doc_type` is noted. `folder` is the name of the folder holding the page (`api`,
/// `resources`; empty when unknown), which the page's bare links (`[alert](security-alert.md)`)
/// are relative to.
pub fn page(
    text: &str,
    folder: &str,
    read: includes::Reader<'_>,
    notes: &mut Notes,
) -> Result<Page, PageError> {
    let mut document = Document::parse(text)?;
    // Before the includes come in: their links are relative to their own file.
    for located in &mut document.blocks {
        sibling_links(&mut located.block, folder);
    }
    document.blocks = includes::splice(std::mem::take(&mut document.blocks), read);
    let kind = match document.front("doc_type") {
        Some("resourcePageType") => PageKind::Resource,
        Some("enumPageType") => PageKind::Enum,
        Some("apiPageType") => PageKind::Api,
        Some(other) => {
            return Err(PageError::new(
                front_line(text, "doc_type"),
                format!(
                    "unknown `doc_type: {other}`; expected resourcePageType, enumPageType or \
                     apiPageType"
                ),
            ));
        }
        None => {
            let missing = if document.front_matter.is_some() {
                "the front matter has no `doc_type`"
            } else {
                "no front matter"
            };
            let (kind, evidence) = inferred_kind(&document.blocks).ok_or_else(|| {
                PageError::new(
                    1,
                    format!(
                        "{missing}, and the page does not tell its kind: no `# … resource type` \
                         or `# … enum type` title, no `HTTP request`, `Members`, `Properties` or \
                         `JSON representation` section"
                    ),
                )
            })?;
            let what = match kind {
                PageKind::Resource => "a resource page",
                PageKind::Enum => "an enum page",
                PageKind::Api => "an API page",
            };
            notes.push((1, format!("{missing}: read as {what}, as its {evidence}")));
            kind
        }
    };
    let title_index = document
        .blocks
        .iter()
        .position(|b| matches!(b.block, markdown::Block::Heading { level: 1, .. }));
    let title = match title_index.and_then(|index| document.blocks.get(index)) {
        Some(markdown::Located {
            line,
            block: markdown::Block::Heading { text, .. },
        }) => Some((*line, decode_entities(text))),
        _ => document.front("title").map(|t| (1, decode_entities(t))),
    };
    let mut intro = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    for (index, located) in document.blocks.iter().enumerate() {
        if Some(index) == title_index {
            continue;
        }
        let line = located.line;
        let block = match &located.block {
            markdown::Block::Heading { level, text } if *level <= 2 => {
                sections.push(Section {
                    heading: text.clone(),
                    level: *level,
                    line,
                    blocks: Vec::new(),
                });
                continue;
            }
            markdown::Block::Heading { level, text } => Block::Heading {
                level: *level,
                text: text.clone(),
            },
            markdown::Block::Paragraph(lines) => {
                Block::Paragraph(decode_entities(&lists::join_lines(lines)))
            }
            markdown::Block::Table(rows) => Block::Table(
                table::parse(rows).map_err(|(line, reason)| PageError::new(line, reason)),
            ),
            markdown::Block::Code {
                info,
                lines,
                closed,
            } => Block::Code(Code {
                info: info.clone(),
                lines: lines.clone(),
                first_line: line + 1,
                closed: *closed,
            }),
            markdown::Block::Comment(text) => Block::Comment(text.clone()),
            markdown::Block::Quote(lines) => Block::CallOut(call_out(lines)),
            markdown::Block::Include { name, target } => Block::Include {
                name: name.clone(),
                target: target.clone(),
            },
        };
        let located = Located { line, block };
        match sections.last_mut() {
            Some(section) => section.blocks.push(located),
            None => intro.push(located),
        }
    }
    Ok(Page {
        kind,
        rendering: Rendering::Markdown,
        title,
        description: document.front("description").map(str::to_owned),
        intro,
        sections,
    })
}

/// Writes each bare link of `block` to a sibling page (`x.md`, `./x.md#anchor`) with the folder
/// it lives in, `../<folder>/x.md`, as the other pages' links are written: the link then says
/// where its page is published whatever page, of whatever folder, its text ends up in.
fn sibling_links(block: &mut markdown::Block, folder: &str) {
    if folder.is_empty() {
        return;
    }
    let rewrite = |text: &mut String| {
        *text = markdown::map_link_targets(text, |target| sibling_target(target, folder));
    };
    match block {
        markdown::Block::Heading { text, .. } => rewrite(text),
        markdown::Block::Paragraph(lines) | markdown::Block::Quote(lines) => {
            lines.iter_mut().for_each(rewrite);
        }
        markdown::Block::Table(rows) => rows.iter_mut().for_each(|(_, row)| rewrite(row)),
        markdown::Block::Code { .. }
        | markdown::Block::Comment(_)
        | markdown::Block::Include { .. } => {}
    }
}

/// `target` written from the documentation's root folders, when it is a page beside the
/// linking one in `folder`.
fn sibling_target(target: &str, folder: &str) -> Option<String> {
    let sibling = target.strip_prefix("./").unwrap_or(target);
    let path = sibling.split(['#', '?']).next().unwrap_or(sibling);
    let is_page = path
        .get(path.len().saturating_sub(3)..)
        .is_some_and(|extension| extension.eq_ignore_ascii_case(".md"));
    (is_page && path.len() > 3 && !path.contains(['/', '\\', ':']))
        .then(|| format!("../{folder}/{sibling}"))
}

/// The kind a page without `doc_type` shows, and what shows it: its title (`# x resource
/// type`, `# x enum type`), else its first section that only one kind has.
fn inferred_kind(blocks: &[markdown::Located]) -> Option<(PageKind, String)> {
    let headings = blocks.iter().filter_map(|located| match &located.block {
        markdown::Block::Heading { level, text } => Some((*level, text.trim())),
        _ => None,
    });
    let title = headings.clone().find(|(level, _)| *level == 1);
    if let Some((_, title)) = title {
        let lower = title.to_ascii_lowercase();
        for (ending, kind) in [
            ("resource type", PageKind::Resource),
            ("enum type", PageKind::Enum),
        ] {
            if lower.ends_with(ending) {
                return Some((kind, format!("title `{title}` says")));
            }
        }
    }
    headings
        .filter(|(level, _)| (2..=3).contains(level))
        .find_map(|(_, heading)| {
            let lower = heading.to_ascii_lowercase();
            let kind = if lower.starts_with("http request") {
                PageKind::Api
            } else if lower == "members" {
                PageKind::Enum
            } else if lower == "properties" || lower == "json representation" {
                PageKind::Resource
            } else {
                return None;
            };
            Some((kind, format!("`{heading}` section shows")))
        })
}

/// A call-out: a `>` quote that starts with a label, `**Important:**`, `**Note**:`, `**Notes**:`,
/// `Note:` or a DocFX alert (`[!NOTE]`, `[!TIP]`, `[!CAUTION]`, any case).
fn call_out(lines: &[String]) -> Option<Note> {
    let text = lines
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let (label, rest) = if let Some(alert) = text.strip_prefix("[!") {
        alert.split_once(']')?
    } else if let Some(bold) = text.strip_prefix("**") {
        let (label, rest) = bold.split_once("**")?;
        (label, rest.strip_prefix(':').unwrap_or(rest))
    } else {
        text.split_once(':')?
    };
    let kind = match label
        .trim()
        .trim_end_matches(':')
        .to_ascii_lowercase()
        .as_str()
    {
        "important" => NoteKind::Important,
        "note" | "notes" => NoteKind::Note,
        "tip" => NoteKind::Tip,
        "caution" => NoteKind::Caution,
        "warning" => NoteKind::Warning,
        _ => return None,
    };
    let rest = decode_entities(rest.trim());
    (!rest.is_empty()).then_some(Note { kind, text: rest })
}

/// The 1-based line of a front matter key, or 1.
fn front_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| line.trim_start().starts_with(key))
        .map_or(1, |index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "---\n\
        title: \"Get thing\"\n\
        doc_type: apiPageType\n\
        ---\n\
        \n\
        # Get thing\n\
        \n\
        Namespace: microsoft.graph\n\
        \n\
        > **Note:** Read the &lt;fine&gt; print.\n\
        \n\
        Get a [thing](../resources/thing.md).\n\
        \n\
        ## Request headers\n\
        |Header|Value|\n\
        |:---|:---|\n\
        |Accept|application/json|\n\
        \n\
        ## Example\n\
        ### Request\n\
        ```http\n\
        GET /things/{id}\n\
        ```\n";

    #[test]
    fn a_bare_link_to_a_sibling_page_says_its_folder() {
        let sibling = |target| sibling_target(target, "resources");
        assert_eq!(
            sibling("alert.md").as_deref(),
            Some("../resources/alert.md")
        );
        assert_eq!(
            sibling("./user.md#properties").as_deref(),
            Some("../resources/user.md#properties")
        );
        assert_eq!(
            sibling("directoryObject.MD").as_deref(),
            Some("../resources/directoryObject.MD")
        );
        for kept in [
            "../api/alert-get.md",
            "/graph/permissions-reference",
            "https://aka.ms/x.md",
            "#properties",
            "image.png",
            ".md",
        ] {
            assert_eq!(sibling(kept), None, "{kept}");
        }
        let mut table = markdown::Block::Table(vec![(
            3,
            "|[Get alert](../api/alert-get.md)|[alert](alert.md)|".to_owned(),
        )]);
        sibling_links(&mut table, "resources");
        assert_eq!(
            table,
            markdown::Block::Table(vec![(
                3,
                "|[Get alert](../api/alert-get.md)|[alert](../resources/alert.md)|".to_owned()
            )])
        );
    }

    #[test]
    fn a_markdown_page_becomes_title_intro_and_sections() {
        let page = page(PAGE, "", &|_| None, &mut Notes::new()).expect("page");
        assert_eq!(page.kind, PageKind::Api);
        assert_eq!(page.rendering, Rendering::Markdown);
        assert_eq!(page.title, Some((6, "Get thing".to_owned())));
        let intro: Vec<&Block> = page.intro.iter().map(|located| &located.block).collect();
        assert_eq!(
            intro,
            [
                &Block::Paragraph("Namespace: microsoft.graph".to_owned()),
                &Block::CallOut(Some(Note {
                    kind: NoteKind::Note,
                    text: "Read the <fine> print.".to_owned()
                })),
                &Block::Paragraph("Get a [thing](../resources/thing.md).".to_owned()),
            ]
        );
        let headings: Vec<(&str, usize)> = page
            .sections
            .iter()
            .map(|section| (section.heading.as_str(), section.line))
            .collect();
        assert_eq!(headings, [("Request headers", 14), ("Example", 19)]);
    }

    #[test]
    fn tables_keep_their_cells_and_code_its_first_line() {
        let page = page(PAGE, "", &|_| None, &mut Notes::new()).expect("page");
        let headers = page.section(&["request headers"]).expect("section");
        let Some(Block::Table(Ok(table))) = headers.blocks.first().map(|b| &b.block) else {
            panic!("no table: {headers:?}");
        };
        assert_eq!(table.header, ["Header", "Value"]);
        let rows: Vec<(usize, &[String])> = table
            .rows
            .iter()
            .map(|row| (row.line, row.cells.as_slice()))
            .collect();
        assert_eq!(
            rows,
            [(
                17,
                &["Accept".to_owned(), "application/json".to_owned()][..]
            )]
        );
        let example = page.section(&["Example"]).expect("section");
        let blocks: Vec<(usize, &Block)> = example
            .blocks
            .iter()
            .map(|located| (located.line, &located.block))
            .collect();
        assert_eq!(
            blocks,
            [
                (
                    20,
                    &Block::Heading {
                        level: 3,
                        text: "Request".to_owned()
                    }
                ),
                (
                    21,
                    &Block::Code(Code {
                        info: "http".to_owned(),
                        lines: vec!["GET /things/{id}".to_owned()],
                        first_line: 22,
                        closed: true,
                    })
                ),
            ]
        );
    }

    #[test]
    fn a_page_without_doc_type_is_read_as_the_kind_it_shows() {
        let mut notes = Notes::new();
        let resource = page(
            "# subscription resource type\n\nA subscription.\n\n## Properties\n",
            "",
            &|_| None,
            &mut notes,
        )
        .expect("a resource page");
        assert_eq!(resource.kind, PageKind::Resource);
        assert_eq!(
            notes,
            [(
                1,
                "no front matter: read as a resource page, as its title `subscription resource \
                 type` says"
                    .to_owned()
            )]
        );
        let mut notes = Notes::new();
        let api = page(
            "---\ntitle: Upload\n---\n# Upload a file\n\n## Permissions\n\n\
             ## HTTP request (to upload a new file)\n",
            "",
            &|_| None,
            &mut notes,
        )
        .expect("an API page");
        assert_eq!(api.kind, PageKind::Api);
        assert!(
            notes[0].1.starts_with(
                "the front matter has no `doc_type`: read as an API page, as its `HTTP request \
                 (to upload a new file)` section shows"
            ),
            "{notes:?}"
        );
        let error = page(
            "# Device management in Intune\n\n## Overview\n",
            "",
            &|_| None,
            &mut notes,
        )
        .expect_err("a conceptual page");
        assert!(
            error
                .reason
                .starts_with("no front matter, and the page does not tell its kind")
        );
    }

    #[test]
    fn call_outs_are_read_in_every_labelling() {
        let note = |lines: &[&str]| {
            call_out(&lines.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>())
                .map(|note| (note.kind, note.text))
        };
        assert_eq!(
            note(&["[!TIP]", "Directory extensions are returned by default."]),
            Some((
                NoteKind::Tip,
                "Directory extensions are returned by default.".to_owned()
            ))
        );
        assert_eq!(
            note(&["[!Note]", "Changes are in development."]),
            Some((NoteKind::Note, "Changes are in development.".to_owned()))
        );
        assert_eq!(
            note(&["**Notes**: ", "- One.", "- Two."]),
            Some((NoteKind::Note, "- One. - Two.".to_owned()))
        );
        assert_eq!(
            note(&["Note:", "The `/teams` endpoint requires Group.Read.All."]),
            Some((
                NoteKind::Note,
                "The `/teams` endpoint requires Group.Read.All.".to_owned()
            ))
        );
        assert_eq!(
            note(&["**Note** Be aware of the known issue."]),
            Some((NoteKind::Note, "Be aware of the known issue.".to_owned()))
        );
        assert_eq!(
            note(&["[!CAUTION]", "Deleting is permanent."]).map(|(kind, _)| kind),
            Some(NoteKind::Caution)
        );
        assert_eq!(
            note(&["**Microsoft Teams support group collaboration**. You can use it."]),
            None
        );
    }

    #[test]
    fn an_unknown_doc_type_fails_at_its_line() {
        let error = page(
            "---\ntitle: x\ndoc_type: conceptualPageType\n---\n# x\n",
            "",
            &|_| None,
            &mut Notes::new(),
        )
        .expect_err("unknown kind");
        assert_eq!(error.line, 3);
    }
}
