//! The Example section of a plain-text page, whose code blocks lost their fences: `Request`
//! and `Response` lines head the parts of an example, each HTTP message runs from its request
//! or status line through its headers and JSON body, and the prose between them is kept as
//! paragraphs.

use super::page::{Block, Code, Located};
use super::rendered_text::{Run, Section, Text, is_code_label, is_edge_chrome, is_example_part};
use super::sections;

/// The Example section's blocks: part headings, prose and messages, in page order. `callout`
/// gives the blocks a call-out takes: `Some` with what stands in their place.
pub(super) fn blocks(
    text: &Text,
    section: &Section,
    callout: impl Fn(Run) -> Option<Option<Located>>,
) -> Vec<Located> {
    let mut out = Vec::new();
    let mut next_line = 0;
    let heading = |run: &Run| run.is_single() && is_example_part(text.line(run.first));
    // Where each run's message must end at the latest: the next part heading, else the
    // section's end.
    let mut limits = vec![section.end; section.blocks.len()];
    let mut limit = section.end;
    for (position, run) in section.blocks.iter().enumerate().rev() {
        if let Some(slot) = limits.get_mut(position) {
            *slot = limit;
        }
        if heading(run) {
            limit = run.first;
        }
    }
    for (position, run) in section.blocks.iter().enumerate() {
        if run.last < next_line {
            continue;
        }
        if let Some(stands_in) = callout(*run) {
            out.extend(stands_in);
            continue;
        }
        if heading(run) && run.first >= next_line {
            out.push(Located {
                line: run.line(),
                block: Block::Heading {
                    level: 3,
                    text: text.line(run.first).trim().to_owned(),
                },
            });
            continue;
        }
        let limit = limits.get(position).copied().unwrap_or(section.end);
        let mut cursor = run.first.max(next_line);
        while cursor <= run.last {
            let start = (cursor..=run.last).find(|&index| {
                let line = text.line(index).trim();
                sections::request_line(line).is_some() || line.starts_with("HTTP/")
            });
            let before_end = start.map_or(run.last, |start| start.saturating_sub(1));
            // Code labels and the web page's footer are not prose.
            let is_prose = (cursor..=before_end)
                .any(|index| !text.is_blank(index) && !is_edge_chrome(text.line(index)));
            if start != Some(cursor) && is_prose {
                let words = text.prose_of(cursor, before_end);
                if !is_code_label(&words) {
                    out.push(Located {
                        line: cursor + 1,
                        block: Block::Paragraph(words),
                    });
                }
            }
            let Some(start) = start else {
                break;
            };
            let end = message_end(text, start, limit);
            out.push(Located {
                line: start + 1,
                block: Block::Code(Code {
                    info: "http".to_owned(),
                    lines: (start..=end)
                        .map(|index| text.line(index).to_owned())
                        .collect(),
                    first_line: start + 1,
                    closed: true,
                }),
            });
            next_line = end + 1;
            cursor = end + 1;
        }
    }
    out
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
