use std::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::BuildError;

/// What stays unencoded in a query value: unreserved characters and the punctuation OData
/// expressions use (`$filter=startswith(name,'a')`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b',')
    .remove(b'/')
    .remove(b':');

/// The OData system query options Graph documents for reads: `$select`, `$expand`, `$filter`,
/// `$orderby`, `$top`, `$skip`, `$count`, `$search` and `$format`.
///
/// ```
/// use msgraph_runtime::QueryOptions;
///
/// let query = QueryOptions::new()
///     .select(["id", "userPrincipalName"])
///     .filter("certificateRevokeStatus eq 'pending'")
///     .top(50)
///     .count(true);
/// assert_eq!(
///     query.to_string(),
///     "$select=id,userPrincipalName&$filter=certificateRevokeStatus%20eq%20'pending'&$top=50&$count=true"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct QueryOptions {
    /// `$select`: the properties to return.
    pub select: Vec<String>,
    /// `$expand`: the relationships to include.
    pub expand: Vec<String>,
    /// `$filter`: an OData filter expression.
    pub filter: Option<String>,
    /// `$orderby`: properties, each optionally followed by ` asc` or ` desc`.
    pub order_by: Vec<String>,
    /// `$top`: the page size.
    pub top: Option<u32>,
    /// `$skip`: items to skip.
    pub skip: Option<u32>,
    /// `$count`: whether to include `@odata.count`.
    pub count: Option<bool>,
    /// `$search`: a search expression.
    pub search: Option<String>,
    /// `$format`: the media type of the answer, where an operation answers in more than one
    /// (a report's `text/csv`, its default, or `application/json`).
    pub format: Option<String>,
}

impl QueryOptions {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `$select`.
    pub fn select<I: IntoIterator<Item = S>, S: Into<String>>(mut self, properties: I) -> Self {
        self.select = properties.into_iter().map(Into::into).collect();
        self
    }

    /// Sets `$expand`.
    pub fn expand<I: IntoIterator<Item = S>, S: Into<String>>(mut self, relationships: I) -> Self {
        self.expand = relationships.into_iter().map(Into::into).collect();
        self
    }

    /// Sets `$filter`.
    pub fn filter(mut self, expression: impl Into<String>) -> Self {
        self.filter = Some(expression.into());
        self
    }

    /// Sets `$orderby`.
    pub fn order_by<I: IntoIterator<Item = S>, S: Into<String>>(mut self, properties: I) -> Self {
        self.order_by = properties.into_iter().map(Into::into).collect();
        self
    }

    /// Sets `$top`.
    pub fn top(mut self, top: u32) -> Self {
        self.top = Some(top);
        self
    }

    /// Sets `$skip`.
    pub fn skip(mut self, skip: u32) -> Self {
        self.skip = Some(skip);
        self
    }

    /// Sets `$count`.
    pub fn count(mut self, count: bool) -> Self {
        self.count = Some(count);
        self
    }

    /// Sets `$search`.
    pub fn search(mut self, expression: impl Into<String>) -> Self {
        self.search = Some(expression.into());
        self
    }

    /// Sets `$format`, the answer's media type: `text/csv` or `application/json` for a report.
    ///
    /// ```
    /// use msgraph_runtime::QueryOptions;
    ///
    /// let query = QueryOptions::new().format("application/json");
    /// assert_eq!(query.to_string(), "$format=application/json");
    /// ```
    pub fn format(mut self, media_type: impl Into<String>) -> Self {
        self.format = Some(media_type.into());
        self
    }

    /// Whether no option is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

impl fmt::Display for QueryOptions {
    /// The query string, without `?`, values percent-encoded.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut separator = "";
        let mut option = |f: &mut fmt::Formatter<'_>, name: &str, value: &str| {
            let written = write!(
                f,
                "{separator}${name}={}",
                utf8_percent_encode(value, QUERY_VALUE)
            );
            separator = "&";
            written
        };
        if !self.select.is_empty() {
            option(f, "select", &self.select.join(","))?;
        }
        if !self.expand.is_empty() {
            option(f, "expand", &self.expand.join(","))?;
        }
        if let Some(filter) = &self.filter {
            option(f, "filter", filter)?;
        }
        if !self.order_by.is_empty() {
            option(f, "orderby", &self.order_by.join(","))?;
        }
        if let Some(top) = self.top {
            option(f, "top", &top.to_string())?;
        }
        if let Some(skip) = self.skip {
            option(f, "skip", &skip.to_string())?;
        }
        if let Some(count) = self.count {
            option(f, "count", if count { "true" } else { "false" })?;
        }
        if let Some(search) = &self.search {
            option(f, "search", search)?;
        }
        if let Some(format) = &self.format {
            option(f, "format", format)?;
        }
        Ok(())
    }
}

/// What stays unencoded in a query parameter's name: a query value's characters and the `$`
/// of OData's own parameters (`$deltatoken`).
const QUERY_NAME: &AsciiSet = &QUERY_VALUE.remove(b'$');

/// An operation's documented query parameters other than OData's system options (a calendar
/// view's `startDateTime`, a delta function's `$deltatoken`): `name=value` pairs in the order
/// set, values percent-encoded.
///
/// ```
/// use msgraph_runtime::QueryParameters;
///
/// let parameters = QueryParameters::new()
///     .with("startDateTime", &"2019-11-08T19:00:00+01:00")
///     .with_optional("$deltatoken", None::<&String>)
///     .with_optional("$skiptoken", Some(&"a&b"));
/// assert_eq!(
///     parameters.to_string(),
///     "startDateTime=2019-11-08T19:00:00%2B01:00&$skiptoken=a%26b"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryParameters(String);

impl QueryParameters {
    /// No parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name=value`.
    pub fn with(mut self, name: &str, value: &impl fmt::Display) -> Self {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.extend(utf8_percent_encode(name, QUERY_NAME));
        self.0.push('=');
        self.0
            .extend(utf8_percent_encode(&value.to_string(), QUERY_VALUE));
        self
    }

    /// Adds `name=value` when there is a value.
    pub fn with_optional(self, name: &str, value: Option<&impl fmt::Display>) -> Self {
        match value {
            Some(value) => self.with(name, value),
            None => self,
        }
    }

    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for QueryParameters {
    /// The parameters as a query string, without `?`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A function's arguments as OData writes them after its name: `(a='x',b=1)`.
///
/// Each value takes the literal form OData's URL syntax gives its type: strings and enum
/// members quoted, numbers, Booleans, dates, times and GUIDs bare, durations as
/// `duration'P1D'`, and collections or objects as JSON through a parameter alias
/// (`(ids=@ids)?@ids=["a","b"]`), since a path cannot hold them inline.
///
/// ```
/// use msgraph_runtime::FunctionArguments;
///
/// let arguments = FunctionArguments::new()
///     .quoted("period", &"D7")
///     .bare("day", &"2024-01-01")
///     .prefixed("length", "duration", &"P1D")
///     .json("ids", &["a", "b"])?;
/// assert_eq!(arguments.to_string(), "(period='D7',day=2024-01-01,length=duration'P1D',ids=@ids)");
/// assert_eq!(arguments.aliases(), "@ids=%5B%22a%22%2C%22b%22%5D");
/// # Ok::<(), msgraph_runtime::BuildError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunctionArguments {
    inline: String,
    aliases: String,
}

impl FunctionArguments {
    /// No arguments yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A string or enum argument, written as a quoted literal with `'` doubled.
    pub fn quoted(self, name: &str, value: &impl fmt::Display) -> Self {
        let literal = value.to_string().replace('\'', "''");
        self.push(name, &format!("'{literal}'"))
    }

    /// A number, Boolean, date, time or GUID argument, written bare.
    pub fn bare(self, name: &str, value: &impl fmt::Display) -> Self {
        self.push(name, &value.to_string())
    }

    /// An argument whose literal carries its type: `duration'P1D'`, `binary'AQID'`.
    pub fn prefixed(self, name: &str, prefix: &str, value: &impl fmt::Display) -> Self {
        let literal = value.to_string().replace('\'', "''");
        self.push(name, &format!("{prefix}'{literal}'"))
    }

    /// A collection or object argument: JSON, passed through the parameter alias `@name`.
    pub fn json(mut self, name: &str, value: &impl serde::Serialize) -> Result<Self, BuildError> {
        let json = serde_json::to_string(value).map_err(BuildError::Body)?;
        if !self.aliases.is_empty() {
            self.aliases.push('&');
        }
        self.aliases.push('@');
        self.aliases.push_str(name);
        self.aliases.push('=');
        self.aliases.extend(utf8_percent_encode(&json, ALIAS_VALUE));
        let reference = format!("@{name}");
        Ok(self.push_encoded(name, &reference))
    }

    /// The parameter aliases' definitions, for the query string: `@ids=%5B…%5D`.
    pub fn aliases(&self) -> &str {
        &self.aliases
    }

    fn push(self, name: &str, literal: &str) -> Self {
        let encoded = utf8_percent_encode(literal, QUERY_VALUE).to_string();
        self.push_encoded(name, &encoded)
    }

    fn push_encoded(mut self, name: &str, literal: &str) -> Self {
        if !self.inline.is_empty() {
            self.inline.push(',');
        }
        self.inline.push_str(name);
        self.inline.push('=');
        self.inline.push_str(literal);
        self
    }
}

impl fmt::Display for FunctionArguments {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({})", self.inline)
    }
}

/// JSON in a query value: everything but unreserved characters is encoded, so `&`, `=`, `#`
/// and `+` in a string cannot end or change the query.
const ALIAS_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
