//! DocFX includes (`[!INCLUDE [name](target)]`): the included file's blocks stand where the
//! page includes them, as the published page shows them, each located at the include's line;
//! an include inside a line (a table cell) becomes its text.

use super::markdown::{Block, Document, Located};

/// Reads an include's target, a path relative to the including page; `None` when it cannot.
pub type Reader<'r> = &'r dyn Fn(&str) -> Option<String>;

/// How deep includes of includes are followed; the documentation nests at most once.
const MAX_DEPTH: usize = 3;

/// Whether an include is left as an include block: the national-cloud table, which the API
/// page reader maps by file name; the beta disclaimer, which is `api.yaml`'s note; an SDK code
/// sample or its link (`includes/snippets/…`), which is no documentation.
pub fn stays(name: &str, target: &str) -> bool {
    name.eq_ignore_ascii_case("national-cloud-support")
        || name.eq_ignore_ascii_case("beta-disclaimer")
        || is_sdk_snippet(target)
}

/// Whether an include is an SDK code sample or its link: the pages include one per language.
fn is_sdk_snippet(target: &str) -> bool {
    target
        .split(['/', '\\'])
        .any(|segment| segment == "snippets")
}

/// `blocks` with each include's contents in its place. An include that cannot be read stays
/// an include block, which the readers note.
pub fn splice(blocks: Vec<Located>, read: Reader<'_>) -> Vec<Located> {
    splice_at(blocks, read, 0)
}

fn splice_at(blocks: Vec<Located>, read: Reader<'_>, depth: usize) -> Vec<Located> {
    let mut spliced = Vec::with_capacity(blocks.len());
    for Located { line, block } in blocks {
        let block = match block {
            Block::Include { name, target } => {
                let included = (depth < MAX_DEPTH && !stays(&name, &target))
                    .then(|| read(&target))
                    .flatten()
                    .and_then(|text| Document::parse(&text).ok());
                match included {
                    Some(document) => {
                        let blocks = document
                            .blocks
                            .into_iter()
                            .map(|located| Located {
                                line,
                                block: relocated(located.block, line),
                            })
                            .collect();
                        spliced.extend(splice_at(blocks, read, depth + 1));
                        continue;
                    }
                    None => Block::Include { name, target },
                }
            }
            Block::Paragraph(lines) => Block::Paragraph(
                lines
                    .into_iter()
                    .map(|text| inline(&text, read, depth))
                    .collect(),
            ),
            Block::Table(rows) => Block::Table(
                rows.into_iter()
                    .map(|(row, text)| (row, inline(&text, read, depth)))
                    .collect(),
            ),
            other => other,
        };
        spliced.push(Located { line, block });
    }
    spliced
}

/// A block of an included file, its table rows located at the include's line.
fn relocated(block: Block, line: usize) -> Block {
    match block {
        Block::Table(rows) => Block::Table(rows.into_iter().map(|(_, row)| (line, row)).collect()),
        other => other,
    }
}

/// A line with each include inside it replaced by the included text's paragraphs, joined by
/// spaces; an include that cannot be read is left as written.
fn inline(text: &str, read: Reader<'_>, depth: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_include(rest) {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some((name, target, len)) = include_at(after) else {
            out.push_str(&after[..2]);
            rest = &after[2..];
            continue;
        };
        let included = (depth < MAX_DEPTH && !stays(name, target))
            .then(|| read(target))
            .flatten()
            .and_then(|text| Document::parse(&text).ok())
            .map(|document| paragraphs(document, read, depth + 1));
        match included {
            Some(text) => out.push_str(&text),
            None => out.push_str(&after[..len]),
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

fn find_include(text: &str) -> Option<usize> {
    text.to_ascii_lowercase().find("[!include")
}

/// The name, target and length of the include `text` starts with.
fn include_at(text: &str) -> Option<(&str, &str, usize)> {
    let inner = text.get(2..)?;
    let name_start = inner.find('[')? + 1;
    let name_end = inner.find(']')?;
    let name = inner.get(name_start..name_end)?.trim();
    let after = inner.get(name_end + 1..)?.strip_prefix('(')?;
    let target_end = after.find(')')?;
    let close = after.get(target_end + 1..)?.strip_prefix(']')?;
    let len = text.len() - close.len();
    Some((name, after[..target_end].trim(), len))
}

fn paragraphs(document: Document, read: Reader<'_>, depth: usize) -> String {
    splice_at(document.blocks, read, depth)
        .into_iter()
        .filter_map(|located| match located.block {
            Block::Paragraph(lines) => Some(lines.join(" ")),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(target: &str) -> Option<String> {
        match target {
            "../includes/callout.md" => {
                Some("---\nms.topic: include\n---\n\n> [!NOTE]\n> Limited.\n".to_owned())
            }
            "../includes/id.md" => Some("---\nauthor: x\n---\n\nChanges when moved.\n".to_owned()),
            "../includes/permissions.md" => Some(
                "|Permission type|Permissions|\n|:--|:--|\n|Application|Files.Read.All|\n"
                    .to_owned(),
            ),
            _ => None,
        }
    }

    fn blocks(text: &str) -> Vec<Located> {
        splice(Document::parse(text).expect("parses").blocks, &read)
    }

    #[test]
    fn an_include_line_becomes_the_included_blocks_at_its_line() {
        let page = "# Title\n\n## Permissions\n\n[!INCLUDE [permissions](../includes/permissions.md)]\n\n[!INCLUDE [callout](../includes/callout.md)]\n";
        let spliced = blocks(page);
        assert_eq!(
            spliced[2],
            Located {
                line: 5,
                block: Block::Table(vec![
                    (5, "|Permission type|Permissions|".to_owned()),
                    (5, "|:--|:--|".to_owned()),
                    (5, "|Application|Files.Read.All|".to_owned()),
                ]),
            }
        );
        assert_eq!(
            spliced[3],
            Located {
                line: 7,
                block: Block::Quote(vec!["[!NOTE]".to_owned(), "Limited.".to_owned()]),
            }
        );
    }

    #[test]
    fn an_include_in_a_table_cell_becomes_its_text() {
        let page =
            "|id|String| Unique. [!INCLUDE [outlook-beta-id](../includes/id.md)] Read-only. |\n";
        assert_eq!(
            blocks(page)[0].block,
            Block::Table(vec![(
                1,
                "|id|String| Unique. Changes when moved. Read-only. |".to_owned()
            )])
        );
    }

    #[test]
    fn what_cannot_be_read_and_what_is_read_elsewhere_stays_an_include() {
        for line in [
            "[!INCLUDE [missing](../includes/missing.md)]",
            "[!INCLUDE [beta-disclaimer](../includes/callout.md)]",
            "[!INCLUDE [national-cloud-support](../includes/callout.md)]",
        ] {
            assert!(
                matches!(blocks(line)[0].block, Block::Include { .. }),
                "{line}"
            );
        }
        let cell = "|x| [!INCLUDE [missing](../includes/missing.md)] |";
        assert_eq!(
            blocks(cell)[0].block,
            Block::Table(vec![(1, cell.to_owned())])
        );
    }
}
