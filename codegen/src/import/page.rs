//! A documentation page as the readers see it, whichever rendering it came in: its kind, title,
//! intro and sections, each a list of blocks (paragraphs, tables, code, call-outs) with the
//! 1-based line it starts on, so every note can say where. The markdown front end
//! (`markdown_page`) and the plain-text one (`rendered`) only build this; the readers
//! (`type_page`, `api_page`) only read it.

use serde_saphyr::Spanned;

use crate::spec::Note;
use crate::vocabulary::NationalCloud;

use super::parsed::{Notes, PageError};
use super::table::Table;

/// The kinds of page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// A resource type: an entity or a complex type.
    Resource,
    /// An enum type.
    Enum,
    /// An API operation: an endpoint.
    Api,
}

/// What the rendering a page came in keeps of its markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendering {
    /// The markdown itself: links, marks and annotations included.
    Markdown,
    /// The published page's text: no link targets, no `code` or bold marks, no annotations.
    /// `key` is the key the spec already gives the page's type, which the text cannot show.
    PlainText {
        /// The entity key the spec holds for the page's type.
        key: Option<String>,
    },
}

/// A page, cut into title, intro and sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// What the page documents.
    pub kind: PageKind,
    /// The rendering it was read from.
    pub rendering: Rendering,
    /// The title and its 1-based line.
    pub title: Option<(usize, String)>,
    /// The front matter's `description`, markdown only.
    pub description: Option<String>,
    /// The blocks before the first section.
    pub intro: Vec<Located>,
    /// The sections, in page order.
    pub sections: Vec<Section>,
}

/// A section: its heading and the blocks up to the next heading of its level or above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading text, trimmed.
    pub heading: String,
    /// 2 for a section; 1 for a second title.
    pub level: usize,
    /// 1-based line of the heading.
    pub line: usize,
    /// Its blocks; deeper headings among them.
    pub blocks: Vec<Located>,
}

/// A block and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// 1-based line in the page file.
    pub line: usize,
    /// The block.
    pub block: Block,
}

/// One block of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading below the section's, such as an example's `Request`.
    Heading {
        /// 3 for `###`, …
        level: usize,
        /// The heading text, trimmed.
        text: String,
    },
    /// A paragraph's lines as one line of text (inline markdown kept where the rendering has
    /// it), HTML entities decoded.
    Paragraph(String),
    /// A table, or why it cannot be read; its repair notes are reported when it is read.
    Table(Result<Table, PageError>),
    /// An HTTP message or request lines.
    Code(Code),
    /// A call-out (`Important`, `Note`); `None` for a quote that is neither.
    CallOut(Option<Note>),
    /// A DocFX include line, markdown only.
    Include {
        /// The include's name, e.g. `national-cloud-support`.
        name: String,
        /// The link target, e.g. `../../includes/all-clouds.md`.
        target: String,
    },
    /// An HTML comment's inner text (the `<!-- {…} -->` annotations), markdown only.
    Comment(String),
    /// The national clouds a rendered availability table marks as available.
    Clouds(Vec<Spanned<NationalCloud>>),
}

/// A code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    /// The language (`http`, `json`), lower case; empty when unsaid.
    pub info: String,
    /// The lines, verbatim.
    pub lines: Vec<String>,
    /// 1-based line of `lines[0]`.
    pub first_line: usize,
    /// Whether the block was closed before the end of the page.
    pub closed: bool,
}

impl Page {
    /// The first section whose heading is one of `names` (case-insensitive).
    pub fn section(&self, names: &[&str]) -> Option<&Section> {
        self.sections.iter().find(|section| {
            section.level == 2
                && names
                    .iter()
                    .any(|name| section.heading.eq_ignore_ascii_case(name))
        })
    }

    /// The sections whose heading is one of `names` or one of them qualified (`HTTP request
    /// (to upload a new file)`, `Example 2: …`), case-insensitive, in page order.
    pub fn sections_named<'p>(&'p self, names: &'p [&str]) -> impl Iterator<Item = &'p Section> {
        self.sections
            .iter()
            .filter(|section| section.level == 2 && section.is_named(names))
    }

    /// Every block, in page order.
    pub fn blocks(&self) -> impl Iterator<Item = &Located> {
        self.intro
            .iter()
            .chain(self.sections.iter().flat_map(|section| &section.blocks))
    }

    /// Whether the rendering lost the markdown's links and marks.
    pub fn is_plain(&self) -> bool {
        matches!(self.rendering, Rendering::PlainText { .. })
    }
}

impl Section {
    /// Whether the heading is one of `names`, or one of them followed by a qualifier.
    pub fn is_named(&self, names: &[&str]) -> bool {
        let heading = self.heading.to_ascii_lowercase();
        names.iter().any(|name| {
            heading
                .strip_prefix(&name.to_ascii_lowercase())
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
        })
    }
}

/// The paragraphs among `blocks`: their lines and texts.
pub fn paragraphs(blocks: &[Located]) -> impl Iterator<Item = (usize, &str)> {
    blocks.iter().filter_map(|located| match &located.block {
        Block::Paragraph(text) => Some((located.line, text.as_str())),
        _ => None,
    })
}

/// The first table among `blocks`; its repair notes go to `notes`.
/// What a section holds where a table is expected.
pub enum Found<'b> {
    /// The first table.
    Table(&'b Table),
    /// A table that could not be read; noted already.
    Unreadable,
    /// No table.
    Missing,
}

/// The first table of `blocks`, as [`first_table`]; an unreadable one is noted as
/// "`what` table unreadable: …".
pub fn table_in<'b>(blocks: &'b [Located], what: &str, notes: &mut Notes) -> Found<'b> {
    match first_table(blocks, notes) {
        Some(Ok(table)) => Found::Table(table),
        Some(Err(error)) => {
            notes.push((
                error.line,
                format!("{what} table unreadable: {}", error.reason),
            ));
            Found::Unreadable
        }
        None => Found::Missing,
    }
}

pub fn first_table<'b>(
    blocks: &'b [Located],
    notes: &mut Notes,
) -> Option<Result<&'b Table, &'b PageError>> {
    blocks.iter().find_map(|located| match &located.block {
        Block::Table(table) => Some(
            table
                .as_ref()
                .inspect(|table| notes.extend(table.notes.iter().cloned())),
        ),
        _ => None,
    })
}
