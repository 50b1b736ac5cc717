use crate::{BuildError, FunctionArguments, PathSegment};

/// The path of a request below the version root, built from its documented template: literal
/// text, parameters encoded as single segments, and a function's arguments.
///
/// Generated operations build their paths with it, so the values they put in a path are checked
/// and encoded in one place.
///
/// ```
/// use msgraph_runtime::{FunctionArguments, RequestPath};
///
/// let path = RequestPath::new()
///     .literal("/things/")
///     .segment("thingId", "a/b")?
///     .literal("/report")
///     .arguments(FunctionArguments::new().bare("top", &5))
///     .finish();
/// assert_eq!(path, "/things/a%2Fb/report(top=5)");
/// # Ok::<(), msgraph_runtime::BuildError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestPath {
    path: String,
    aliases: String,
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

    /// Appends the value of the path parameter `name` as one segment; fails when the value
    /// cannot address a single resource.
    pub fn segment(mut self, name: &'static str, value: &str) -> Result<Self, BuildError> {
        let segment = PathSegment::new(name, value)?;
        self.path.push_str(&segment.to_string());
        Ok(self)
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

    /// The path, with the query string of parameter aliases when there are any.
    pub fn finish(self) -> String {
        if self.aliases.is_empty() {
            self.path
        } else {
            format!("{}?{}", self.path, self.aliases)
        }
    }
}
