//! A small YAML emitter for spec files: ordered keys, 2-space indentation, strings quoted only
//! when YAML needs it, multi-line text as `|` literal blocks.
//!
//! The YAML crate of the workspace only reads; this writes the subset the spec format uses, in
//! the style of the checked-in files, so an import produces the same bytes every time.

/// A YAML value in the shape the spec format uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A string scalar, plain when YAML allows it, else double-quoted.
    Str(String),
    /// An integer scalar.
    Int(i64),
    /// A boolean scalar.
    Bool(bool),
    /// A block mapping, keys in the order given.
    Map(Vec<(String, Node)>),
    /// A block sequence (`- item` per line); empty as `[]`.
    Seq(Vec<Node>),
    /// A flow sequence of strings on one line: `[a, b]`.
    Flow(Vec<String>),
    /// Multi-line text as a `|` literal block (JSON bodies), quoted when a block cannot hold it.
    Literal(String),
}

/// Builds a [`Node::Map`] from `(key, value)` pairs, skipping `None` values.
#[derive(Debug, Default)]
pub struct MapBuilder(Vec<(String, Node)>);

impl MapBuilder {
    /// An empty mapping.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key: value`.
    #[must_use]
    pub fn with(mut self, key: &str, value: Node) -> Self {
        self.0.push((key.to_owned(), value));
        self
    }

    /// Adds `key: value` when `value` is `Some`.
    #[must_use]
    pub fn with_opt(self, key: &str, value: Option<Node>) -> Self {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    /// The finished mapping.
    pub fn build(self) -> Node {
        Node::Map(self.0)
    }
}

/// Writes a document whose root is a mapping; every line ends with `\n`.
pub fn to_string(root: &Node) -> String {
    let mut out = String::new();
    match root {
        Node::Map(entries) => write_map(&mut out, entries, 0, false),
        other => {
            // Not used by the spec format, but keep the output valid YAML.
            write_inline_or_block(&mut out, other, 0);
        }
    }
    out
}

fn indent(out: &mut String, width: usize) {
    out.extend(std::iter::repeat_n(' ', width));
}

/// Writes `key: value` lines at indentation `at`; with `after_dash` the first key goes on the
/// current line, right after a sequence item's `- `.
fn write_map(out: &mut String, entries: &[(String, Node)], at: usize, after_dash: bool) {
    for (index, (key, value)) in entries.iter().enumerate() {
        if index > 0 || !after_dash {
            indent(out, at);
        }
        out.push_str(&scalar(key));
        out.push(':');
        write_value(out, value, at);
    }
}

/// Writes a mapping value after `key:`; `at` is the key's indentation.
fn write_value(out: &mut String, value: &Node, at: usize) {
    match value {
        Node::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Node::Map(entries) => {
            out.push('\n');
            write_map(out, entries, at + 2, false);
        }
        Node::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Node::Seq(items) => {
            out.push('\n');
            write_seq(out, items, at + 2);
        }
        Node::Literal(text) => write_literal(out, text, at + 2),
        scalar_node => {
            out.push(' ');
            write_inline_or_block(out, scalar_node, at);
        }
    }
}

fn write_seq(out: &mut String, items: &[Node], at: usize) {
    for item in items {
        indent(out, at);
        out.push_str("- ");
        match item {
            Node::Map(entries) if !entries.is_empty() => write_map(out, entries, at + 2, true),
            Node::Seq(inner) if !inner.is_empty() => {
                out.push('\n');
                write_seq(out, inner, at + 2);
            }
            Node::Literal(text) => {
                // `- |` then the block, indented past the dash.
                out.pop();
                write_literal(out, text, at + 2);
            }
            other => write_inline_or_block(out, other, at),
        }
    }
}

/// Scalars and flow collections, on the current line, ending the line.
fn write_inline_or_block(out: &mut String, node: &Node, at: usize) {
    match node {
        Node::Str(text) => out.push_str(&scalar(text)),
        Node::Int(value) => out.push_str(&value.to_string()),
        Node::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
        Node::Flow(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                out.push_str(&flow_scalar(item));
            }
            out.push(']');
        }
        Node::Map(entries) if entries.is_empty() => out.push_str("{}"),
        Node::Seq(items) if items.is_empty() => out.push_str("[]"),
        Node::Map(entries) => {
            out.push('\n');
            write_map(out, entries, at + 2, false);
            return;
        }
        Node::Seq(items) => {
            out.push('\n');
            write_seq(out, items, at + 2);
            return;
        }
        Node::Literal(text) => {
            write_literal(out, text, at + 2);
            return;
        }
    }
    out.push('\n');
}

/// Writes ` |` (after `key:` or `-`) and the text indented by `at`; falls back to a quoted
/// scalar when a literal block cannot carry the text exactly.
fn write_literal(out: &mut String, text: &str, at: usize) {
    if !literal_ok(text) {
        out.push(' ');
        out.push_str(&quoted(text));
        out.push('\n');
        return;
    }
    out.push_str(" |");
    // An explicit indentation indicator when the first line starts with a space.
    if text.starts_with(' ') {
        out.push('2');
    }
    let body = text.trim_end_matches('\n');
    let trailing = text.len() - body.len();
    match trailing {
        0 => out.push('-'),
        1 => {}
        _ => out.push('+'),
    }
    out.push('\n');
    for line in body.split('\n') {
        if !line.is_empty() {
            indent(out, at);
            out.push_str(line);
        }
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
}

/// Whether a `|` block reproduces `text` exactly.
fn literal_ok(text: &str) -> bool {
    let body = text.trim_end_matches('\n');
    !body.is_empty()
        && !body.starts_with('\n')
        && !text
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_special_break(c))
        // A line of only spaces before the first content line would confuse indentation.
        && !body.lines().next().is_some_and(|first| first.trim().is_empty())
        // Trailing spaces on the last line are kept by YAML, but lines ending in spaces before a
        // chomped end are fine; only whitespace-only trailing lines are ambiguous.
        && !body.lines().last().is_some_and(|last| last.trim().is_empty())
}

fn is_special_break(c: char) -> bool {
    matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// A string scalar in block context: plain when YAML reads it back as the same string, else
/// double-quoted.
pub fn scalar(text: &str) -> String {
    if plain_ok(text, false) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// A string scalar inside a flow sequence (`[a, b]`).
pub fn flow_scalar(text: &str) -> String {
    if plain_ok(text, true) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// Whether `text` can be written as a plain scalar and read back unchanged as a string.
fn plain_ok(text: &str, flow: bool) -> bool {
    let (Some(first), Some(last)) = (text.chars().next(), text.chars().last()) else {
        return false;
    };
    if first.is_whitespace() || last.is_whitespace() {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if text.contains(": ") || text.ends_with(':') || text.contains(" #") {
        return false;
    }
    if text.chars().any(|c| c.is_control() || is_special_break(c)) {
        return false;
    }
    if flow && text.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    !(reserved(text) || numeric_like(text))
}

/// Words YAML 1.1 or 1.2 reads as null, booleans or special floats.
fn reserved(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "~", "null", "true", "false", "yes", "no", "on", "off", "y", "n", ".inf", "-.inf", "+.inf",
        ".nan",
    ];
    WORDS.iter().any(|word| word.eq_ignore_ascii_case(text))
}

/// Anything a YAML reader might take for a number, date or time: a digit (after an optional
/// sign or dot) at the start of a word without spaces.
fn numeric_like(text: &str) -> bool {
    if text.contains(' ') {
        return false;
    }
    let rest = text.strip_prefix(['+', '-']).unwrap_or(text);
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    rest.starts_with(|c: char| c.is_ascii_digit())
}

/// A double-quoted scalar with the escapes YAML defines.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || is_special_break(c) => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
