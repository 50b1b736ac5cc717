//! The Example section of an API page: `### Request` / `### Response` pairs, each an HTTP
//! message in a code block, kept as data.

use crate::primitive::Primitive;
use crate::spec::{Example, ExampleHeader, ExampleRequest, ExampleResponse, Response, unlocated};
use crate::template;
use crate::vocabulary::HttpMethod;

use super::api_page::REQUEST_SECTIONS;
use super::knowledge::clip;
use super::page::{Block, Page, Section};
use super::parsed::Notes;
use super::parts::plain_note;
use super::sections::{is_header_line, relative_path, request_line};

/// The part of an example a message belongs to, from the heading above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Outside a `Request` or `Response` heading.
    None,
    /// Under `Request`.
    Request,
    /// Under `Response`.
    Response,
}

/// Reads an Example section in page order (headings, prose and HTTP messages), and pairs each
/// example request with the response that follows it; what cannot be paired or describes no
/// message is noted and left out.
struct Pairs<'p> {
    method: HttpMethod,
    paths: &'p [&'p str],
    response: &'p Response,
    examples: Vec<Example>,
    /// The part the last heading started.
    part: Part,
    /// Prose waiting for the message it describes: its 1-based line and text.
    prose: Vec<(usize, String)>,
    /// A request waiting for its response, and the line to note it at; `None` in its place
    /// for a request of another operation (noted), whose response is left out with it.
    pending: Option<(usize, Option<ExampleRequest>)>,
}

impl<'p> Pairs<'p> {
    /// Pairs for an operation of `method`, whose request lines have `paths` and whose
    /// Response section says `response`.
    fn new(method: HttpMethod, paths: &'p [&'p str], response: &'p Response) -> Self {
        Self {
            method,
            paths,
            response,
            examples: Vec::new(),
            part: Part::None,
            prose: Vec::new(),
            pending: None,
        }
    }

    /// A heading: `Request…` and `Response…` start that part of an example, any other heading
    /// leaves both. Prose above it described no message.
    fn heading(&mut self, text: &str, notes: &mut Notes) {
        let lower = text.trim().to_ascii_lowercase();
        self.part = if lower.starts_with("request") {
            Part::Request
        } else if lower.starts_with("response") {
            Part::Response
        } else {
            Part::None
        };
        self.drop_prose("text that describes no example message left out", notes);
    }

    /// A paragraph at the 1-based `line`: the description of the next message.
    fn prose(&mut self, line: usize, text: String) {
        self.prose.push((line, text));
    }

    /// A message whose lines follow the 1-based line `before` (a code fence, or the line above
    /// the message); notes about the message as a whole go at `line`. Returns the line of the
    /// prose taken as its description, if any.
    fn message(
        &mut self,
        (line, before): (usize, usize),
        lines: &[String],
        notes: &mut Notes,
    ) -> Option<usize> {
        let description_line = self.prose.first().map(|(line, _)| *line);
        let description = self
            .prose
            .drain(..)
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
            .join("\n\n");
        // Under a heading that names no part (`### List children of a known item`), the
        // message's first line tells it.
        let part = match self.part {
            Part::None => message_part(lines),
            part => part,
        };
        match part {
            Part::Request => {
                if let Some((line, _)) = self.pending.take() {
                    notes.push((
                        line,
                        "example request without a response; left out".to_owned(),
                    ));
                }
                if let Some(request) = request(before, lines, description, notes) {
                    let own = addresses_operation(before, self.paths, &request.url, notes);
                    self.pending = Some((line, own.then_some(request)));
                }
            }
            Part::Response => {
                let Some((_, request)) = self.pending.take() else {
                    notes.push((
                        line,
                        "example response without a request; left out".to_owned(),
                    ));
                    return description_line;
                };
                if let Some(parsed) = response_message(before, lines, description, notes)
                    && let Some(request) = request
                {
                    check_get_wrapping(before, self.method, self.response, &parsed, notes);
                    self.examples.push(Example {
                        request,
                        response: parsed,
                    });
                }
            }
            Part::None => notes.push((
                line,
                "code block outside a Request or Response heading that starts with neither a \
                 request line nor a status line; ignored"
                    .to_owned(),
            )),
        }
        description_line
    }

    /// The complete examples; prose after the last message, a request still waiting, or no
    /// example at all (at the section's `section_line`) is noted.
    fn finish(mut self, section_line: usize, notes: &mut Notes) -> Vec<Example> {
        self.drop_prose("text after the last example left out", notes);
        if let Some((line, _)) = self.pending {
            notes.push((
                line,
                "example request without a response; left out".to_owned(),
            ));
        }
        if self.examples.is_empty() {
            notes.push((section_line, "no complete example".to_owned()));
        }
        self.examples
    }

    fn drop_prose(&mut self, what: &str, notes: &mut Notes) {
        for (line, text) in self.prose.drain(..) {
            notes.push((line, format!("{what}: `{}`", clip(&text))));
        }
    }
}

/// Every request/response pair of the page, in page order: those of the Example sections
/// (`Example`, `Examples`, `Example (upload a new file)`), and of any other section that shows
/// an HTTP message (a response under `## Response` for the examples above it, an example
/// under `## Parameters`), the request lines' sections aside. A plain-text page's
/// descriptions lost their marks.
pub fn examples(
    page: &Page,
    method: HttpMethod,
    paths: &[&str],
    response: &Response,
    notes: &mut Notes,
) -> Vec<Example> {
    let sections: Vec<&Section> = page
        .sections
        .iter()
        .filter(|section| {
            section.level == 2
                && !section.is_named(REQUEST_SECTIONS)
                && (section.is_named(&["Example", "Examples"])
                    || section
                        .blocks
                        .iter()
                        .any(|located| shows_message(&located.block)))
        })
        .collect();
    let Some(first) = sections.first() else {
        return Vec::new();
    };
    let mut pairs = Pairs::new(method, paths, response);
    for section in &sections {
        pairs.heading(&section.heading, notes);
        for located in &section.blocks {
            match &located.block {
                Block::Heading { text, .. } => pairs.heading(text, notes),
                Block::Paragraph(text) => pairs.prose(located.line, text.clone()),
                Block::Code(code) => {
                    if !code.closed {
                        notes.push((
                            located.line,
                            "code block without a closing fence".to_owned(),
                        ));
                    }
                    // `msgraph-interactive` marks a request the published page lets readers try.
                    if !matches!(code.info.as_str(), "" | "http" | "msgraph-interactive") {
                        notes.push((
                            located.line,
                            format!("`{}` code block in the examples ignored", code.info),
                        ));
                        continue;
                    }
                    let before = code.first_line.saturating_sub(1);
                    let described = pairs.message((located.line, before), &code.lines, notes);
                    if let Some(line) = described.filter(|_| page.is_plain()) {
                        plain_note(notes, line, "the example's description");
                    }
                }
                _ => {}
            }
        }
    }
    pairs.finish(first.line, notes)
}

/// Whether a block is an HTTP message: a code block starting with a request or status line.
fn shows_message(block: &Block) -> bool {
    match block {
        Block::Code(code) => message_part(&code.lines) != Part::None,
        _ => false,
    }
}

/// The part of an example a message's first line shows it to be: a request line, or a status
/// line (`HTTP/1.1 200 OK`).
fn message_part(lines: &[String]) -> Part {
    let Some(start) = lines
        .iter()
        .map(|line| line.trim())
        .find(|line| !line.is_empty())
    else {
        return Part::None;
    };
    if start.starts_with("HTTP/") {
        Part::Response
    } else if request_line(start).is_some() {
        Part::Request
    } else {
        Part::None
    }
}

/// The lines of an HTTP message: start line, header lines, then the body.
struct Message {
    start: String,
    headers: Vec<ExampleHeader>,
    body: Option<String>,
}

/// Splits a message; `fence_line` is the 1-based line of the opening fence.
fn message(fence_line: usize, lines: &[String], notes: &mut Notes) -> Option<Message> {
    let mut index = lines.iter().position(|line| !line.trim().is_empty())?;
    let start = lines.get(index)?.trim().to_owned();
    index += 1;
    // Headers, allowing the blank line some pages put after the start line.
    let next = lines
        .iter()
        .skip(index)
        .position(|line| !line.trim().is_empty())
        .map(|offset| index + offset);
    if let Some(next) = next.filter(|&n| lines.get(n).is_some_and(|l| is_header_line(l.trim()))) {
        index = next;
    }
    let mut headers = Vec::new();
    while let Some(line) = lines.get(index) {
        let line = line.trim();
        if !is_header_line(line) {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push(ExampleHeader {
                name: name.trim().to_owned(),
                value: value.trim().to_owned(),
            });
        }
        index += 1;
    }
    let rest_start = lines
        .iter()
        .skip(index)
        .position(|line| !line.trim().is_empty())
        .map(|offset| index + offset);
    // A message declaring other content than JSON (a base64 MIME message, a CSV file) shows
    // it as it is.
    let content = ExampleHeader::content(&headers).filter(|content| !content.is_json());
    let body = rest_start.and_then(|first| {
        let rest = lines.get(first..)?;
        match content {
            Some(_) => Some(format!("{}\n", rest.join("\n").trim_end())),
            None => body(fence_line + 1 + first, rest, notes),
        }
    });
    Some(Message {
        start,
        headers,
        body,
    })
}

/// The JSON value at the start of `lines`, verbatim and ending with a newline; text after it
/// is reported and left out. A body that is JSON but for the slips published examples make
/// (see [`repair`]) is kept repaired, with a note. `first_line` is the 1-based line of
/// `lines[0]`.
fn body(first_line: usize, lines: &[String], notes: &mut Notes) -> Option<String> {
    let text = lines.join("\n");
    let error = match first_value(&text) {
        Ok(json) => return json.map(|json| finish_body(json, first_line, &text, notes)),
        Err(error) => error,
    };
    let repaired = repair(&text);
    match first_value(&repaired.text) {
        Ok(Some(json)) if repaired.changes() > 0 => {
            notes.push((first_line, format!("example body repaired: {repaired}")));
            Some(finish_body(json, first_line, &repaired.text, notes))
        }
        _ => {
            notes.push((
                first_line + error.line().saturating_sub(1),
                format!("example body is not valid JSON ({error}); body left out"),
            ));
            None
        }
    }
}

/// The first JSON value of `text`, trimmed at its end.
fn first_value(text: &str) -> Result<Option<&str>, serde_json::Error> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    match stream.next() {
        Some(Ok(_)) => Ok(Some(
            text.get(..stream.byte_offset()).unwrap_or(text).trim_end(),
        )),
        Some(Err(error)) => Err(error),
        None => Ok(None),
    }
}

/// `json`, the start of `text`, as a body; text after it is noted at its line, and so are
/// placeholders written where values belong.
fn finish_body(json: &str, first_line: usize, text: &str, notes: &mut Notes) -> String {
    note_placeholders(json, first_line, notes);
    let rest = &text[json.len()..];
    if let Some(stray) = rest.trim().lines().next() {
        let leading = rest.len() - rest.trim_start().len();
        let line = first_line
            + json.matches('\n').count()
            + rest.get(..leading).map_or(0, |t| t.matches('\n').count());
        notes.push((
            line,
            format!("text after the JSON body left out: `{stray}`"),
        ));
    }
    format!("{json}\n")
}

/// Notes the placeholders of a JSON body (see [`is_placeholder`]) at the first one's line: the
/// page shows the body's shape rather than a message, which types other than `String` do not
/// read.
fn note_placeholders(json: &str, first_line: usize, notes: &mut Notes) {
    fn collect<'v>(value: &'v serde_json::Value, found: &mut Vec<&'v str>) {
        match value {
            serde_json::Value::String(text) if is_placeholder(text) => found.push(text),
            serde_json::Value::Array(items) => items.iter().for_each(|item| collect(item, found)),
            serde_json::Value::Object(members) => {
                members.values().for_each(|member| collect(member, found));
            }
            _ => {}
        }
    }
    let Ok(value) = serde_json::from_str::<serde_json::Value>(json) else {
        return;
    };
    let mut found = Vec::new();
    collect(&value, &mut found);
    // The first in the text, which the object's sorted members need not list first.
    let Some((offset, first)) = found
        .iter()
        .filter_map(|text| Some((json.find(&format!("\"{text}\""))?, *text)))
        .min()
    else {
        return;
    };
    notes.push((
        first_line + json[..offset].matches('\n').count(),
        format!(
            "example body holds {} placeholder(s) where values belong, such as `\"{first}\"`: \
             kept as the page shows it; a value its property's type does not read leaves the \
             body out of the generated crate's round-trips",
            found.len()
        ),
    ));
}

/// Whether a JSON string is a documentation placeholder rather than a value: `"<name>-value"`
/// (`"datetime-value"`, `"subject-value"`), a primitive's name as documented (`"String"`,
/// `"Guid"`), or one in any case with a remark (`"string (identifier)"`). A bare lower-case
/// name is no placeholder: enums have members such as `string`.
fn is_placeholder(text: &str) -> bool {
    let named_value = text.strip_suffix("-value").is_some_and(|name| {
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric())
    });
    let with_remark = text
        .split_once(" (")
        .filter(|(_, remark)| remark.ends_with(')'))
        .is_some_and(|(name, _)| {
            Primitive::ALL
                .iter()
                .any(|primitive| primitive.documented().eq_ignore_ascii_case(name))
        });
    named_value || with_remark || Primitive::from_documented(text).is_some()
}

/// An example body with the slips of published examples mended: a comma before `}` or `]`
/// (which JSON forbids), and a tab or line break typed inside a string (which JSON wants
/// escaped).
struct Repaired {
    text: String,
    trailing_commas: usize,
    control_characters: usize,
}

impl Repaired {
    fn changes(&self) -> usize {
        self.trailing_commas + self.control_characters
    }
}

impl std::fmt::Display for Repaired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if self.trailing_commas > 0 {
            parts.push(format!(
                "{} trailing comma(s) removed",
                self.trailing_commas
            ));
        }
        if self.control_characters > 0 {
            parts.push(format!(
                "{} control character(s) in strings escaped",
                self.control_characters
            ));
        }
        f.write_str(&parts.join(", "))
    }
}

fn repair(text: &str) -> Repaired {
    let mut out = Repaired {
        text: String::with_capacity(text.len()),
        trailing_commas: 0,
        control_characters: 0,
    };
    let (mut in_string, mut escaped) = (false, false);
    for (index, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\t' | '\n' | '\r' => {
                    out.control_characters += 1;
                    out.text.push_str(match c {
                        '\t' => "\\t",
                        '\n' => "\\n",
                        _ => "\\r",
                    });
                    continue;
                }
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' && text[index + 1..].trim_start().starts_with(['}', ']']) {
            out.trailing_commas += 1;
            continue;
        }
        out.text.push(c);
    }
    out
}

fn request(
    fence_line: usize,
    lines: &[String],
    description: String,
    notes: &mut Notes,
) -> Option<ExampleRequest> {
    let Some(message) = message(fence_line, lines, notes) else {
        notes.push((
            fence_line,
            "empty example request block; left out".to_owned(),
        ));
        return None;
    };
    let Some((method, url)) = request_line(&message.start) else {
        notes.push((
            fence_line + 1,
            format!(
                "`{}` is not a request line; example left out",
                message.start
            ),
        ));
        return None;
    };
    Some(ExampleRequest {
        description,
        method: method.to_owned(),
        url: url.to_owned(),
        headers: message.headers,
        body: message.body.map(unlocated),
    })
}

fn response_message(
    fence_line: usize,
    lines: &[String],
    description: String,
    notes: &mut Notes,
) -> Option<ExampleResponse> {
    let Some(message) = message(fence_line, lines, notes) else {
        notes.push((
            fence_line,
            "empty example response block; example left out".to_owned(),
        ));
        return None;
    };
    let mut words = message.start.split_whitespace();
    let status = words
        .next()
        .filter(|protocol| protocol.starts_with("HTTP/"))
        .and_then(|_| words.next())
        .and_then(|code| code.parse::<u16>().ok());
    let Some(status) = status else {
        notes.push((
            fence_line + 1,
            format!("`{}` is not a status line; example left out", message.start),
        ));
        return None;
    };
    Some(ExampleResponse {
        description,
        status,
        headers: message.headers,
        body: message.body.map(unlocated),
    })
}

/// The `-get` pages wrap the entity in `{"value": {…}}`, which the service does not send.
fn check_get_wrapping(
    line: usize,
    method: HttpMethod,
    response: &Response,
    example: &ExampleResponse,
    notes: &mut Notes,
) {
    if method != HttpMethod::Get || response.collection {
        return;
    }
    let Some(body) = &example.body else {
        return;
    };
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(&body.value)
    else {
        return;
    };
    if map.len() == 1 && map.get("value").is_some_and(serde_json::Value::is_object) {
        notes.push((
            line,
            "the example response wraps the entity in `{\"value\": …}` (a known quirk of the \
             `-get` pages; the service returns the bare object); kept verbatim"
                .to_owned(),
        ));
    }
}

/// Whether an example's URL is one of the page's request lines; one that matches none shows
/// another operation (a `$count`, a `$value`, a type cast the page mentions in passing), whose
/// bodies the operation's types would not read: noted, and left out.
fn addresses_operation(line: usize, paths: &[&str], url: &str, notes: &mut Notes) -> bool {
    let relative = relative_path(url);
    let relative = relative.split('?').next().unwrap_or("");
    // `…/{id}/?$select=…`: the slash before a query addresses the same item.
    let relative = relative
        .strip_suffix('/')
        .filter(|rest| !rest.is_empty())
        .unwrap_or(relative);
    // A function's parameters in the last segment: `name(a='x')`.
    let bare = match relative.rfind('/') {
        Some(slash) => {
            let (head, last) = relative.split_at(slash);
            format!("{head}{}", last.split('(').next().unwrap_or(last))
        }
        None => relative.to_owned(),
    };
    let own = paths
        .iter()
        .any(|path| template::matches(path, relative) || template::matches(path, &bare));
    if !own {
        notes.push((
            line + 1,
            format!(
                "the example URL `{url}` matches none of the page's request lines: another \
                 operation's example; left out"
            ),
        ));
    }
    own
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_the_documentation_s_not_values() {
        for placeholder in [
            "datetime-value",
            "subject-value",
            "id-value",
            "String",
            "Guid",
            "Int32",
            "string (identifier)",
        ] {
            assert!(is_placeholder(placeholder), "{placeholder}");
        }
        for value in [
            "2021-04-23T18:13:44Z",
            "Internal Resume Submission",
            "-value",
            "a b-value",
            "Strings",
            // An enum member (Intune's `deviceCustomAttributeValueType`).
            "string",
            "string (identifier",
            "Display Name value",
        ] {
            assert!(!is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn placeholders_are_noted_at_the_first_one_s_line() {
        let json = "{\n  \"value\": [\n    {\n      \"subject\": \"Hello\",\n      \"sentDateTime\": \"datetime-value\",\n      \"id\": \"id-value\"\n    }\n  ]\n}";
        let mut notes = Notes::default();
        note_placeholders(json, 10, &mut notes);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].0, 14);
        assert!(notes[0].1.contains("2 placeholder(s)"), "{notes:?}");
        assert!(notes[0].1.contains("`\"datetime-value\"`"), "{notes:?}");
    }

    #[test]
    fn a_message_declaring_other_content_keeps_its_body_as_written() {
        let lines: Vec<String> = [
            "POST https://graph.microsoft.com/v1.0/me/messages/AAMkADA1MTAAAAqldOAAA=/createReply",
            "Content-type: text/plain",
            "",
            "RnJvbTogQWxleCBXaWxiZXIgPEFsZXhXQGNvbnRvc28uY29tPgpUbzogTWVnYW4gQm93ZW4gPE1l",
            "Z2FuQkBjb250b3NvLmNvbT4K",
            "",
        ]
        .map(str::to_owned)
        .to_vec();
        let mut notes = Notes::default();
        let message = message(1, &lines, &mut notes).expect("a message");
        assert_eq!(
            message.body.as_deref(),
            Some(
                "RnJvbTogQWxleCBXaWxiZXIgPEFsZXhXQGNvbnRvc28uY29tPgpUbzogTWVnYW4gQm93ZW4gPE1l\n\
                 Z2FuQkBjb250b3NvLmNvbT4K\n"
            )
        );
        assert!(notes.is_empty(), "{notes:?}");
    }
}
