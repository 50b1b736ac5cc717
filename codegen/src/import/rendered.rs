//! The plain-text rendering of a documentation page (`*.txt`): the text a reader gets when
//! copying the published web page. The front matter and HTML comments are gone, headings are
//! plain lines, tables have lost their separators, links their targets and code blocks their
//! fences. This reader makes of it the same item the markdown reader makes:
//!
//! * a heading is a line of its own naming a known section (`HTTP Request`, `Request body`,
//!   …); in the Example section, `Request` and `Response` start the two parts of an example,
//!   and each HTTP message runs from its request or status line through its JSON body;
//! * table rows are split with the names and types the spec already knows
//!   ([`Knowledge::split`]), and every split it cannot make certain is reported;
//! * what the text cannot say (link targets and `code` marks in prose, the `keyProperty`
//!   annotation, the national clouds when their availability marks are missing, the markdown
//!   page's path) is reported with its line, and nothing is invented in its place;
//! * the web page's chrome (navigation, "Feedback", "Copy" buttons, the "In this article"
//!   list) is skipped; lines before the title that are not known chrome are reported.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use crate::spec::{
    Example, Header, Member, Note, NoteKind, Page, Parameter, Permissions, Property, RequestBody,
    Response, SpecFile, unlocated,
};
use crate::vocabulary::{HttpMethod, NationalCloud};

use super::api_page::{self, ApiPage};
use super::example;
use super::imported::Imported;
use super::knowledge::{Knowledge, clip, first_word, is_name};
use super::markdown::{PageError, strip_links};
use super::parsed::{Context, Notes, Parsed, resource_file};
use super::rendered_text::{
    Block, Section, Structure, Table, Text, find_table, is_code_label, is_edge_chrome,
    is_example_part, is_table_header, normalized, structure,
};
use super::sections::{self, BodyTable, PermissionLabel, PermissionRow};
use super::type_page::{self, TypePage};

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
    let parsed = parse(&lines, &source, context, knowledge, &mut notes);
    // In page order; notes about the whole page first.
    notes.sort_by_key(|(line, _)| *line);
    Imported::finish(path, source, docs_root, &stem, parsed, notes)
}

// ---------------------------------------------------------------------------------------------
// Where the page comes from

/// The page's `page.source`, the documentation root, and the stem its spec file is named after.
///
/// The source is the markdown page when the text names it (its path, or its published address
/// `…/graph/api/[resources/]<name>?view=graph-rest-<version>`); else the source of the spec
/// file the page updates, kept as other unstated values are; else the rendered file's own path
/// below the documentation root. The last two leave a note.
fn source_of(
    path: &Path,
    file_name: &str,
    stem: &str,
    text: &Text,
    version: &str,
    knowledge: &Knowledge,
    notes: &mut Notes,
) -> (String, Option<PathBuf>, String) {
    let parent = path.parent();
    let folder = parent
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy().into_owned());
    let grandparent = parent.and_then(Path::parent);
    let (root, own) = match folder.as_deref() {
        Some(folder @ ("api" | "resources")) => {
            let version_dir = grandparent
                .and_then(Path::file_name)
                .map_or_else(|| version.to_owned(), |n| n.to_string_lossy().into_owned());
            (
                grandparent.and_then(Path::parent),
                format!("{version_dir}/{folder}/{file_name}"),
            )
        }
        Some(folder) => (grandparent, format!("{folder}/{file_name}")),
        None => (None, file_name.to_owned()),
    };
    let root = root.map(Path::to_path_buf);
    if let Some((line, named)) = named_markdown(text, version) {
        let named_stem = named
            .rsplit('/')
            .next()
            .and_then(|file| file.strip_suffix(".md"))
            .unwrap_or(stem)
            .to_owned();
        if named_stem != stem {
            notes.push((
                line,
                format!(
                    "the text names its markdown page `{named}`, whose name is not the file's: \
                     the spec file is named after the page"
                ),
            ));
        }
        return (named, root, named_stem);
    }
    if let Some(kept) = knowledge.source(stem) {
        notes.push((
            0,
            format!(
                "the text does not name its markdown page; kept `page.source: {kept}` of the \
                 spec's `{stem}.yaml`"
            ),
        ));
        return (kept.to_owned(), root, stem.to_owned());
    }
    let beside = root.as_ref().and_then(|root| {
        ["api", "resources"].iter().find_map(|folder| {
            let candidate = format!("{version}/{folder}/{stem}.md");
            root.join(&candidate).is_file().then_some(candidate)
        })
    });
    let hint = match beside {
        Some(markdown) => format!(
            "; the markdown page `{markdown}` has the same name: if it is the page rendered, \
             set `page.source` to it by hand"
        ),
        None => String::new(),
    };
    notes.push((
        0,
        format!(
            "the text does not name its markdown page, so `page.source` is the rendered file \
             `{own}`{hint}"
        ),
    ));
    (own, root, stem.to_owned())
}

/// The markdown page the text names, `<version>/<api|resources>/<name>.md`, and its line.
fn named_markdown(text: &Text, version: &str) -> Option<(usize, String)> {
    for (index, line) in text.lines.iter().enumerate() {
        for word in line.split_whitespace() {
            let word = word
                .trim_matches(|c: char| "()[]<>\"'`".contains(c))
                .trim_end_matches(['.', ',', ';', ':']);
            if let Some(found) = markdown_path(word, version).or_else(|| published(word, version)) {
                return Some((index + 1, found));
            }
        }
    }
    None
}

/// `…/<version>/<api|resources>/<name>.md` → `<version>/<folder>/<name>.md`.
fn markdown_path(word: &str, version: &str) -> Option<String> {
    let segments: Vec<&str> = word.split('/').collect();
    let [.., v, folder, file] = segments.as_slice() else {
        return None;
    };
    let ok = *v == version
        && matches!(*folder, "api" | "resources")
        && file.strip_suffix(".md").is_some_and(|s| !s.is_empty());
    ok.then(|| format!("{v}/{folder}/{file}"))
}

/// `https://learn.microsoft.com/…/graph/api/[resources/]<name>?view=graph-rest-<version>` →
/// `<version>/<api|resources>/<name>.md`.
fn published(word: &str, version: &str) -> Option<String> {
    let (address, query) = word.split_once('?')?;
    let view = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("view=graph-rest-"))?;
    if view != version {
        return None;
    }
    let rest = address.split_once("/graph/api/")?.1;
    let (folder, name) = match rest.strip_prefix("resources/") {
        Some(name) => ("resources", name),
        None => ("api", rest),
    };
    (!name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '-'))
        .then(|| format!("{version}/{folder}/{name}.md"))
}

/// The first prose block of a section (not a table, not a call-out): its line and text.
fn first_prose(text: &Text, section: &Section, callouts: &Callouts) -> Option<(usize, String)> {
    section
        .blocks
        .iter()
        .find(|block| {
            !callouts.consumed.contains(&block.first) && !is_table_header(text.line(block.first))
        })
        .map(|block| (block.line(), text.prose(*block)))
}

/// Says that a prose field was written as plain text.
fn plain_note(notes: &mut Notes, line: usize, what: &str) {
    notes.push((
        line,
        format!(
            "{what} is written as plain text: the rendering keeps no link targets and no `code` \
             or bold marks, so any the page had are lost"
        ),
    ));
}

/// Markdown reduced to what a rendering shows: links to their text, no `code` or bold marks.
fn plain(markdown: &str) -> String {
    strip_links(markdown).replace("**", "").replace('`', "")
}

// ---------------------------------------------------------------------------------------------
// Call-outs and the intro

/// The page's call-outs and the blocks they take.
#[derive(Default)]
struct Callouts {
    /// `(line, call-out)`, in page order.
    found: Vec<(usize, Note)>,
    /// First-line indices of the blocks that are call-outs.
    consumed: BTreeSet<usize>,
}

/// Paragraphs that start `Important:` or `Note:` (a markdown `>` call-out renders so), or an
/// `Important` / `Note` line followed by its paragraph (a DocFX alert box).
fn callouts(text: &Text, structure: &Structure) -> Callouts {
    let mut out = Callouts::default();
    let blocks: Vec<Block> = structure.all_blocks().collect();
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
            out.found.push((block.line(), Note { kind, text: rest }));
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
            out.found.push((
                block.line(),
                Note {
                    kind,
                    text: text.prose(next),
                },
            ));
        }
    }
    out
}

/// The page's source and call-outs, minus those `api.yaml` already carries.
fn page_info(callouts: &Callouts, source: &str, context: &Context, notes: &mut Notes) -> Page {
    let mut page_notes = Vec::new();
    for (line, note) in &callouts.found {
        let same = context.api_notes.as_ref().map(|api_notes| {
            api_notes
                .iter()
                .any(|n| n.kind == note.kind && plain(&n.text) == note.text)
        });
        if same == Some(true) {
            continue;
        }
        if same == Some(false) && note.kind == NoteKind::Important {
            notes.push((
                *line,
                "an `Important` call-out that differs from api.yaml's; kept as a page note"
                    .to_owned(),
            ));
        }
        let kind = match note.kind {
            NoteKind::Important => "important",
            NoteKind::Note => "note",
        };
        plain_note(
            notes,
            *line,
            &format!(
                "the paragraph `{}` was taken for a `{kind}` call-out (the text cannot show the \
                 `>` that marks one); it",
                clip(&note.text)
            ),
        );
        page_notes.push(note.clone());
    }
    Page {
        source: unlocated(source.to_owned()),
        notes: page_notes,
    }
}

/// What the intro says besides call-outs.
#[derive(Default)]
struct Intro {
    /// Prose paragraphs: `(line, text)`.
    paragraphs: Vec<(usize, String)>,
    /// "Inherits from x".
    base: Option<String>,
    /// National clouds, when the text says which.
    clouds: Option<Vec<Spanned<NationalCloud>>>,
}

fn intro(
    text: &Text,
    structure: &Structure,
    callouts: &Callouts,
    context: &Context,
    notes: &mut Notes,
) -> Intro {
    let mut out = Intro::default();
    let mut blocks = structure.intro.iter().copied().peekable();
    while let Some(block) = blocks.next() {
        if callouts.consumed.contains(&block.first) {
            continue;
        }
        let prose = text.prose(block);
        if let Some(rest) = prose.strip_prefix("Namespace:") {
            let (namespace, more) = first_word(rest).unwrap_or(("", ""));
            if let Some(expected) = context.namespace.as_ref().filter(|e| *e != namespace) {
                notes.push((
                    block.line(),
                    format!(
                        "the page's namespace `{}` is not `{expected}` of api.yaml",
                        clip(namespace)
                    ),
                ));
            }
            if !more.is_empty() {
                notes.push((
                    block.line(),
                    format!("text after the namespace left out: `{}`", clip(more)),
                ));
            }
            continue;
        }
        if let Some(rest) = prose.strip_prefix("Inherits from") {
            out.base = first_word(rest)
                .map(|(word, _)| word.trim_end_matches(['.', ',']).to_owned())
                .filter(|word| !word.is_empty());
            continue;
        }
        if prose
            .to_ascii_lowercase()
            .starts_with("this api is available in the following national cloud deployments")
        {
            let table = blocks
                .next_if(|next| text.line(next.first).contains("Global service"))
                .map(|table| {
                    // Marks on a line of their own, after a blank line.
                    let marks = blocks
                        .next_if(|next| next.is_single() && marks(text.line(next.first)).is_some());
                    (table, marks)
                });
            out.clouds = match table {
                Some((table, marks)) => national_clouds(text, table, marks, notes),
                None => {
                    notes.push((
                        block.line(),
                        "the national-cloud sentence is not followed by the table of clouds; \
                         national clouds not taken from it"
                            .to_owned(),
                    ));
                    None
                }
            };
            continue;
        }
        out.paragraphs.push((block.line(), prose));
    }
    out
}

/// The clouds' column names in the national-cloud table, in the order of [`NationalCloud::ALL`].
const CLOUD_COLUMNS: [&str; 4] = [
    "Global service",
    "US Government L4",
    "US Government L5 (DOD)",
    "China operated by 21Vianet",
];

/// A line of availability marks (✅ / ❌), one per cloud, or `None`.
fn marks(line: &str) -> Option<Vec<bool>> {
    let mark = |word: &str| match word.trim_end_matches('\u{fe0f}') {
        "✅" | "✔" | "✓" | ":white_check_mark:" | "Yes" | "yes" => Some(true),
        "❌" | "✖" | "✗" | "✘" | ":x:" | "No" | "no" | "—" | "-" => Some(false),
        _ => None,
    };
    let words: Option<Vec<bool>> = line.split_whitespace().map(mark).collect();
    let found = match words {
        Some(found) if found.len() == CLOUD_COLUMNS.len() => Some(found),
        _ => line
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{fe0f}')
            .map(|c| mark(c.encode_utf8(&mut [0; 4])))
            .collect(),
    };
    found.filter(|found| found.len() == CLOUD_COLUMNS.len())
}

/// The clouds the national-cloud table marks as available; `None`, with a note, when the text
/// has no marks (the rendering often loses them) or another table.
fn national_clouds(
    text: &Text,
    table: Block,
    marks_block: Option<Block>,
    notes: &mut Notes,
) -> Option<Vec<Spanned<NationalCloud>>> {
    let header = text.line(table.first).trim();
    let mut rest = header;
    for column in CLOUD_COLUMNS {
        match rest.find(column) {
            Some(at) => rest = rest.get(at + column.len()..).unwrap_or(""),
            None => {
                notes.push((
                    table.line(),
                    format!(
                        "the national-cloud table `{}` does not list the four clouds in the \
                         usual order; national clouds not taken from it",
                        clip(header)
                    ),
                ));
                return None;
            }
        }
    }
    let marks_line = if table.last > table.first {
        Some(text.line(table.first + 1))
    } else {
        marks_block.map(|block| text.line(block.first))
    };
    match marks_line.and_then(marks) {
        Some(found) => Some(
            NationalCloud::ALL
                .into_iter()
                .zip(found)
                .filter(|(_, available)| *available)
                .map(|(cloud, _)| unlocated(cloud))
                .collect(),
        ),
        None => {
            notes.push((
                table.line(),
                "the national-cloud table lists the four clouds, but the text has none of its \
                 availability marks (✅/❌): which clouds the operation is available in is not \
                 stated, so national clouds are not taken from it"
                    .to_owned(),
            ));
            None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Pages

/// Reads a rendered page of any kind: a title ending in "resource type" or "enum type" is a
/// resource or enum page, anything else an API page.
fn parse(
    text: &Text,
    source: &str,
    context: &Context,
    knowledge: &Knowledge,
    notes: &mut Notes,
) -> Result<Parsed, PageError> {
    let structure = structure(text, notes)?;
    let callouts = callouts(text, &structure);
    let page = page_info(&callouts, source, context, notes);
    let intro = intro(text, &structure, &callouts, context, notes);
    let rendered = Reader {
        text,
        structure: &structure,
        callouts: &callouts,
        knowledge,
        intro: &intro,
    };
    let lower = structure.title.to_ascii_lowercase();
    if lower.ends_with(" resource type") {
        let resource = type_page::resource(&rendered, page, notes)?;
        return Ok(Parsed::type_page(resource_file(resource)));
    }
    if lower.ends_with(" enum type") {
        let enumeration = type_page::enumeration(&rendered, page, notes)?;
        return Ok(Parsed::type_page(SpecFile::Enum(Box::new(enumeration))));
    }
    api_page::read(&rendered, page, source, notes)
}

/// A page's plain text, as the page readers see it ([`TypePage`], [`ApiPage`]): its lines,
/// their structure, its call-outs and intro, and what the spec knows to split its tables.
struct Reader<'r, 'a> {
    text: &'r Text<'a>,
    structure: &'r Structure,
    callouts: &'r Callouts,
    knowledge: &'r Knowledge,
    intro: &'r Intro,
}

impl Reader<'_, '_> {
    /// The intro's paragraphs as one text, with a note for the markdown the text lost.
    fn intro_text(&self, what: &str, notes: &mut Notes) -> String {
        let intro = self.intro;
        let Some((line, _)) = intro.paragraphs.first() else {
            notes.push((self.structure.title_line, format!("no {what} paragraph")));
            return String::new();
        };
        plain_note(notes, *line, &format!("the {what}"));
        intro
            .paragraphs
            .iter()
            .map(|(_, text)| text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// The rows of a Properties or Relationships table.
    fn properties(
        &self,
        section: &Section,
        owner: &str,
        what: &str,
        notes: &mut Notes,
    ) -> Vec<Property> {
        let table = find_table(self.text, section, |header| {
            header.ends_with("type description")
        });
        let Some(table) = table else {
            notes.push((
                section.line,
                format!("the {what} section has no `… Type Description` table; written empty"),
            ));
            return Vec::new();
        };
        let rows: Vec<Property> = table
            .rows
            .iter()
            .filter_map(|(line, row)| {
                self.knowledge
                    .split(*line, row, Some(owner), what, notes)
                    .map(|split| Property {
                        name: unlocated(split.name),
                        ty: unlocated(split.ty),
                        description: split.description,
                        create: false,
                    })
            })
            .collect();
        if !rows.is_empty() {
            plain_note(
                notes,
                table.line,
                &format!("the {what} table's Description column"),
            );
        }
        rows
    }
}

impl TypePage for Reader<'_, '_> {
    fn type_name(&self, suffix: &str) -> Result<String, PageError> {
        let structure = self.structure;
        let title = &structure.title;
        let name = title
            .get(..title.len().saturating_sub(suffix.len()))
            .unwrap_or("")
            .trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(PageError::new(
                structure.title_line,
                format!(
                    "cannot read a type name from the title `{title}` (expected `<name>{suffix}`)"
                ),
            ));
        }
        Ok(name.to_owned())
    }

    fn description(&self, notes: &mut Notes) -> String {
        self.intro_text("description", notes)
    }

    fn base_type(&self) -> Option<String> {
        self.intro.base.clone()
    }

    /// The key the spec already has: the text cannot show the page's annotation.
    fn key(&self, name: &str, notes: &mut Notes) -> Option<String> {
        match self.knowledge.key(name) {
            Some(key) => {
                notes.push((
                    0,
                    format!(
                        "the text cannot show the page's `keyProperty` annotation (an HTML \
                         comment); kept `key: {key}` from the spec's `{name}`"
                    ),
                ));
                Some(key.to_owned())
            }
            None => {
                notes.push((
                    0,
                    format!(
                        "the text cannot show the page's `keyProperty` annotation (an HTML \
                         comment) and the spec holds no entity `{name}`: written as a complex \
                         type"
                    ),
                ));
                None
            }
        }
    }

    fn properties(&self, name: &str, notes: &mut Notes) -> Vec<Property> {
        match self.structure.section(&["properties"]) {
            Some(section) => self.properties(section, name, "Properties", notes),
            None => {
                notes.push((
                    0,
                    "no Properties table; written as an empty list".to_owned(),
                ));
                Vec::new()
            }
        }
    }

    fn relationships(&self, name: &str, notes: &mut Notes) -> Vec<Property> {
        let reader = self;
        let Some(section) = reader.structure.section(&["relationships"]) else {
            return Vec::new();
        };
        let says_none = section
            .blocks
            .iter()
            .any(|block| reader.text.prose(*block).trim() == "None");
        if says_none {
            Vec::new()
        } else {
            reader.properties(section, name, "Relationships", notes)
        }
    }

    fn members(&self, notes: &mut Notes) -> Result<(usize, Vec<Member>), PageError> {
        let reader = self;
        let section = reader
            .structure
            .section(&["members"])
            .ok_or_else(|| PageError::new(0, "no `Members` heading, so no Members table"))?;
        let table = find_table(reader.text, section, |header| {
            header == "member value description" || header == "name value description"
        })
        .ok_or_else(|| PageError::new(section.line, "no `Member Value Description` table"))?;
        let mut members = Vec::new();
        for (line, row) in &table.rows {
            let (member, rest) = first_word(row).unwrap_or((row, ""));
            let (value, description) = first_word(rest).unwrap_or(("", ""));
            match value.parse::<i64>() {
                Ok(value) if is_name(member) => members.push(Member {
                    name: unlocated(member.to_owned()),
                    value,
                    description: description.to_owned(),
                }),
                _ => notes.push((
                    *line,
                    format!(
                        "member row `{}` has no name and integer value; left out",
                        clip(row)
                    ),
                )),
            }
        }
        if members.iter().any(|m| !m.description.is_empty()) {
            plain_note(notes, table.line, "the Members table's Description column");
        }
        Ok((table.line, members))
    }
}

impl ApiPage for Reader<'_, '_> {
    fn title(&self) -> Result<(usize, String), PageError> {
        let structure = self.structure;
        Ok((structure.title_line, structure.title.clone()))
    }

    fn summary(&self, _title_line: usize, notes: &mut Notes) -> String {
        self.intro_text("summary", notes)
    }

    fn national_clouds(&self, _notes: &mut Notes) -> Option<Vec<Spanned<NationalCloud>>> {
        // Read with the intro, where the text states them.
        self.intro.clouds.clone()
    }

    fn odata_query_parameters(&self) -> bool {
        let reader = self;
        reader
            .structure
            .all_blocks()
            .any(|block| sections::says_odata_query_parameters(&reader.text.prose(block)))
    }

    /// The HTTP request section: method and path of the first request line, paths of the
    /// others. Lines that are not request lines are reported and left out.
    fn request_lines(
        &self,
        notes: &mut Notes,
    ) -> Result<(HttpMethod, String, Vec<String>), PageError> {
        let section = self
            .structure
            .section(&["http request", "http requests"])
            .ok_or_else(|| PageError::new(0, "no `HTTP request` heading"))?;
        let lines = section.blocks.iter().flat_map(|block| {
            (block.first..=block.last)
                .filter(|&index| !self.text.is_blank(index))
                .map(|index| (index + 1, self.text.line(index).trim()))
                .filter(|(_, line)| !is_code_label(line))
        });
        sections::request_lines(section.line, lines, notes)
    }

    fn headers(&self, notes: &mut Notes) -> Vec<Header> {
        let table = self
            .structure
            .section(&["request headers"])
            .and_then(|section| {
                find_table(self.text, section, |header| {
                    matches!(header, "header value" | "name value" | "name description")
                })
            });
        let Some(table) = table else {
            notes.push((0, "no Request headers table".to_owned()));
            return Vec::new();
        };
        let mut headers = Vec::new();
        for (line, row) in &table.rows {
            let (name, value) = first_word(row).unwrap_or((row, ""));
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                notes.push((
                    *line,
                    format!("`{}` is not a header row; left out", clip(row)),
                ));
                continue;
            }
            headers.push(sections::header(name, value));
        }
        headers
    }

    fn permissions(&self, notes: &mut Notes) -> Permissions {
        let table = self
            .structure
            .section(&["permissions", "prerequisites"])
            .and_then(|section| {
                find_table(self.text, section, |header| {
                    header.starts_with("permission type")
                })
            });
        let Some(table) = table else {
            notes.push((0, "no Permissions table; every list left empty".to_owned()));
            return Permissions::default();
        };
        let header = normalized(self.text.line(table.line.saturating_sub(1)));
        let two_columns = header.starts_with("permission type permissions");
        let most_first = header.contains("most to least");
        if !two_columns {
            notes.push((
                table.line,
                "the Permissions table is not the two-column `Permission type Permissions` \
                 form: each row's scopes are read up to the first one not followed by a comma, \
                 and the rest of the row left out"
                    .to_owned(),
            ));
        }
        const LABELS: [&str; 3] = [
            "Delegated (work or school account)",
            "Delegated (personal Microsoft account)",
            "Application",
        ];
        let mut rows = Vec::new();
        for (line, row) in &table.rows {
            let row = &row.split_whitespace().collect::<Vec<_>>().join(" ");
            let labelled = LABELS.iter().enumerate().find_map(|(index, label)| {
                let rest = row.strip_prefix(label)?;
                (rest.is_empty() || rest.starts_with(char::is_whitespace))
                    .then_some((index, rest.trim().to_owned()))
            });
            // Else a group sub-row: words of a label, then scopes (which have dots).
            let group_at = || {
                row.split_whitespace()
                    .position(|word| word.contains('.') && !word.ends_with('.'))
                    .filter(|&at| at > 0)
            };
            let (kind, rest) = match labelled {
                Some((index, rest)) => (PermissionLabel::Type(index), rest),
                None => match group_at() {
                    Some(at) => (
                        PermissionLabel::Group,
                        row.split_whitespace()
                            .skip(at)
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    None => (PermissionLabel::Unknown, String::new()),
                },
            };
            rows.push(PermissionRow {
                line: *line,
                label: clip(row),
                kind,
                scopes: scopes(&rest, two_columns, *line, notes),
            });
        }
        sections::permissions(rows, table.line, most_first, notes)
    }

    fn request_body(
        &self,
        notes: &mut Notes,
    ) -> (Option<RequestBody>, Option<(String, Vec<String>)>) {
        let Some(section) = self.structure.section(&["request body"]) else {
            notes.push((
                0,
                "no Request body section; request body left out".to_owned(),
            ));
            return (None, None);
        };
        let Some((line, description)) = first_prose(self.text, section, self.callouts) else {
            notes.push((
                section.line,
                "the Request body section has no text; left out".to_owned(),
            ));
            return (None, None);
        };
        if !sections::supplies_no_body(&description) {
            plain_note(notes, line, "the request body's description");
        }
        let table = find_table(self.text, section, |header| {
            matches!(
                header,
                "parameter type description"
                    | "name type description"
                    | "property type description"
            )
        });
        let table = RenderedBodyTable {
            table,
            knowledge: self.knowledge,
        };
        sections::request_body(description, line, table, notes)
    }

    fn response(&self, notes: &mut Notes) -> Result<Response, PageError> {
        let section = self
            .structure
            .section(&["response"])
            .ok_or_else(|| PageError::new(0, "no `Response` heading"))?;
        let (line, description) = first_prose(self.text, section, self.callouts)
            .ok_or_else(|| PageError::new(section.line, "the Response section has no text"))?;
        let response = sections::response(description, line, notes)?;
        plain_note(notes, line, "the response's description");
        Ok(response)
    }

    /// Every request/response pair of the Example section, in page order.
    fn examples(
        &self,
        method: HttpMethod,
        paths: &[&str],
        response: &Response,
        notes: &mut Notes,
    ) -> Vec<Example> {
        let Some(section) = self.structure.section(&["example", "examples"]) else {
            return Vec::new();
        };
        let text = self.text;
        let mut pairs = example::Pairs::new(method, paths, response);
        let mut next_line = 0;
        let heading = |block: &Block| block.is_single() && is_example_part(text.line(block.first));
        // Where each block's message must end at the latest: the next part heading, else the
        // section's end.
        let mut limits = vec![section.end; section.blocks.len()];
        let mut limit = section.end;
        for (position, block) in section.blocks.iter().enumerate().rev() {
            if let Some(slot) = limits.get_mut(position) {
                *slot = limit;
            }
            if heading(block) {
                limit = block.first;
            }
        }
        for (position, block) in section.blocks.iter().enumerate() {
            if block.last < next_line || self.callouts.consumed.contains(&block.first) {
                continue;
            }
            if heading(block) && block.first >= next_line {
                pairs.heading(text.line(block.first), notes);
                continue;
            }
            let limit = limits.get(position).copied().unwrap_or(section.end);
            let mut cursor = block.first.max(next_line);
            while cursor <= block.last {
                let start = (cursor..=block.last).find(|&index| {
                    let line = text.line(index).trim();
                    sections::request_line(line).is_some() || line.starts_with("HTTP/")
                });
                let before_end = start.map_or(block.last, |start| start.saturating_sub(1));
                // Code labels and the web page's footer are not prose.
                let is_prose = (cursor..=before_end)
                    .any(|index| !text.is_blank(index) && !is_edge_chrome(text.line(index)));
                if start != Some(cursor) && is_prose {
                    let words = text.prose_of(cursor, before_end);
                    if !is_code_label(&words) {
                        pairs.prose(cursor + 1, words);
                    }
                }
                let Some(start) = start else {
                    break;
                };
                let end = message_end(text, start, limit);
                let lines: Vec<String> = (start..=end)
                    .map(|index| text.line(index).to_owned())
                    .collect();
                // A message follows a code fence in markdown; here, the line above it.
                if let Some(line) = pairs.message((start + 1, start), &lines, notes) {
                    plain_note(notes, line, "the example's description");
                }
                next_line = end + 1;
                cursor = end + 1;
            }
        }
        pairs.finish(section.line, notes)
    }
}

/// The Request body section's table, if any, split with what the spec knows.
struct RenderedBodyTable<'r, 'a> {
    table: Option<Table<'a>>,
    knowledge: &'r Knowledge,
}

impl BodyTable for RenderedBodyTable<'_, '_> {
    fn parameters(self, notes: &mut Notes) -> Vec<Parameter> {
        let Some(table) = self.table else {
            return Vec::new();
        };
        let parameters: Vec<Parameter> = table
            .rows
            .iter()
            .filter_map(|(line, row)| self.knowledge.split(*line, row, None, "parameters", notes))
            .map(|split| Parameter {
                name: unlocated(split.name),
                ty: unlocated(split.ty),
                description: split.description,
            })
            .collect();
        if !parameters.is_empty() {
            plain_note(
                notes,
                table.line,
                "the parameters table's Description column",
            );
        }
        parameters
    }

    fn property_names(self, ty: &str, notes: &mut Notes) -> Vec<String> {
        self.table
            .map(|table| {
                table
                    .rows
                    .iter()
                    .filter_map(|(line, row)| {
                        self.knowledge
                            .split(*line, row, Some(ty), "request body", notes)
                            .map(|split| split.name)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The 0-based index of an HTTP message's last line: its start line at `start`, header lines,
/// then a JSON body when the next line that is not blank opens one. `limit` bounds the search
/// (the next example heading or the section's end).
fn message_end(text: &Text, start: usize, limit: usize) -> usize {
    let limit = limit.min(text.lines.len());
    let mut index = start + 1;
    // Some pages put a blank line between the start line and the headers.
    let next = (index..limit).find(|&i| !text.line(i).trim().is_empty());
    if let Some(next) = next.filter(|&n| sections::is_header_line(text.line(n).trim())) {
        index = next;
    }
    while index < limit && sections::is_header_line(text.line(index).trim()) {
        index += 1;
    }
    let headers_end = index.saturating_sub(1).max(start);
    let Some(body) = (index..limit).find(|&i| !text.line(i).trim().is_empty()) else {
        return headers_end;
    };
    if !text.line(body).trim_start().starts_with(['{', '[']) {
        return headers_end;
    }
    json_end(text, body, limit)
}

/// The 0-based index of the line that closes the JSON value opening on line `first`; when it
/// never closes, the last line that is not blank before `limit`.
fn json_end(text: &Text, first: usize, limit: usize) -> usize {
    let mut depth = 0_usize;
    let mut in_string = false;
    let mut escaped = false;
    for index in first..limit {
        for c in text.line(index).chars() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return index;
                    }
                }
                _ => {}
            }
        }
    }
    (first..limit)
        .rev()
        .find(|&i| !text.line(i).trim().is_empty())
        .unwrap_or(first)
}

/// A row's scopes: comma-separated words, or none for "Not supported.". In the two-column
/// form, text after the scopes is reported.
fn scopes(cell: &str, two_columns: bool, line: usize, notes: &mut Notes) -> Vec<String> {
    let lower = cell.to_ascii_lowercase();
    if lower.is_empty() || lower.starts_with("not supported") || lower.starts_with("not available")
    {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut rest = cell;
    while let Some((word, after)) = first_word(rest) {
        let (scope, more) = match word.strip_suffix(',') {
            Some(scope) => (scope, true),
            None => (word, after.starts_with(',')),
        };
        found.push(scope.trim().to_owned());
        rest = after.trim_start_matches(',').trim_start();
        if !more {
            break;
        }
    }
    if two_columns && !rest.is_empty() {
        notes.push((
            line,
            format!("text after the scopes left out: `{}`", clip(rest)),
        ));
    }
    found
}
