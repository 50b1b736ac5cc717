//! The plain-text rendering of a documentation page (`*.txt`): the text a reader gets when
//! copying the published web page. The front matter and HTML comments are gone, headings are
//! plain lines, tables have lost their separators, links their targets and code blocks their
//! fences. This front end makes of it the same [`Page`] the markdown one makes, for the same
//! readers:
//!
//! * a heading is a line of its own naming a known section (`HTTP Request`, `Request body`,
//!   …); in the Example section, `Request` and `Response` start the two parts of an example,
//!   and each HTTP message runs from its request or status line through its JSON body;
//! * table rows are split back into cells (`rendered_tables`), name-type-description rows with
//!   the names and types the spec already knows ([`Knowledge::split`]), and every split it
//!   cannot make certain is reported;
//! * what the text cannot say (link targets and `code` marks in prose, the `keyProperty`
//!   annotation, the national clouds when their availability marks are missing
//!   (`rendered_clouds`), the markdown page's path (`rendered_source`)) is reported with its
//!   line, and nothing is invented in its place;
//! * the web page's chrome (navigation, "Feedback", "Copy" buttons, the "In this article"
//!   list) is skipped; lines before the title that are not known chrome are reported.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::spec::{Note, NoteKind};

use super::imported::Imported;
use super::knowledge::Knowledge;
use super::page::{self, Block, Code, Located, Page, PageKind, Rendering};
use super::parsed::{Context, Notes, PageError};
use super::reader;
use super::rendered_clouds::{marks, national_clouds};
use super::rendered_examples;
use super::rendered_source::source_of;
use super::rendered_tables::{self, Kind};
use super::rendered_text::{
    Run, Section, Structure, Text, is_code_label, is_table_header, normalized, structure,
};
use super::sections::{BodyShape, body_shape};

/// Whether `path` is a rendered page (`*.txt`).
pub(super) fn is_rendered(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "txt")
}

/// Reads one rendered page; on failure, the notes that say why.
pub(super) fn read(
    path: &Path,
    text: &str,
    context: &Context,
    version: &str,
    knowledge: &Knowledge,
) -> Result<Imported, Notes> {
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file_name.strip_suffix(".txt").unwrap_or(&file_name);
    if stem.is_empty() {
        return Err(vec![(0, "the page has no file name".to_owned())]);
    }
    let mut notes = Notes::new();
    let lines = Text::new(text);
    let (source, docs_root, stem) = source_of(
        path, &file_name, stem, &lines, version, knowledge, &mut notes,
    );
    let parsed = page(&lines, knowledge, &mut notes)
        .and_then(|page| reader::read(&page, &source, context, &mut notes));
    // In page order; notes about the whole page first.
    notes.sort_by_key(|(line, _)| *line);
    Imported::finish(path, source, docs_root, &stem, parsed, notes)
}

/// Cuts a page's text into its [`Page`]: a title ending in "resource type" or "enum type" is a
/// resource or enum page, anything else an API page.
pub(super) fn page(
    text: &Text,
    knowledge: &Knowledge,
    notes: &mut Notes,
) -> Result<Page, PageError> {
    let structure = structure(text, notes)?;
    let callouts = callouts(text, &structure);
    let title = structure.title.as_str();
    let lower = title.to_ascii_lowercase();
    let type_name = |suffix: &str| {
        lower
            .ends_with(suffix)
            .then(|| title.get(..title.len() - suffix.len()))
            .flatten()
            .map(str::trim)
    };
    let (kind, owner) = match (type_name(" resource type"), type_name(" enum type")) {
        (Some(name), _) => (PageKind::Resource, Some(name)),
        (None, Some(name)) => (PageKind::Enum, Some(name)),
        (None, None) => (PageKind::Api, None),
    };
    let key = owner
        .filter(|_| kind == PageKind::Resource)
        .and_then(|name| knowledge.key(name))
        .map(str::to_owned);
    let sections = structure
        .sections
        .iter()
        .map(|section| page::Section {
            heading: text
                .line(section.line - 1)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            level: 2,
            line: section.line,
            blocks: section_blocks(text, section, &callouts, owner, knowledge, notes),
        })
        .collect();
    Ok(Page {
        kind,
        rendering: Rendering::PlainText { key },
        title: Some((structure.title_line, structure.title.clone())),
        description: None,
        intro: intro(text, &structure, &callouts, notes),
        sections,
    })
}

/// The intro's blocks: call-outs, the national-cloud availability table and prose.
fn intro(
    text: &Text,
    structure: &Structure,
    callouts: &Callouts,
    notes: &mut Notes,
) -> Vec<Located> {
    let mut out = Vec::new();
    let mut runs = structure.intro.iter().copied().peekable();
    while let Some(run) = runs.next() {
        if let Some(stands_in) = callouts.take(run) {
            out.extend(stands_in);
            continue;
        }
        let prose = text.prose(run);
        if !prose
            .to_ascii_lowercase()
            .starts_with("this api is available in the following national cloud deployments")
        {
            out.push(Located {
                line: run.line(),
                block: Block::Paragraph(prose),
            });
            continue;
        }
        let table = runs
            .next_if(|next| text.line(next.first).contains("Global service"))
            .map(|table| {
                // Marks on a line of their own, after a blank line.
                let marks =
                    runs.next_if(|next| next.is_single() && marks(text.line(next.first)).is_some());
                (table, marks)
            });
        let clouds = match table {
            Some((table, marks)) => national_clouds(text, table, marks, notes),
            None => {
                notes.push((
                    run.line(),
                    "the national-cloud sentence is not followed by the table of clouds; \
                     national clouds not taken from it"
                        .to_owned(),
                ));
                None
            }
        };
        out.extend(clouds.map(|clouds| Located {
            line: run.line(),
            block: Block::Clouds(clouds),
        }));
    }
    out
}

/// A section's blocks. The HTTP request section's lines are all request lines (the text
/// cannot tell code from prose there), the Example section is cut into messages, the tables
/// the readers use are split into cells; the rest is prose.
fn section_blocks(
    text: &Text,
    section: &Section,
    callouts: &Callouts,
    owner: Option<&str>,
    knowledge: &Knowledge,
    notes: &mut Notes,
) -> Vec<Located> {
    match section.name.as_str() {
        "http request" | "http requests" => return request_lines(text, section, callouts),
        "example" | "examples" => {
            return rendered_examples::blocks(text, section, |run| callouts.take(run));
        }
        _ => {}
    }
    let is_prose = |run: &&Run| {
        !callouts.consumed.contains(&run.first) && !is_table_header(text.line(run.first))
    };
    // The Request body table is read as its first paragraph says the body is.
    let shape = (section.name == "request body")
        .then(|| section.blocks.iter().find(is_prose))
        .flatten()
        .map(|run| body_shape(&text.prose(*run)));
    let body = match &shape {
        Some(BodyShape::Parameters(_)) => Some(Kind::Typed {
            owner: None,
            what: "parameters",
        }),
        Some(BodyShape::Typed(ty)) => Some(Kind::Typed {
            owner: Some(ty),
            what: "request body",
        }),
        _ => None,
    };
    let mut out = Vec::new();
    for &run in &section.blocks {
        if let Some(stands_in) = callouts.take(run) {
            out.extend(stands_in);
            continue;
        }
        let header = text.line(run.first);
        if !is_table_header(header) {
            out.push(Located {
                line: run.line(),
                block: Block::Paragraph(text.prose(run)),
            });
            continue;
        }
        let kind = rendered_tables::kind(&section.name, &normalized(header), owner, body);
        if let Some(kind) = kind {
            out.push(Located {
                line: run.line(),
                block: Block::Table(Ok(rendered_tables::table(
                    text, run, kind, knowledge, notes,
                ))),
            });
        }
    }
    out
}

/// The HTTP request section's lines as code, one block per run of lines between the code
/// labels (`HTTP`) the web page shows.
fn request_lines(text: &Text, section: &Section, callouts: &Callouts) -> Vec<Located> {
    let mut out = Vec::new();
    for &run in &section.blocks {
        if let Some(stands_in) = callouts.take(run) {
            out.extend(stands_in);
            continue;
        }
        let mut code: Option<Code> = None;
        for index in run.first..=run.last + 1 {
            let line = text.line(index).trim();
            if index <= run.last && !text.is_blank(index) && !is_code_label(line) {
                let code = code.get_or_insert_with(|| Code {
                    info: "http".to_owned(),
                    lines: Vec::new(),
                    first_line: index + 1,
                    closed: true,
                });
                code.lines.push(line.to_owned());
            } else if let Some(code) = code.take() {
                out.push(Located {
                    line: code.first_line,
                    block: Block::Code(code),
                });
            }
        }
    }
    out
}

/// The page's call-outs and the runs they take.
#[derive(Default)]
struct Callouts {
    /// Each call-out, by the first-line index of the run that starts it.
    found: BTreeMap<usize, Note>,
    /// First-line indices of the runs that are call-outs.
    consumed: BTreeSet<usize>,
}

impl Callouts {
    /// For a run a call-out takes, what stands in its place: the call-out for the run that
    /// starts it, nothing for the paragraph of an alert box.
    fn take(&self, run: Run) -> Option<Option<Located>> {
        self.consumed.contains(&run.first).then(|| {
            self.found.get(&run.first).map(|note| Located {
                line: run.line(),
                block: Block::CallOut(Some(note.clone())),
            })
        })
    }
}

/// Paragraphs that start `Important:` or `Note:` (a markdown `>` call-out renders so), or an
/// `Important` / `Note` line followed by its paragraph (a DocFX alert box).
fn callouts(text: &Text, structure: &Structure) -> Callouts {
    let mut out = Callouts::default();
    let blocks: Vec<Run> = structure.all_blocks().collect();
    let mut index = 0;
    while let Some(&block) = blocks.get(index) {
        index += 1;
        let prose = text.prose(block);
        let labels = [
            ("Important:", NoteKind::Important),
            ("Note:", NoteKind::Note),
        ];
        let inline = labels.iter().find_map(|(label, kind)| {
            let rest = prose.strip_prefix(label)?.trim();
            (!rest.is_empty()).then(|| (*kind, rest.to_owned()))
        });
        if let Some((kind, rest)) = inline {
            out.consumed.insert(block.first);
            out.found.insert(block.first, Note { kind, text: rest });
            continue;
        }
        let boxed = labels.iter().find_map(|(label, kind)| {
            let word = label.trim_end_matches(':');
            (block.is_single() && prose.eq_ignore_ascii_case(word)).then_some(*kind)
        });
        if let (Some(kind), Some(&next)) = (boxed, blocks.get(index)) {
            index += 1;
            out.consumed.insert(block.first);
            out.consumed.insert(next.first);
            out.found.insert(
                block.first,
                Note {
                    kind,
                    text: text.prose(next),
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::Table;

    const PAGE: &str = "Get thing\n\
        \n\
        Namespace: microsoft.graph\n\
        \n\
        Note: Read the fine print.\n\
        \n\
        Get a thing.\n\
        \n\
        Permissions\n\
        \n\
        Permission type Permissions (from least to most privileged)\n\
        Delegated (work or school account) Thing.Read.All, Thing.ReadWrite.All\n\
        Application Not supported.\n\
        \n\
        HTTP request\n\
        \n\
        HTTP\n\
        GET /things/{id}\n\
        \n\
        Request headers\n\
        \n\
        Header Value\n\
        Accept application/json\n\
        \n\
        Example\n\
        \n\
        Request\n\
        \n\
        The request.\n\
        \n\
        GET https://graph.microsoft.com/beta/things/1\n\
        \n\
        Response\n\
        \n\
        HTTP/1.1 200 OK\n\
        Content-Type: application/json\n\
        \n\
        {\n\
          \"id\": \"1\"\n\
        }\n";

    fn read(text: &str) -> (Page, Notes) {
        let mut notes = Notes::new();
        let page = page(&Text::new(text), &Knowledge::default(), &mut notes).expect("page");
        (page, notes)
    }

    fn table<'p>(page: &'p Page, section: &str) -> &'p Table {
        let section = page.section(&[section]).expect("section");
        section
            .blocks
            .iter()
            .find_map(|located| match &located.block {
                Block::Table(Ok(table)) => Some(table),
                _ => None,
            })
            .expect("table")
    }

    fn cells(table: &Table) -> Vec<(usize, Vec<&str>)> {
        table
            .rows
            .iter()
            .map(|row| (row.line, row.cells.iter().map(String::as_str).collect()))
            .collect()
    }

    #[test]
    fn a_plain_text_page_becomes_title_intro_and_sections() {
        let (page, _) = read(PAGE);
        assert_eq!(page.kind, PageKind::Api);
        assert_eq!(page.title, Some((1, "Get thing".to_owned())));
        let intro: Vec<(usize, &Block)> = page
            .intro
            .iter()
            .map(|located| (located.line, &located.block))
            .collect();
        assert_eq!(
            intro,
            [
                (
                    3,
                    &Block::Paragraph("Namespace: microsoft.graph".to_owned())
                ),
                (
                    5,
                    &Block::CallOut(Some(Note {
                        kind: NoteKind::Note,
                        text: "Read the fine print.".to_owned()
                    }))
                ),
                (7, &Block::Paragraph("Get a thing.".to_owned())),
            ]
        );
        let headings: Vec<&str> = page.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            ["Permissions", "HTTP request", "Request headers", "Example"]
        );
    }

    #[test]
    fn tables_are_split_back_into_cells() {
        let (page, _) = read(PAGE);
        let permissions = table(&page, "Permissions");
        assert_eq!(
            permissions.header,
            [
                "Permission type",
                "Permissions (from least to most privileged)"
            ]
        );
        assert_eq!(
            cells(permissions),
            [
                (
                    12,
                    vec![
                        "Delegated (work or school account)",
                        "Thing.Read.All, Thing.ReadWrite.All"
                    ]
                ),
                (13, vec!["Application", "Not supported."]),
            ]
        );
        assert_eq!(
            cells(table(&page, "Request headers")),
            [(23, vec!["Accept", "application/json"])]
        );
    }

    #[test]
    fn request_lines_and_messages_become_code_without_their_labels() {
        let (page, _) = read(PAGE);
        let request = page.section(&["HTTP request"]).expect("section");
        let [
            Located {
                line: 18,
                block: Block::Code(code),
            },
        ] = request.blocks.as_slice()
        else {
            panic!("not one code block at line 18: {request:?}");
        };
        assert_eq!(code.lines, ["GET /things/{id}"]);
        let example = page.section(&["Example"]).expect("section");
        let kinds: Vec<(usize, &str)> = example
            .blocks
            .iter()
            .map(|located| {
                let kind = match &located.block {
                    Block::Heading { .. } => "heading",
                    Block::Paragraph(_) => "paragraph",
                    Block::Code(_) => "code",
                    _ => "other",
                };
                (located.line, kind)
            })
            .collect();
        assert_eq!(
            kinds,
            [
                (27, "heading"),
                (29, "paragraph"),
                (31, "code"),
                (33, "heading"),
                (35, "code"),
            ]
        );
        let Some(Block::Code(response)) = example.blocks.last().map(|b| &b.block) else {
            panic!("no response message");
        };
        assert_eq!(
            response.lines.len(),
            6,
            "status, header, blank, three lines of JSON"
        );
    }

    #[test]
    fn a_row_the_knowledge_cannot_split_is_reported_at_its_line() {
        let (page, notes) = read(
            "thing resource type\n\nNamespace: microsoft.graph\n\nA thing.\n\nProperties\n\n\
             Property Type Description\nid String The id.\nlonely\n",
        );
        assert_eq!(page.kind, PageKind::Resource);
        assert_eq!(page.rendering, Rendering::PlainText { key: None });
        assert_eq!(
            cells(table(&page, "Properties")),
            [(10, vec!["id", "String", "The id."])]
        );
        assert!(
            notes
                .iter()
                .any(|(line, reason)| *line == 11 && reason.contains("single word")),
            "{notes:?}"
        );
    }
}
