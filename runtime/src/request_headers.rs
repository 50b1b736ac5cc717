/// The optional request headers a page documents and a request's setters choose: `Prefer`
/// preferences (`return=minimal`, `outlook.timezone="…"`, `odata.maxpagesize=…`) and
/// `ConsistencyLevel: eventual`.
///
/// ```
/// use msgraph_runtime::RequestHeaders;
///
/// let headers = RequestHeaders::new()
///     .consistency_level_eventual(true)
///     .preference("return=minimal", false)
///     .quoted("outlook.timezone", Some("Pacific Standard Time"))
///     .bare("odata.maxpagesize", Some("50"));
/// assert_eq!(
///     headers.pairs(),
///     [
///         ("consistencylevel", "eventual".to_owned()),
///         ("prefer", r#"outlook.timezone="Pacific Standard Time", odata.maxpagesize=50"#.to_owned()),
///     ]
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestHeaders {
    prefer: Vec<String>,
    consistency_level_eventual: bool,
}

impl RequestHeaders {
    /// No header.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends `ConsistencyLevel: eventual` when `send`: directory objects require it for
    /// `$count`, `$search`, and some `$filter` and `$orderby` (advanced queries).
    pub fn consistency_level_eventual(mut self, send: bool) -> Self {
        self.consistency_level_eventual |= send;
        self
    }

    /// Adds the preference `preference` (`return=minimal`) when `send`.
    pub fn preference(mut self, preference: &str, send: bool) -> Self {
        if send {
            self.prefer.push(preference.to_owned());
        }
        self
    }

    /// Adds `name="value"` when there is a value, `"` and `\` in it escaped as a quoted string.
    pub fn quoted(mut self, name: &str, value: Option<&str>) -> Self {
        if let Some(value) = value {
            let mut preference = format!("{name}=\"");
            for c in value.chars() {
                if matches!(c, '"' | '\\') {
                    preference.push('\\');
                }
                preference.push(c);
            }
            preference.push('"');
            self.prefer.push(preference);
        }
        self
    }

    /// Adds `name=value` when there is a value (a number, such as `odata.maxpagesize`'s).
    pub fn bare(mut self, name: &str, value: Option<&str>) -> Self {
        if let Some(value) = value {
            self.prefer.push(format!("{name}={value}"));
        }
        self
    }

    /// Each header to send, lower-case name and value; preferences joined in one `Prefer`.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if self.consistency_level_eventual {
            pairs.push(("consistencylevel", "eventual".to_owned()));
        }
        if !self.prefer.is_empty() {
            pairs.push(("prefer", self.prefer.join(", ")));
        }
        pairs
    }
}
