//! The tables of a plain-text page, whose cell separators the rendering lost, split back into
//! cells: a section's header line says which table it is, and each kind of row is split its
//! own way (name-type-description rows with what the spec knows, [`Knowledge::split`]). Rows
//! that cannot be split are reported and left out.

use super::knowledge::{Knowledge, clip, first_word};
use super::parsed::Notes;
use super::rendered_text::{Run, Text, normalized};
use super::table::{Row, Table};

/// The kinds of table the readers use, as their header lines name them.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind<'k> {
    /// `Header Value`: a header name, then its value.
    Headers,
    /// `Permission type Permissions …`: a permission type, then its scopes.
    Permissions,
    /// `Member Value Description`.
    Members,
    /// `Name Type Description` (or `Property …`, `Parameter …`): the rows of type `owner`, when
    /// known; `what` names the table in notes.
    Typed {
        /// The type whose properties the table lists.
        owner: Option<&'k str>,
        /// The table's name in notes.
        what: &'static str,
    },
}

/// The kind of a table with the (normalized) `header` in the section `section` (lower case);
/// `None` for a table the readers do not use there. `owner` is the page's type, and `body` how
/// the Request body section says its table is read.
pub(super) fn kind<'k>(
    section: &str,
    header: &str,
    owner: Option<&'k str>,
    body: Option<Kind<'k>>,
) -> Option<Kind<'k>> {
    match section {
        "request headers" => matches!(header, "header value" | "name value" | "name description")
            .then_some(Kind::Headers),
        "permissions" | "prerequisites" => header
            .starts_with("permission type")
            .then_some(Kind::Permissions),
        "request body" => matches!(
            header,
            "parameter type description" | "name type description" | "property type description"
        )
        .then_some(body)
        .flatten(),
        "properties" => header.ends_with("type description").then_some(Kind::Typed {
            owner,
            what: "Properties",
        }),
        "relationships" => header.ends_with("type description").then_some(Kind::Typed {
            owner,
            what: "Relationships",
        }),
        "members" => matches!(
            header,
            "member value description" | "name value description"
        )
        .then_some(Kind::Members),
        _ => None,
    }
}

/// The table whose header line starts `run`, its rows split as `kind` says.
pub(super) fn table(
    text: &Text,
    run: Run,
    kind: Kind,
    knowledge: &Knowledge,
    notes: &mut Notes,
) -> Table {
    let header_line = text.line(run.first).trim();
    let rows = (run.first + 1..=run.last)
        .filter(|&index| !text.is_blank(index))
        .map(|index| (index + 1, text.line(index).trim()));
    let (header, rows) = match kind {
        Kind::Headers => (header_cells(header_line, 1), header_rows(rows, notes)),
        Kind::Members => (header_cells(header_line, 2), member_rows(rows)),
        Kind::Typed { owner, what } => {
            let rows = rows
                .filter_map(|(line, row)| {
                    let split = knowledge.split(line, row, owner, what, notes)?;
                    Some(Row {
                        line,
                        cells: vec![split.name, split.ty, split.description],
                    })
                })
                .collect();
            (header_cells(header_line, 2), rows)
        }
        Kind::Permissions => permissions(header_line, run.line(), rows, notes),
    };
    Table {
        line: run.line(),
        header,
        rows,
        notes: Vec::new(),
    }
}

/// A header line's cells: its last `tail` words each a cell, the words before them one.
fn header_cells(line: &str, tail: usize) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let split = words.len().saturating_sub(tail);
    let (head, rest) = words.split_at(split);
    std::iter::once(head.join(" "))
        .filter(|head| !head.is_empty())
        .chain(rest.iter().map(|word| (*word).to_owned()))
        .collect()
}

/// Request headers rows: the name (one word), then the value.
fn header_rows<'a>(rows: impl Iterator<Item = (usize, &'a str)>, notes: &mut Notes) -> Vec<Row> {
    let mut out = Vec::new();
    for (line, row) in rows {
        let (name, value) = first_word(row).unwrap_or((row, ""));
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            notes.push((
                line,
                format!("`{}` is not a header row; left out", clip(row)),
            ));
            continue;
        }
        out.push(Row {
            line,
            cells: vec![name.to_owned(), value.to_owned()],
        });
    }
    out
}

/// Members rows: the name and the value (one word each), then the description.
fn member_rows<'a>(rows: impl Iterator<Item = (usize, &'a str)>) -> Vec<Row> {
    rows.map(|(line, row)| {
        let (member, rest) = first_word(row).unwrap_or((row, ""));
        let (value, description) = first_word(rest).unwrap_or(("", ""));
        Row {
            line,
            cells: vec![member.to_owned(), value.to_owned(), description.to_owned()],
        }
    })
    .collect()
}

/// The permission types' labels, as the rows start.
const LABELS: [&str; 3] = [
    "Delegated (work or school account)",
    "Delegated (personal Microsoft account)",
    "Application",
];

/// A Permissions table: its header cells (`Permission type`, the rest) and its rows, each the
/// label (a group sub-row's in bold, as markdown marks one) and the scopes.
fn permissions<'a>(
    header_line: &str,
    line: usize,
    rows: impl Iterator<Item = (usize, &'a str)>,
    notes: &mut Notes,
) -> (Vec<String>, Vec<Row>) {
    let header = normalized(header_line);
    let two_columns = header.starts_with("permission type permissions");
    if !two_columns {
        notes.push((
            line,
            "the Permissions table is not the two-column `Permission type Permissions` form: \
             each row's scopes are read up to the first one not followed by a comma, and the \
             rest of the row left out"
                .to_owned(),
        ));
    }
    let words: Vec<&str> = header_line.split_whitespace().collect();
    let header_cells = vec![
        words.iter().take(2).copied().collect::<Vec<_>>().join(" "),
        words.iter().skip(2).copied().collect::<Vec<_>>().join(" "),
    ];
    let mut out = Vec::new();
    for (line, row) in rows {
        let row = row.split_whitespace().collect::<Vec<_>>().join(" ");
        let labelled = LABELS.iter().find_map(|label| {
            let rest = row.strip_prefix(label)?;
            (rest.is_empty() || rest.starts_with(char::is_whitespace))
                .then(|| ((*label).to_owned(), rest.trim().to_owned()))
        });
        // Else a group sub-row: words of a label, then scopes (which have dots).
        let grouped = || {
            let words: Vec<&str> = row.split_whitespace().collect();
            let at = words
                .iter()
                .position(|word| word.contains('.') && !word.ends_with('.'))
                .filter(|&at| at > 0)?;
            let (label, scopes) = words.split_at(at);
            Some((format!("**{}**", label.join(" ")), scopes.join(" ")))
        };
        let (label, rest) = labelled
            .or_else(grouped)
            .unwrap_or_else(|| (clip(&row), String::new()));
        let scopes = scopes(&rest, two_columns, line, notes);
        // "Not supported." stays as written; other rows without scopes say nothing.
        let cell = if scopes.is_empty() && rest.eq_ignore_ascii_case("not supported.") {
            rest
        } else {
            scopes.join(", ")
        };
        out.push(Row {
            line,
            cells: vec![label, cell],
        });
    }
    (header_cells, out)
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
