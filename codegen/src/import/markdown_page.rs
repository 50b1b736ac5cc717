//! The markdown front end: a page's markdown → its [`Page`]. The front matter's `doc_type`
//! says the page's kind; the first `#` heading is the title, `##` headings start sections;
//! tables are parsed with their quirks (`table`), `>` quotes read as call-outs.

use crate::spec::{Note, NoteKind};

use super::lists;
use super::markdown::{self, Document, decode_entities};
use super::page::{Block, Code, Located, Page, PageKind, Rendering, Section};
use super::parsed::PageError;
use super::table;

/// Cuts a markdown page into its [`Page`].
pub fn page(text: &str) -> Result<Page, PageError> {
    let document = Document::parse(text)?;
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
            return Err(PageError::new(
                1,
                "the front matter has no `doc_type`, so the page kind is unknown",
            ));
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
    fn a_markdown_page_becomes_title_intro_and_sections() {
        let page = page(PAGE).expect("page");
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
        let page = page(PAGE).expect("page");
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
    fn an_unknown_doc_type_fails_at_its_line() {
        let error = page("---\ntitle: x\ndoc_type: conceptualPageType\n---\n# x\n")
            .expect_err("unknown kind");
        assert_eq!(error.line, 3);
    }
}
