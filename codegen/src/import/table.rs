//! Markdown tables as the Graph pages write them, quirks included: group-heading rows such as
//! `|**Onboarding**|`, unescaped `|` inside a description, `&nbsp;` padding.

use super::lists;
use super::markdown::decode_entities;

/// A table: its header cells and its data rows, each row with exactly as many cells as the
/// header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// 1-based line of the header row.
    pub line: usize,
    /// Header cells, trimmed and decoded.
    pub header: Vec<String>,
    /// Data rows.
    pub rows: Vec<Row>,
    /// What was skipped or repaired, with the row's line: for the import report.
    pub notes: Vec<(usize, String)>,
}

/// A data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based line.
    pub line: usize,
    /// Cells, trimmed (spaces and no-break spaces) and with HTML entities decoded.
    pub cells: Vec<String>,
}

impl Row {
    /// Cell `index`, or `""` when the row is shorter.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }
}

/// Splits one table line into its raw cells: the outer `|` are dropped, `\|` does not split,
/// nothing is trimmed.
pub fn split_row(line: &str) -> Vec<String> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                current.push('\\');
                current.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    // A row written without its closing `|` still has a last cell.
    if !current.trim().is_empty() {
        cells.push(current);
    }
    cells
}

/// A cell's text: HTML lists as markdown lists, HTML entities decoded, surrounding spaces and
/// no-break spaces removed.
pub fn clean_cell(raw: &str) -> String {
    decode_entities(&lists::from_html(raw)).trim().to_owned()
}

/// The title of a group-heading cell such as `**Onboarding**` or `&nbsp; **Apps**`.
pub fn group_title(cell: &str) -> Option<&str> {
    let inner = cell.trim().strip_prefix("**")?.strip_suffix("**")?;
    (!inner.is_empty() && !inner.contains("**")).then_some(inner.trim())
}

fn is_separator(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|cell| {
            let cell = cell.trim();
            let inner = cell.strip_prefix(':').unwrap_or(cell);
            let inner = inner.strip_suffix(':').unwrap_or(inner);
            !inner.is_empty() && inner.chars().all(|c| c == '-')
        })
}

/// Reads a table from its `(line, text)` rows.
///
/// A row's text may hold several lines (a cell broken over lines): they are joined with a
/// space, with a note.
/// A row with more cells than the header has an unescaped `|` in its last column: the extra
/// cells are joined back into the last one. A row with a single bold cell and nothing else is a
/// group heading and is skipped. A shorter row is dropped. Each of these leaves a note.
/// Without a header and separator row the table is unusable: `Err((line, reason))`.
pub fn parse(rows: &[(usize, String)]) -> Result<Table, (usize, String)> {
    let Some((line, header_text)) = rows.first() else {
        return Err((0, "empty table".to_owned()));
    };
    let header: Vec<String> = split_row(header_text)
        .iter()
        .map(|cell| clean_cell(cell))
        .collect();
    let columns = header.len();
    let separator_ok = rows
        .get(1)
        .is_some_and(|(_, text)| is_separator(&split_row(text)));
    if columns == 0 || !separator_ok {
        return Err((
            *line,
            "the table has no `|:---|` separator row under its header".to_owned(),
        ));
    }
    let mut table = Table {
        line: *line,
        header,
        ..Table::default()
    };
    for (row_line, text) in rows.iter().skip(2) {
        let lines = text.lines().count();
        if lines > 1 {
            table.notes.push((
                *row_line,
                format!("row continued over {lines} lines; joined"),
            ));
        }
        let mut raw = split_row(&text.replace('\n', " "));
        let non_empty: Vec<String> = raw
            .iter()
            .map(|cell| clean_cell(cell))
            .filter(|cell| !cell.is_empty())
            .collect();
        let first_is_only = raw
            .first()
            .is_some_and(|first| non_empty.len() == 1 && !clean_cell(first).is_empty());
        if let (true, [only]) = (first_is_only, non_empty.as_slice())
            && group_title(only).is_some()
        {
            table.notes.push((
                *row_line,
                format!("group heading row `{only}` skipped; the spec format has no row groups"),
            ));
            continue;
        }
        if raw.len() < columns {
            table.notes.push((
                *row_line,
                format!(
                    "row has {} cells but the table has {columns} columns; row left out",
                    raw.len()
                ),
            ));
            continue;
        }
        if raw.len() > columns {
            let extra = raw.split_off(columns - 1);
            raw.push(extra.join("|"));
            table.notes.push((
                *row_line,
                format!(
                    "row has {} cells for {columns} columns: took the extra `|` as part of the \
                     `{}` cell",
                    raw.len() + extra.len() - 1,
                    table.header.last().map_or("", String::as_str)
                ),
            ));
        }
        table.rows.push(Row {
            line: *row_line,
            cells: raw.iter().map(|cell| clean_cell(cell)).collect(),
        });
    }
    Ok(table)
}
