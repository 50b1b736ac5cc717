//! What every page kind shares, read once over a [`Page`]: its call-outs (the spec file's
//! `page`), its intro (namespace, base type, prose) and the note a plain-text rendering leaves
//! for the marks it lost.

use crate::spec::{NoteKind, Page as PageInfo, unlocated};

use super::knowledge::{clip, first_word};
use super::markdown::{first_link_text, strip_links};
use super::page::{Block, Page};
use super::parsed::{Context, Notes};

/// Says that a prose field of a plain-text page was written as plain text.
pub fn plain_note(notes: &mut Notes, line: usize, what: &str) {
    notes.push((
        line,
        format!(
            "{what} is written as plain text: the rendering keeps no link targets and no `code` \
             or bold marks, so any the page had are lost"
        ),
    ));
}

/// Markdown as `page`'s rendering shows it: a plain-text one keeps links' text only and no
/// `code` or bold marks.
fn shown(page: &Page, markdown: &str) -> String {
    if page.is_plain() {
        strip_links(markdown).replace("**", "").replace('`', "")
    } else {
        markdown.to_owned()
    }
}

/// The page's source and call-outs, minus those `api.yaml` already carries.
pub fn page_info(page: &Page, source: &str, context: &Context, notes: &mut Notes) -> PageInfo {
    let mut page_notes = Vec::new();
    for located in page.blocks() {
        let Block::CallOut(note) = &located.block else {
            continue;
        };
        let Some(note) = note else {
            notes.push((
                located.line,
                "a `>` block that starts with no call-out label (`**Important:**`, `**Note:**`, \
                 `[!TIP]`, …); left out"
                    .to_owned(),
            ));
            continue;
        };
        let same = context.api_notes.as_ref().map(|api_notes| {
            api_notes
                .iter()
                .any(|n| n.kind == note.kind && shown(page, &n.text) == note.text)
        });
        if same == Some(true) {
            continue;
        }
        if same == Some(false) && note.kind == NoteKind::Important {
            notes.push((
                located.line,
                "an `Important` call-out that differs from api.yaml's; kept as a page note"
                    .to_owned(),
            ));
        }
        if page.is_plain() {
            let kind = note.kind.label().to_ascii_lowercase();
            plain_note(
                notes,
                located.line,
                &format!(
                    "the paragraph `{}` was taken for a `{kind}` call-out (the text cannot show \
                     the `>` that marks one); it",
                    clip(&note.text)
                ),
            );
        }
        page_notes.push(note.clone());
    }
    PageInfo {
        source: unlocated(source.to_owned()),
        notes: page_notes,
        derived: false,
    }
}

/// What the intro says besides call-outs.
#[derive(Default)]
pub struct Intro {
    /// Prose paragraphs: `(line, text)`.
    pub paragraphs: Vec<(usize, String)>,
    /// The type named by "Inherits from".
    pub base: Option<String>,
}

impl Intro {
    /// The paragraphs as one text, with a note for the marks a plain-text page lost; `None`
    /// when there is none.
    pub fn text(&self, page: &Page, what: &str, notes: &mut Notes) -> Option<String> {
        let (line, _) = self.paragraphs.first()?;
        if page.is_plain() {
            plain_note(notes, *line, &format!("the {what}"));
        }
        Some(
            self.paragraphs
                .iter()
                .map(|(_, text)| text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n"),
        )
    }
}

/// The page's "Namespace:" line: its line and the namespace it names.
pub fn page_namespace(page: &Page) -> Option<(usize, &str)> {
    page.intro.iter().find_map(|located| match &located.block {
        Block::Paragraph(text) => {
            let rest = text.strip_prefix("Namespace:")?;
            let (namespace, _) = first_word(rest)?;
            Some((located.line, namespace))
        }
        _ => None,
    })
}

/// Reads the intro's paragraphs: the namespace is left to `namespaces` (which names the page's
/// types by it), "Inherits from" names the base type, the rest is prose.
pub fn intro(page: &Page, context: &Context, notes: &mut Notes) -> Intro {
    let mut out = Intro::default();
    for located in &page.intro {
        let Block::Paragraph(text) = &located.block else {
            continue;
        };
        if let Some(rest) = text.strip_prefix("Namespace:") {
            let (namespace, more) = first_word(rest).unwrap_or(("", ""));
            if !namespace.starts_with("microsoft.") && context.namespace.is_some() {
                notes.push((
                    located.line,
                    format!(
                        "the page's namespace `{}` is not OData's form",
                        clip(namespace)
                    ),
                ));
            }
            if !more.is_empty() {
                notes.push((
                    located.line,
                    format!("text after the namespace left out: `{}`", clip(more)),
                ));
            }
            continue;
        }
        if let Some(rest) = text.strip_prefix("Inherits from") {
            if out.base.is_none() {
                out.base = first_link_text(rest)
                    .map(str::trim)
                    .or_else(|| first_word(rest).map(|(word, _)| word))
                    .map(|word| word.trim_end_matches(['.', ',']).to_owned())
                    .filter(|word| !word.is_empty());
            }
            continue;
        }
        out.paragraphs.push((located.line, text.clone()));
    }
    out
}
