use percent_encoding::utf8_percent_encode;

use crate::operation::SEGMENT;
use crate::{BuildError, FunctionArguments, PathSegment};

/// The path of a request below the version root, built from its documented template: literal
/// text, parameters encoded as single segments, values written into the template's own
/// function call or key (`(period='{period}')`, `(date={date})`), item paths
/// (`root:/{item-path}:`), and a function's arguments.
///
/// Generated operations build their paths with it, so the values they put in a path are checked
/// and encoded in one place. A value that cannot be a segment is reported by
/// [`finish`](Self::finish), the first one only: the chain of calls that builds a path then has
/// a single `Result`, which keeps the generated code small.
///
/// ```
/// use msgraph_runtime::{BuildError, FunctionArguments, RequestPath};
///
/// let path = RequestPath::new()
///     .literal("/things/")
///     .segment("thingId", "a/b")
///     .literal("/report")
///     .arguments(FunctionArguments::new().bare("top", &5))
///     .finish()?;
/// assert_eq!(path, "/things/a%2Fb/report(top=5)");
///
/// let refused = RequestPath::new().literal("/things/").segment("thingId", "").finish();
/// assert!(matches!(refused, Err(BuildError::EmptyPathParameter { name: "thingId" })));
///
/// let path = RequestPath::new()
///     .literal("/applications(appId='")
///     .quoted("it's")
///     .literal("')/report(date=")
///     .bare("date", "2021-07-16")
///     .literal(")/root:/")
///     .item_path("item-path", "My Files/a#1.txt")
///     .literal(":/content")
///     .finish()?;
/// assert_eq!(
///     path,
///     "/applications(appId='it%27%27s')/report(date=2021-07-16)/root:/My%20Files/a%231.txt:/content"
/// );
/// # Ok::<(), BuildError>(())
/// ```
#[derive(Debug, Default)]
pub struct RequestPath {
    path: String,
    aliases: String,
    refused: Option<BuildError>,
}

impl RequestPath {
    /// An empty path.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends literal text of the template, slashes included.
    pub fn literal(mut self, text: &str) -> Self {
        self.path.push_str(text);
        self
    }

    /// Appends the value of the path parameter `name` as one segment; a value that cannot
    /// address a single resource makes [`finish`](Self::finish) fail.
    pub fn segment(mut self, name: &'static str, value: &str) -> Self {
        match PathSegment::new(name, value) {
            Ok(segment) => self.path.push_str(&segment.to_string()),
            Err(refused) => {
                self.refused.get_or_insert(refused);
            }
        }
        self
    }

    /// Appends a value between the quotes the template writes around it
    /// (`appId='{appId}'`): an OData string literal, `'` doubled, percent-encoded. Any text,
    /// the empty one included, is a string literal.
    pub fn quoted(mut self, value: &str) -> Self {
        let literal = value.replace('\'', "''");
        self.path.extend(utf8_percent_encode(&literal, SEGMENT));
        self
    }

    /// Appends the value of `name` where the template writes it bare (`date={date}`): a
    /// number, date or GUID literal, percent-encoded; an empty value makes
    /// [`finish`](Self::finish) fail, as it leaves no literal.
    pub fn bare(mut self, name: &'static str, value: &str) -> Self {
        if value.is_empty() {
            self.refused
                .get_or_insert(BuildError::EmptyPathParameter { name });
        }
        self.path.extend(utf8_percent_encode(value, SEGMENT));
        self
    }

    /// Appends the value of `name` as a path to an item (`root:/{item-path}:`): each of its
    /// `/`-separated segments percent-encoded, the slashes kept. An empty segment, `.` or `..`
    /// makes [`finish`](Self::finish) fail, as it would address another item.
    pub fn item_path(mut self, name: &'static str, value: &str) -> Self {
        for (index, segment) in value.split('/').enumerate() {
            if index > 0 {
                self.path.push('/');
            }
            self = self.segment(name, segment);
        }
        self
    }

    /// Appends a function's arguments, `(a='x',b=1)`; their parameter aliases go to the query.
    pub fn arguments(mut self, arguments: FunctionArguments) -> Self {
        self.path.push_str(&arguments.to_string());
        if !arguments.aliases().is_empty() {
            if !self.aliases.is_empty() {
                self.aliases.push('&');
            }
            self.aliases.push_str(arguments.aliases());
        }
        self
    }

    /// The path, with the query string of parameter aliases when there are any; or the first
    /// segment refused.
    pub fn finish(self) -> Result<String, BuildError> {
        if let Some(refused) = self.refused {
            return Err(refused);
        }
        Ok(if self.aliases.is_empty() {
            self.path
        } else {
            format!("{}?{}", self.path, self.aliases)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_path_keeps_its_slashes_and_refuses_empty_or_dot_segments() {
        let path = |value| {
            RequestPath::new()
                .literal("/root:/")
                .item_path("item-path", value)
                .literal(":")
                .finish()
        };
        assert_eq!(path("a b/c?d/e%f").unwrap(), "/root:/a%20b/c%3Fd/e%25f:");
        assert!(matches!(
            path(""),
            Err(BuildError::EmptyPathParameter { name: "item-path" })
        ));
        assert!(matches!(
            path("a//b"),
            Err(BuildError::EmptyPathParameter { name: "item-path" })
        ));
        assert!(matches!(
            path("a/../b"),
            Err(BuildError::DotPathParameter { value: "..", .. })
        ));
    }

    #[test]
    fn quoted_and_bare_values_stay_inside_their_literal() {
        let path = RequestPath::new()
            .literal("/f(a='")
            .quoted("x')/y'")
            .literal("',b=")
            .bare("b", "1)/z")
            .literal(")")
            .finish()
            .unwrap();
        assert_eq!(path, "/f(a='x%27%27%29%2Fy%27%27',b=1%29%2Fz)");
        assert_eq!(
            RequestPath::new().quoted("").finish().unwrap(),
            String::new()
        );
        assert!(matches!(
            RequestPath::new().bare("b", "").finish(),
            Err(BuildError::EmptyPathParameter { name: "b" })
        ));
    }
}
