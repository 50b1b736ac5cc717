//! The markdown of a documentation page, cut into what the importer reads: front matter,
//! headings, paragraphs, tables, code blocks, HTML comments, call-outs and include lines, each
//! with the 1-based line it starts on.
//!
//! This is not a general markdown parser: it knows the shapes the Graph pages use and nothing
//! more, and it never fails on a body (only a front matter left open is an error; older pages
//! have none at all).

use super::parsed::PageError;

/// One block of a page body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `#`…`######` heading: level and text.
    Heading {
        /// 1 for `#`, 2 for `##`, …
        level: usize,
        /// The heading text, trimmed.
        text: String,
    },
    /// Consecutive text lines, each trimmed.
    Paragraph(Vec<String>),
    /// Consecutive lines starting with `|`, untouched: `(line, text)`.
    Table(Vec<(usize, String)>),
    /// A fenced code block: the info string (`http`, `json`) and its lines.
    Code {
        /// The word after the opening fence, lower case.
        info: String,
        /// The lines between the fences, verbatim.
        lines: Vec<String>,
        /// Whether the closing fence was found before the end of the page.
        closed: bool,
    },
    /// An HTML comment's inner text (the `<!-- {…} -->` annotations).
    Comment(String),
    /// A `>` call-out: its lines with the `>` marker removed.
    Quote(Vec<String>),
    /// A DocFX include line `[!INCLUDE [name](target)]`.
    Include {
        /// The include's name, e.g. `national-cloud-support`.
        name: String,
        /// The link target, e.g. `../../includes/all-clouds.md`.
        target: String,
    },
}

/// A block and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// 1-based line in the page file.
    pub line: usize,
    /// The block.
    pub block: Block,
}

/// A front matter's `key: value` pairs, quotes removed, in order.
pub type FrontMatter = Vec<(String, String)>;

/// A parsed page: its front matter and the blocks of its body.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The front matter; `None` for a page
    /// without one (pages before about 2019 start with their title).
    pub front_matter: Option<FrontMatter>,
    /// The body's blocks, in order.
    pub blocks: Vec<Located>,
}

impl Document {
    /// Parses a page: front matter first, when there is one, then the body.
    pub fn parse(text: &str) -> Result<Self, PageError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines: Vec<&str> = text
            .split('\n')
            .map(|line| line.strip_suffix('\r').unwrap_or(line))
            .collect();
        let (front_matter, body_start) = front_matter(&lines)?;
        let blocks = blocks(&lines, body_start);
        Ok(Self {
            front_matter,
            blocks,
        })
    }

    /// A front matter value by key.
    pub fn front(&self, key: &str) -> Option<&str> {
        self.front_matter
            .iter()
            .flatten()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads the `---` delimited front matter, if the page starts with one; returns it and the
/// index of the first body line.
fn front_matter(lines: &[&str]) -> Result<(Option<FrontMatter>, usize), PageError> {
    let first = lines
        .iter()
        .position(|line| !line.trim().is_empty())
        .unwrap_or(0);
    if lines.get(first).map(|line| line.trim_end()) != Some("---") {
        return Ok((None, 0));
    }
    let mut fields = Vec::new();
    for (index, line) in lines.iter().enumerate().skip(first + 1) {
        if line.trim_end() == "---" {
            return Ok((Some(fields), index + 1));
        }
        if let Some((key, value)) = line.split_once(':') {
            let key = key.trim();
            if !key.is_empty() && !key.starts_with(['#', ' ', '-']) {
                fields.push((key.to_owned(), unquote(value.trim()).to_owned()));
            }
        }
    }
    Err(PageError::new(
        first + 1,
        "the front matter is not closed by a `---` line",
    ))
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

fn fence(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    trimmed
        .strip_prefix("```")
        .or_else(|| trimmed.strip_prefix("~~~"))
}

fn include(line: &str) -> Option<Block> {
    let trimmed = line.trim();
    let lower = trimmed.to_ascii_lowercase();
    if !lower.starts_with("[!include") {
        return None;
    }
    let open = trimmed.find("[!")?;
    let inner = trimmed.get(open + 2..)?;
    let name_start = inner.find('[')? + 1;
    let name_end = inner.find(']')?;
    let name = inner.get(name_start..name_end)?.trim().to_owned();
    let after = inner.get(name_end + 1..)?;
    let target = after
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
        .map(|(target, _)| target.trim().to_owned())
        .unwrap_or_default();
    Some(Block::Include { name, target })
}

fn heading(line: &str) -> Option<Block> {
    let trimmed = line.trim_start();
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = trimmed.get(level..)?;
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let text = rest.trim().trim_end_matches('#').trim().to_owned();
    Some(Block::Heading { level, text })
}

/// A DocFX tab title, `# [HTTP](#tab/http)`: the tabs of an example show one message in several
/// languages, and the HTTP tab's code block is the message; the title itself says nothing, and
/// read as a heading it would end the section.
fn is_tab_title(line: &str) -> bool {
    heading(line).is_some_and(|block| match block {
        Block::Heading { text, .. } => text
            .strip_prefix('[')
            .and_then(|rest| rest.split_once("](#tab/"))
            .is_some_and(|(_, rest)| rest.ends_with(')')),
        _ => false,
    })
}

/// A thematic break (`---`, `***`, `___`), which closes a DocFX tab group.
fn is_break(trimmed: &str) -> bool {
    let mut chars = trimmed.chars().filter(|c| !c.is_whitespace());
    let Some(first) = chars.next() else {
        return false;
    };
    matches!(first, '-' | '*' | '_')
        && trimmed.chars().filter(|&c| c == first).count() >= 3
        && chars.all(|c| c == first)
}

fn starts_block(line: &str) -> bool {
    let trimmed = line.trim_start();
    fence(line).is_some()
        || is_break(trimmed.trim_end())
        || heading(line).is_some()
        || trimmed.starts_with('|')
        || trimmed.starts_with('>')
        || trimmed.starts_with("<!--")
        || include(line).is_some()
}

/// Cuts the body (from line index `start`) into blocks.
fn blocks(lines: &[&str], start: usize) -> Vec<Located> {
    let mut out = Vec::new();
    let mut index = start;
    while let Some(&line) = lines.get(index) {
        let number = index + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || is_break(trimmed) || is_tab_title(line) {
            index += 1;
            continue;
        }
        if let Some(info) = fence(line) {
            let info = info
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let mut body = Vec::new();
            let mut closed = false;
            index += 1;
            while let Some(&inner) = lines.get(index) {
                index += 1;
                if fence(inner).is_some_and(|rest| rest.trim().is_empty()) {
                    closed = true;
                    break;
                }
                body.push(inner.to_owned());
            }
            out.push(Located {
                line: number,
                block: Block::Code {
                    info,
                    lines: body,
                    closed,
                },
            });
            continue;
        }
        if trimmed.starts_with("<!--") {
            let mut text = String::new();
            while let Some(&inner) = lines.get(index) {
                index += 1;
                text.push_str(inner);
                text.push('\n');
                if inner.contains("-->") {
                    break;
                }
            }
            let inner = text.trim();
            let inner = inner.strip_prefix("<!--").unwrap_or(inner);
            let inner = inner.split("-->").next().unwrap_or(inner);
            out.push(Located {
                line: number,
                block: Block::Comment(inner.trim().to_owned()),
            });
            continue;
        }
        if let Some(block) = heading(line).or_else(|| include(line)) {
            out.push(Located {
                line: number,
                block,
            });
            index += 1;
            continue;
        }
        if trimmed.starts_with('|') {
            let rows = table_rows(lines, &mut index);
            out.push(Located {
                line: number,
                block: Block::Table(rows),
            });
            continue;
        }
        if trimmed.starts_with('>') {
            let mut quote = Vec::new();
            while let Some(&inner) = lines.get(index) {
                let inner = inner.trim_start();
                let Some(rest) = inner.strip_prefix('>') else {
                    break;
                };
                quote.push(rest.strip_prefix(' ').unwrap_or(rest).trim_end().to_owned());
                index += 1;
            }
            out.push(Located {
                line: number,
                block: Block::Quote(quote),
            });
            continue;
        }
        let mut paragraph = vec![trimmed.to_owned()];
        index += 1;
        while let Some(&inner) = lines.get(index) {
            if inner.trim().is_empty() || starts_block(inner) {
                break;
            }
            paragraph.push(inner.trim().to_owned());
            index += 1;
        }
        out.push(Located {
            line: number,
            block: Block::Paragraph(paragraph),
        });
    }
    out
}

/// The rows of the table starting at line index `*index`, which is left past its last line.
///
/// As in GitHub's renderer, a table ends at a blank line or another block, not at a line
/// without `|`. Such a line continues the row above when that row is unclosed (a line break
/// typed inside a cell): it is kept in the row after a `\n`, for `table::parse` to join and
/// note. Under a closed row it is a row whose opening `|` was lost.
fn table_rows(lines: &[&str], index: &mut usize) -> Vec<(usize, String)> {
    let mut rows: Vec<(usize, String)> = Vec::new();
    while let Some(&line) = lines.get(*index) {
        let trimmed = line.trim();
        if trimmed.is_empty() || (!trimmed.starts_with('|') && starts_block(line)) {
            break;
        }
        match rows.last_mut() {
            Some((_, row)) if !trimmed.starts_with('|') && !is_closed(row) => {
                row.push('\n');
                row.push_str(line);
            }
            _ => rows.push((*index + 1, line.to_owned())),
        }
        *index += 1;
    }
    rows
}

/// Whether a row's last line ends with a `|` that is not escaped.
fn is_closed(row: &str) -> bool {
    let row = row.trim_end();
    row.ends_with('|') && !row.ends_with("\\|")
}

/// Decodes the HTML entities the pages use (`&lt;`, `&gt;`, `&amp;`, `&quot;`, `&#39;`,
/// `&nbsp;`, numeric forms); anything else is left as written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let decoded = tail.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = tail.get(1..end)?;
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, consumed)) => {
                out.push(c);
                rest = tail.get(consumed..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// Replaces every markdown link `[text](target)` with its text.
pub fn strip_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let tail = rest.get(open..).unwrap_or("");
        let link = tail.find("](").and_then(|mid| {
            let text = tail.get(1..mid)?;
            let close = tail.get(mid + 2..)?.find(')')? + mid + 2;
            (!text.contains('[')).then_some((text, close + 1))
        });
        match link {
            Some((text, consumed)) => {
                out.push_str(text);
                rest = tail.get(consumed..).unwrap_or("");
            }
            None => {
                out.push('[');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` with the target of each markdown link `[text](target)` that `rewrite` maps replaced
/// by what it gives; the rest as written.
pub fn map_link_targets(text: &str, rewrite: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let start = open + 1;
        let tail = rest.get(start..).unwrap_or("");
        // The target's start and length, within `rest`.
        let target = tail
            .find("](")
            .filter(|&mid| !tail.get(..mid).unwrap_or("").contains('['))
            .and_then(|mid| {
                let after = tail.get(mid + 2..)?;
                Some((start + mid + 2, after.find(')')?))
            });
        let Some((at, len)) = target else {
            out.push_str(rest.get(..start).unwrap_or(""));
            rest = tail;
            continue;
        };
        out.push_str(rest.get(..at).unwrap_or(""));
        let target = rest.get(at..at + len).unwrap_or("");
        out.push_str(&rewrite(target).unwrap_or_else(|| target.to_owned()));
        rest = rest.get(at + len..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Every markdown link `[text](target)` in `text`: its text and target.
pub fn links(text: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find('[')?;
            let tail = rest.get(open + 1..)?;
            rest = tail;
            let Some(mid) = tail.find("](") else {
                continue;
            };
            let label = tail.get(..mid)?;
            if label.contains('[') {
                continue;
            }
            let after = tail.get(mid + 2..)?;
            let Some(close) = after.find(')') else {
                continue;
            };
            rest = after.get(close + 1..)?;
            return Some((label, after.get(..close)?));
        }
    })
}

/// The text of the first markdown link in `text`, if any.
pub fn first_link_text(text: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(open) = text.get(from..)?.find('[') {
        let start = from + open + 1;
        let tail = text.get(start..)?;
        let inner = tail.find("](").and_then(|mid| tail.get(..mid));
        if let Some(inner) = inner.filter(|inner| !inner.contains('[')) {
            return Some(inner);
        }
        from = start;
    }
    None
}
