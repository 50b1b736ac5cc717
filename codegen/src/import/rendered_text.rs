//! The lines of a rendered page (the plain text copied from the published web page): the web
//! page's chrome, runs of lines, the title and the sections under their headings, and which
//! lines head a table.

use super::knowledge::clip;
use super::parsed::Notes;
use super::parsed::PageError;

/// Lines of the web page's chrome that are never page content, wherever they stand.
const CHROME: &[&str] = &[
    "skip to main content",
    "table of contents",
    "exit focus mode",
    "focus mode",
    "read in english",
    "add to collections",
    "add to plan",
    "share via",
    "in this article",
    "was this page helpful?",
    "additional resources",
    "feedback",
    "copy",
    "ask learn",
    "provide product feedback",
    "submit and view feedback for",
    "view all page feedback",
    "article",
];

/// Chrome that could also be a word of content: skipped only before the title and after the
/// last example.
const EDGE_CHROME: &[&str] = &[
    "microsoft learn",
    "sign in",
    "save",
    "edit",
    "print",
    "email",
    "facebook",
    "x.com",
    "linkedin",
    "yes",
    "no",
    "this product",
    "this page",
    "training",
    "documentation",
    "events",
    "theme",
    "light",
    "dark",
    "high contrast",
    "previous versions",
    "blog",
    "contribute",
    "privacy",
    "terms of use",
    "trademarks",
    "english (united states)",
    "your privacy choices",
    "consumer health privacy",
    "microsoft graph",
    "reference",
    "learn",
    "search",
    "download pdf",
    "filter by title",
    "note",
    "access to this page requires authorization. you can try signing in or changing directories.",
    "access to this page requires authorization. you can try changing directories.",
];

/// Section headings, lower case. `Request` and `Response` inside the Example section are the
/// example's parts, not sections.
const SECTIONS: &[&str] = &[
    "permissions",
    "prerequisites",
    "http request",
    "http requests",
    "optional query parameters",
    "query parameters",
    "path parameters",
    "function parameters",
    "request headers",
    "request body",
    "response",
    "responses",
    "example",
    "examples",
    "methods",
    "properties",
    "relationships",
    "json representation",
    "members",
    "related content",
    "see also",
];

/// Whether a trimmed line is chrome wherever it stands.
fn is_chrome(line: &str) -> bool {
    let lower = normalized(line);
    if CHROME.contains(&lower.as_str()) {
        return true;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        // "Article • 08/01/2024 • 2 contributors", "Article 08/01/2024"
        ["article", second, ..] => second.starts_with(['•', '·', '0', '1', '2', '3']),
        // "2 contributors"
        [count, "contributor" | "contributors"] => count.chars().all(|c| c.is_ascii_digit()),
        // "08/01/2024"
        [date] => is_date(date),
        ["last", "updated", ..] | ["©", "microsoft", ..] => true,
        ["show", "less"] => true,
        ["show", count, "more"] => count.chars().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// `MM/DD/YYYY`.
fn is_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split('/').collect();
    matches!(parts.as_slice(), [m, d, y]
        if (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) && y.len() == 4
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())))
}

/// Whether a trimmed line is chrome before the title or after the last example.
pub(super) fn is_edge_chrome(line: &str) -> bool {
    is_chrome(line) || EDGE_CHROME.contains(&normalized(line).as_str())
}

/// The page's lines and which of them are chrome.
pub(super) struct Text<'a> {
    /// The lines, line breaks removed.
    pub(super) lines: Vec<&'a str>,
    /// Chrome lines, read as blank.
    chrome: Vec<bool>,
}

impl<'a> Text<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text
            .split('\n')
            .map(|line| line.strip_suffix('\r').unwrap_or(line))
            .collect();
        let mut chrome: Vec<bool> = lines.iter().map(|line| is_chrome(line.trim())).collect();
        // The "In this article" list repeats the headings.
        let mut index = 0;
        while index < lines.len() {
            let starts_list = lines
                .get(index)
                .is_some_and(|line| normalized(line) == "in this article");
            index += 1;
            if !starts_list {
                continue;
            }
            while index < lines.len() {
                let line = lines.get(index).map_or("", |line| line.trim());
                if !(line.is_empty() || is_section(line) || is_chrome(line)) {
                    break;
                }
                if let Some(flag) = chrome.get_mut(index) {
                    *flag = !line.is_empty();
                }
                index += 1;
            }
        }
        Self { lines, chrome }
    }

    /// Line `index` (0-based), or `""` past the end.
    pub(super) fn line(&self, index: usize) -> &'a str {
        self.lines.get(index).copied().unwrap_or("")
    }

    /// Whether line `index` is empty or chrome.
    pub(super) fn is_blank(&self, index: usize) -> bool {
        self.line(index).trim().is_empty() || self.chrome.get(index).copied().unwrap_or(false)
    }

    /// A block's lines, trimmed, joined by spaces.
    pub(super) fn prose(&self, block: Run) -> String {
        self.prose_of(block.first, block.last)
    }

    /// Lines `first..=last`, trimmed, joined by spaces; chrome left out.
    pub(super) fn prose_of(&self, first: usize, last: usize) -> String {
        (first..=last)
            .filter(|&index| !self.is_blank(index))
            .map(|index| self.line(index).trim())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A run of non-blank lines: 0-based indices of its first and last line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Run {
    pub(super) first: usize,
    pub(super) last: usize,
}

impl Run {
    /// Its 1-based line.
    pub(super) fn line(self) -> usize {
        self.first + 1
    }

    pub(super) fn is_single(self) -> bool {
        self.first == self.last
    }
}

/// The blocks of lines `from..`.
fn blocks(text: &Text, from: usize) -> Vec<Run> {
    let mut out = Vec::new();
    let mut start = None;
    for index in from..text.lines.len() {
        match (text.is_blank(index), start) {
            (false, None) => start = Some(index),
            (true, Some(first)) => {
                out.push(Run {
                    first,
                    last: index - 1,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(first) = start {
        out.push(Run {
            first,
            last: text.lines.len().saturating_sub(1),
        });
    }
    out
}

/// Whether a line is a section heading (spaces of any kind, any case).
fn is_section(line: &str) -> bool {
    SECTIONS.contains(&normalized(line).as_str())
}

/// Whether a line is `Request` or `Response`, the parts of an example.
pub(super) fn is_example_part(line: &str) -> bool {
    matches!(normalized(line).as_str(), "request" | "response")
}

/// Whether a line is the language label of a code block (`HTTP`, `JSON`), which the web page
/// shows above the code.
pub(super) fn is_code_label(line: &str) -> bool {
    matches!(
        normalized(line).as_str(),
        "http" | "json" | "http json" | ""
    )
}

/// A section: its heading and the blocks up to the next heading.
pub(super) struct Section {
    /// Heading text, lower case.
    pub(super) name: String,
    /// 1-based line of the heading.
    pub(super) line: usize,
    /// Its blocks.
    pub(super) blocks: Vec<Run>,
    /// 0-based index of the line after its last.
    pub(super) end: usize,
}

/// The page cut into title, intro and sections.
pub(super) struct Structure {
    /// 1-based line of the title.
    pub(super) title_line: usize,
    /// The title.
    pub(super) title: String,
    /// Blocks between the title and the first heading.
    pub(super) intro: Vec<Run>,
    /// The sections, in page order.
    pub(super) sections: Vec<Section>,
}

impl Structure {
    /// Every block, in page order.
    pub(super) fn all_blocks(&self) -> impl Iterator<Item = Run> + '_ {
        self.intro
            .iter()
            .chain(self.sections.iter().flat_map(|section| &section.blocks))
            .copied()
    }
}

/// Finds the title (the line before `Namespace:`, else the first line that is not chrome),
/// reports what stands before it, and cuts the rest into sections.
pub(super) fn structure(text: &Text, notes: &mut Notes) -> Result<Structure, PageError> {
    let count = text.lines.len();
    if (0..count).all(|index| text.line(index).trim().is_empty()) {
        return Err(PageError::new(0, "the page is empty"));
    }
    let namespace =
        (0..count).find(|&index| text.line(index).trim_start().starts_with("Namespace:"));
    let candidate = |index: &usize| !text.is_blank(*index) && !is_edge_chrome(text.line(*index));
    let title_index = match namespace {
        Some(namespace) => (0..namespace).rev().find(candidate),
        None => (0..count).find(candidate),
    };
    let Some(title_index) = title_index else {
        return Err(PageError::new(
            namespace.map_or(0, |index| index + 1),
            "no title line: the page has nothing but the web page's chrome before `Namespace:`",
        ));
    };
    if namespace.is_none() {
        notes.push((
            title_index + 1,
            format!(
                "no `Namespace:` line: the first line that is not the web page's chrome, `{}`, \
                 was taken for the title",
                clip(text.line(title_index).trim())
            ),
        ));
    }
    let skipped: Vec<usize> = (0..title_index)
        .filter(|&index| !text.is_blank(index) && !is_edge_chrome(text.line(index).trim()))
        .collect();
    if let Some(&first) = skipped.first() {
        notes.push((
            first + 1,
            format!(
                "{} line(s) before the title were skipped as the web page's navigation, the \
                 first `{}`",
                skipped.len(),
                clip(text.line(first).trim())
            ),
        ));
    }

    let mut intro = Vec::new();
    let mut sections: Vec<Section> = Vec::new();
    let mut in_examples = false;
    for block in blocks(text, title_index + 1) {
        let line = text.line(block.first).trim();
        if block.is_single() && is_section(line) && !(in_examples && is_example_part(line)) {
            if let Some(last) = sections.last_mut() {
                last.end = block.first;
            }
            let name = normalized(line);
            in_examples |= name == "example" || name == "examples";
            sections.push(Section {
                name,
                line: block.line(),
                blocks: Vec::new(),
                end: count,
            });
        } else if let Some(last) = sections.last_mut() {
            last.blocks.push(block);
        } else {
            intro.push(block);
        }
    }
    Ok(Structure {
        title_line: title_index + 1,
        title: text.line(title_index).trim().to_owned(),
        intro,
        sections,
    })
}

/// A line lower-cased with single spaces, to compare with table headers.
pub(super) fn normalized(line: &str) -> String {
    line.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// Whether a line is the header of a table the pages use.
pub(super) fn is_table_header(line: &str) -> bool {
    let line = normalized(line);
    line.starts_with("permission type")
        || [
            "header value",
            "name value",
            "name description",
            "property type description",
            "parameter type description",
            "name type description",
            "relationship type description",
            "member value description",
            "method return type description",
        ]
        .contains(&line.as_str())
}
