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

#[cfg(test)]
mod tests {
    use super::*;

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
