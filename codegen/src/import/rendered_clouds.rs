//! The national-cloud availability table of a plain-text page: the four clouds' columns and a
//! line of ✅/❌ marks, which the rendering often loses.

use serde_saphyr::Spanned;

use crate::vocabulary::NationalCloud;

use super::knowledge::clip;
use super::parsed::Notes;
use super::rendered_text::{Run, Text};
use crate::spec::unlocated;

/// The clouds' column names in the national-cloud table, in the order of [`NationalCloud::ALL`].
const CLOUD_COLUMNS: [&str; 4] = [
    "Global service",
    "US Government L4",
    "US Government L5 (DOD)",
    "China operated by 21Vianet",
];

/// A line of availability marks (✅ / ❌), one per cloud, or `None`.
pub(super) fn marks(line: &str) -> Option<Vec<bool>> {
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
pub(super) fn national_clouds(
    text: &Text,
    table: Run,
    marks_block: Option<Run>,
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
