//! Lists inside documentation text, kept as markdown lists (each item on its own line) so the
//! spec's descriptions and the rustdoc made from them show a list, not items run together.
//! The pages write them as markdown items in a paragraph, or as HTML `<ul><li>` in a table cell.

/// A paragraph's lines as one text: lines join with a space, except that a list item starts
/// a line of its own.
pub fn join_lines(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        if !out.is_empty() {
            out.push(if is_item(line) { '\n' } else { ' ' });
        }
        out.push_str(line);
    }
    out
}

/// Whether a trimmed line starts a markdown list item: `- `, `* `, `+ ` or `1. `.
fn is_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        return line
            .get(digits..)
            .is_some_and(|rest| rest.starts_with(". "));
    }
    ["- ", "* ", "+ "]
        .iter()
        .any(|marker| line.starts_with(marker))
}

/// A cell's HTML lists (`<ul><li>…</li></ul>`) as markdown: a blank line before and after the
/// list, one `- ` item a line. Text without `<ul>` is returned as it is.
pub fn from_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<ul>") {
        out.push_str(rest.get(..open).unwrap_or("").trim_end());
        let list = rest.get(open + "<ul>".len()..).unwrap_or("");
        let (items, after) = list.split_once("</ul>").unwrap_or((list, ""));
        out.push('\n');
        for item in items.split("<li>").map(|item| item.replace("</li>", "")) {
            let item = item.trim();
            if !item.is_empty() {
                out.push_str("\n- ");
                out.push_str(item);
            }
        }
        let after = after.trim_start();
        if !after.is_empty() {
            out.push_str("\n\n");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|line| (*line).to_owned()).collect()
    }

    #[test]
    fn list_items_keep_their_own_lines() {
        assert_eq!(
            join_lines(&lines(&[
                "- Auditing events",
                "- Fencing",
                "spread over",
                "two lines"
            ])),
            "- Auditing events\n- Fencing spread over two lines"
        );
        assert_eq!(
            join_lines(&lines(&["Steps:", "1. one", "2. two", "-1 is not an item"])),
            "Steps:\n1. one\n2. two -1 is not an item"
        );
        assert_eq!(join_lines(&lines(&["a", "b"])), "a b");
    }

    #[test]
    fn html_lists_become_markdown_lists() {
        assert_eq!(
            from_html("Valid tokens include:<ul><li>\"*\" any.</li><li>DHCP</li></ul>"),
            "Valid tokens include:\n\n- \"*\" any.\n- DHCP"
        );
        assert_eq!(
            from_html("a<ul><li>b</li></ul> c<ul><li>d</li></ul>"),
            "a\n\n- b\n\nc\n\n- d"
        );
        assert_eq!(from_html("no list"), "no list");
    }
}
