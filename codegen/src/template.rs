//! Path templates: `/deviceManagement/things/{thingId}` split into text and placeholders.

/// A piece of a path template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// Literal text.
    Literal(&'a str),
    /// A `{name}` placeholder, braces removed.
    Placeholder(&'a str),
}

/// The path with every placeholder written `{}`: two paths of one shape address the same
/// thing, whatever their placeholders are called. `None` for a malformed path.
pub fn shape(template: &str) -> Option<String> {
    let parts = parse(template).ok()?;
    Some(
        parts
            .iter()
            .map(|part| match part {
                Part::Literal(text) => text,
                Part::Placeholder(_) => "{}",
            })
            .collect(),
    )
}

/// The names a placeholder accepts: `{id | userPrincipalName}` is one value, the item's `id`
/// or its `userPrincipalName`.
pub fn alternatives(placeholder: &str) -> impl Iterator<Item = &str> {
    placeholder
        .split('|')
        .map(str::trim)
        .filter(|name| !name.is_empty())
}

/// Splits `template`; the error says what is malformed.
pub fn parse(template: &str) -> Result<Vec<Part<'_>>, String> {
    if !template.starts_with('/') {
        return Err("the path must start with `/`".to_owned());
    }
    if template.contains(['?', '#']) {
        return Err("the path must not contain a query (`?`) or fragment (`#`)".to_owned());
    }
    let mut parts = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        match rest.find(['{', '}']) {
            Some(at) if rest.as_bytes()[at] == b'}' => {
                return Err(format!("unmatched `}}` in `{rest}`"));
            }
            Some(open) => {
                if open > 0 {
                    parts.push(Part::Literal(&rest[..open]));
                }
                let close = rest[open..]
                    .find('}')
                    .ok_or_else(|| format!("unclosed `{{` in `{rest}`"))?;
                let name = &rest[open + 1..open + close];
                if name.is_empty() || name.contains(['{', '/']) {
                    return Err(format!("malformed placeholder `{{{name}}}`"));
                }
                parts.push(Part::Placeholder(name));
                rest = &rest[open + close + 1..];
            }
            None => {
                parts.push(Part::Literal(rest));
                rest = "";
            }
        }
    }
    Ok(parts)
}

/// Whether the concrete `path` (an example's URL, below the version root) is one `template`
/// addresses: each literal as written, ASCII case aside (Graph's paths ignore it), each
/// placeholder a non-empty value within one segment, or across segments after `:/` (an item
/// path, `root:/{item-path}:/content`), that does not start with `$` (`$count`, `$value` and
/// `$ref` are OData's segments, not values). A malformed template addresses nothing.
pub fn matches(template: &str, path: &str) -> bool {
    parse(template).is_ok_and(|parts| matches_parts(&parts, "", path))
}

/// `parts` against `path`; `before` is the literal before `parts[0]`.
fn matches_parts(parts: &[Part<'_>], before: &str, path: &str) -> bool {
    match parts.split_first() {
        None => path.is_empty(),
        Some((Part::Literal(text), rest)) => {
            path.get(..text.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(text))
                && matches_parts(rest, text, &path[text.len()..])
        }
        Some((Part::Placeholder(_), rest)) => {
            let across_segments = before.ends_with(":/");
            if path.starts_with('$') {
                return false;
            }
            path.char_indices()
                .skip(1)
                .map(|(end, _)| end)
                .chain([path.len()])
                .take_while(|&end| across_segments || !path[..end].contains('/'))
                .any(|end| matches_parts(rest, "", &path[end..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_concrete_paths() {
        let template = "/teams/{team-id}/channels/{channel-id}/messages";
        assert!(matches(
            template,
            "/teams/fbe2/channels/19:4a95@thread.tacv2/messages"
        ));
        assert!(matches(
            template,
            "/Teams/{team-id}/Channels/{channel-id}/messages"
        ));
        assert!(!matches(template, "/teams/fbe2/channels/messages"));
        assert!(!matches(template, "/teams/a/b/channels/c/messages"));
        assert!(!matches(template, "/teams/a/channels/c/messages/1"));
        assert!(!matches(
            "/teams/{team-id}/channels/{channel-id}",
            "/teams/a/channels/$count"
        ));

        let item = "/me/drive/root:/{item-path}:/content";
        assert!(matches(item, "/me/drive/root:/folder/file.txt:/content"));
        assert!(!matches(item, "/me/drive/root:/:/content"));
        assert!(matches(
            "/users/{id | userPrincipalName}",
            "/users/ada@contoso.com"
        ));
        assert!(!matches("/users/{id", "/users/x"));
    }

    #[test]
    fn splits_text_and_placeholders() {
        assert_eq!(
            parse("/a/things/{thingId}/b"),
            Ok(vec![
                Part::Literal("/a/things/"),
                Part::Placeholder("thingId"),
                Part::Literal("/b")
            ])
        );
    }

    #[test]
    fn a_placeholder_may_accept_several_names() {
        assert_eq!(
            parse("/users/{id | userPrincipalName}/x"),
            Ok(vec![
                Part::Literal("/users/"),
                Part::Placeholder("id | userPrincipalName"),
                Part::Literal("/x")
            ])
        );
        let names: Vec<&str> = alternatives("id | userPrincipalName").collect();
        assert_eq!(names, ["id", "userPrincipalName"]);
        let names: Vec<&str> = alternatives("id|upn").collect();
        assert_eq!(names, ["id", "upn"]);
    }

    #[test]
    fn rejects_malformed_templates() {
        assert!(parse("a/{x}").is_err());
        assert!(parse("/a/{x").is_err());
        assert!(parse("/a/x}").is_err());
        assert!(parse("/a/{}").is_err());
        assert!(parse("/a?x=1").is_err());
    }
}
