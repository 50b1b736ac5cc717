//! Documentation text made safe and useful as rustdoc.
//!
//! The documentation's markdown links point at sibling pages (`../resources/x.md`) and at
//! site-relative paths (`/graph/permissions-reference`); rustdoc would show them broken. Text
//! such as `[Flags]` or `<token>` would be read as an intra-doc link or an HTML tag and fail
//! `cargo doc` under `-D warnings`. [`rustdoc`] rewrites links to the published pages and escapes
//! the rest, leaving code spans alone.

const SITE: &str = "https://learn.microsoft.com";

/// The published page of a documentation source path such as
/// `beta/resources/intune-deviceconfig-managedalldevicecertificatestate.md`, whatever folders
/// hold the `api` or `resources` one.
pub fn page_url(source: &str, api_version: &str) -> String {
    let mut parts = source.trim_end_matches(".md").rsplit('/');
    let page = parts.next().unwrap_or_default();
    // API pages are published directly under `/graph/api/`, resource pages under
    // `/graph/api/resources/`.
    let section = match parts.next() {
        Some("resources") => "resources/",
        _ => "",
    };
    format!(
        "{SITE}/graph/api/{section}{page}?view={}",
        view(api_version)
    )
}

fn view(api_version: &str) -> &'static str {
    if api_version == "beta" {
        "graph-rest-beta"
    } else {
        "graph-rest-1.0"
    }
}

/// Documentation markdown as rustdoc markdown.
pub fn rustdoc(text: &str, api_version: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let consumed = match c {
            '`' => match rest[1..].find('`') {
                Some(end) => {
                    out.push_str(&rest[..end + 2]);
                    end + 2
                }
                None => {
                    out.push_str("\\`");
                    1
                }
            },
            '[' => match link(rest) {
                Some((label, target, len)) => {
                    out.push('[');
                    out.push_str(&rustdoc(label, api_version));
                    out.push_str("](");
                    out.push_str(&link_target(target, api_version));
                    out.push(')');
                    len
                }
                None => {
                    out.push_str("\\[");
                    1
                }
            },
            ']' => {
                out.push_str("\\]");
                1
            }
            '<' => match autolink(rest) {
                Some(len) => {
                    out.push_str(&rest[..len]);
                    len
                }
                None => {
                    out.push_str("&lt;");
                    1
                }
            },
            '>' => {
                out.push_str("&gt;");
                1
            }
            'h' if rest.starts_with("https://") || rest.starts_with("http://") => {
                let len = rest
                    .find(|c: char| c.is_whitespace() || c == ')' || c == '>')
                    .unwrap_or(rest.len());
                let url = rest[..len].trim_end_matches(['.', ',', ';', ':']);
                out.push('<');
                out.push_str(url);
                out.push('>');
                url.len()
            }
            _ => {
                out.push(c);
                c.len_utf8()
            }
        };
        rest = &rest[consumed..];
    }
    out
}

/// `[label](target)` at the start of `text`: the label, the target and the length.
fn link(text: &str) -> Option<(&str, &str, usize)> {
    let close = text.find(']')?;
    let label = &text[1..close];
    if label.contains('[') {
        return None;
    }
    let after = &text[close + 1..];
    let target_len = after.strip_prefix('(')?.find(')')?;
    let target = &after[1..=target_len];
    if target.is_empty() || target.contains(char::is_whitespace) {
        return None;
    }
    Some((label, target, close + 1 + target_len + 2))
}

/// `<https://…>` at the start of `text`: its length.
fn autolink(text: &str) -> Option<usize> {
    let end = text.find('>')?;
    let inner = &text[1..end];
    let is_url = inner.starts_with("https://") || inner.starts_with("http://");
    (is_url && !inner.contains(char::is_whitespace)).then_some(end + 1)
}

fn link_target(target: &str, api_version: &str) -> String {
    if target.starts_with("http://") || target.starts_with("https://") {
        return target.to_owned();
    }
    if let Some(site_path) = target.strip_prefix('/') {
        return format!("{SITE}/{site_path}");
    }
    // A page of the documentation: `../resources/x.md`, `../api/x.md#anchor`. The importer
    // writes a bare sibling link (`x.md`) with the folder of the page that links, so a bare
    // one here comes from a hand-written spec and is taken for an API page.
    let (path, anchor) = target.split_once('#').map_or((target, ""), |(p, a)| (p, a));
    let page = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md");
    let section = if path.contains("resources/") {
        "resources/"
    } else {
        ""
    };
    let anchor = if anchor.is_empty() {
        String::new()
    } else {
        format!("#{anchor}")
    };
    format!(
        "{SITE}/graph/api/{section}{page}?view={}{anchor}",
        view(api_version)
    )
}

/// Escapes a markdown table cell.
pub fn table_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_sibling_and_site_links() {
        assert_eq!(
            rustdoc(
                "a [state](../resources/intune-x-state.md) object, see [Permissions](/graph/permissions-reference).",
                "beta"
            ),
            "a [state](https://learn.microsoft.com/graph/api/resources/intune-x-state?view=graph-rest-beta) object, \
             see [Permissions](https://learn.microsoft.com/graph/permissions-reference)."
        );
        assert_eq!(
            page_url("beta/api/intune-x-update.md", "beta"),
            "https://learn.microsoft.com/graph/api/intune-x-update?view=graph-rest-beta"
        );
    }

    #[test]
    fn a_page_is_published_by_its_kind_folder_and_name_alone() {
        assert_eq!(
            page_url("beta-workloads/resources/security-alert.md", "beta"),
            "https://learn.microsoft.com/graph/api/resources/security-alert?view=graph-rest-beta"
        );
        assert_eq!(
            page_url("v1.0/api/user-get.md", "v1.0"),
            "https://learn.microsoft.com/graph/api/user-get?view=graph-rest-1.0"
        );
        assert_eq!(
            page_url("user-get.md", "beta"),
            "https://learn.microsoft.com/graph/api/user-get?view=graph-rest-beta"
        );
    }

    #[test]
    fn a_link_is_published_in_the_folder_its_target_says() {
        assert_eq!(
            link_target("../resources/security-alert.md", "beta"),
            "https://learn.microsoft.com/graph/api/resources/security-alert?view=graph-rest-beta"
        );
        assert_eq!(
            link_target("../api/security-alert-get.md#request", "v1.0"),
            "https://learn.microsoft.com/graph/api/security-alert-get?view=graph-rest-1.0#request"
        );
    }

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(
            rustdoc("Bearer <token> [Flags] a>b", "beta"),
            "Bearer &lt;token&gt; \\[Flags\\] a&gt;b"
        );
        assert_eq!(
            rustdoc("see https://aka.ms/x.", "beta"),
            "see <https://aka.ms/x>."
        );
        assert_eq!(rustdoc("<https://aka.ms/x>", "beta"), "<https://aka.ms/x>");
    }

    #[test]
    fn keeps_a_list_one_item_a_line() {
        let list =
            "Valid tokens include:\n\n- \"*\" any address.\n- A [subnet](../resources/x.md).";
        assert_eq!(
            rustdoc(list, "beta"),
            "Valid tokens include:\n\n- \"*\" any address.\n- A \
             [subnet](https://learn.microsoft.com/graph/api/resources/x?view=graph-rest-beta)."
        );
    }

    #[test]
    fn leaves_code_spans_alone() {
        assert_eq!(
            rustdoc("values `<a>`, `[b]`", "beta"),
            "values `<a>`, `[b]`"
        );
        assert_eq!(rustdoc("odd ` tick", "beta"), "odd \\` tick");
    }
}
