use crate::{BuildError, FunctionArguments, PathSegment};

/// The path of a request below the version root, built from its documented template: literal
/// text, parameters encoded as single segments, and a function's arguments.
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
