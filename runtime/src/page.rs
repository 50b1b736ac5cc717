use http::{Method, StatusCode, Uri};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::{Availability, BuildError, NationalCloud, Operation, OperationInfo, Permissions};

/// One page of a collection: `{"value": [...], "@odata.nextLink": "..."}`.
///
/// Graph pages large collections; [`Page::next`] gives the request for the following page. The
/// last page of a delta query carries an `@odata.deltaLink` instead, and [`Page::delta`] gives
/// the request for the changes since.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
#[non_exhaustive]
pub struct Page<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// Where the next page is, when there is one.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
    /// Where the changes since this round of a delta query are, on its last page. Kept (as
    /// text, in a database say), it resumes the query later: [`NextPage::new`] of it.
    #[serde(
        rename = "@odata.deltaLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delta_link: Option<String>,
    /// The total count, when `$count=true` asked for it.
    #[serde(
        rename = "@odata.count",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub count: Option<i64>,
    /// Other annotations (`@odata.context`, …), kept.
    #[serde(flatten)]
    pub additional_properties: serde_json::Map<String, serde_json::Value>,
}

impl<T> Page<T> {
    /// The request for the next page, or `None` on the last page.
    pub fn next(&self) -> Option<NextPage<T>> {
        self.next_link.clone().map(NextPage::new)
    }

    /// The request for the changes since this round of a delta query, on its last page; `None`
    /// on any other page. Its answer is a page like any other, whose own last page carries the
    /// next delta link.
    ///
    /// ```
    /// use msgraph_runtime::{Operation, Page};
    ///
    /// let last: Page<serde_json::Value> = serde_json::from_str(
    ///     r#"{"value": [], "@odata.deltaLink": "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=abc"}"#,
    /// )?;
    /// assert!(last.next().is_none());
    /// let changes = last.delta().expect("the last page of a round");
    /// assert_eq!(changes.path()?, "/users/delta?$deltatoken=abc");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn delta(&self) -> Option<NextPage<T>> {
        self.delta_link.clone().map(NextPage::new)
    }
}

/// The request for a following page, from a page's `@odata.nextLink`, or for the changes since
/// a delta query's round, from its `@odata.deltaLink` ([`Page::delta`]).
///
/// It is sent to the client's service root like any operation (so proxies and test servers
/// work): only the link's path and query are used. The link's first path segment is the API
/// version it continues (`beta` in `https://graph.microsoft.com/beta/users?$skiptoken=…`), so a
/// saved link resumes in its own version whichever generated crate saved it.
///
/// ```
/// use msgraph_runtime::{NextPage, Operation};
///
/// let next = NextPage::<serde_json::Value>::new(
///     "https://graph.microsoft.com/v1.0/users?$skiptoken=X%27A%27",
/// );
/// assert_eq!(next.api_version(), "v1.0");
/// assert_eq!(next.path()?, "/users?$skiptoken=X%27A%27");
/// # Ok::<(), msgraph_runtime::BuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextPage<T> {
    link: String,
    /// The link's first path segment; empty when the link has none (or is no URI), which
    /// [`NextPage::path`](Operation::path) reports.
    api_version: String,
    item: std::marker::PhantomData<fn() -> T>,
}

impl<T> NextPage<T> {
    /// The request for the page at `link`, an `@odata.nextLink` or `@odata.deltaLink` kept from
    /// an earlier page.
    pub fn new(link: impl Into<String>) -> Self {
        let link = link.into();
        let api_version = link
            .parse::<Uri>()
            .ok()
            .and_then(|uri| {
                uri.path()
                    .trim_start_matches('/')
                    .split('/')
                    .next()
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        Self {
            link,
            api_version,
            item: std::marker::PhantomData,
        }
    }

    /// The `@odata.nextLink` this request follows.
    pub fn link(&self) -> &str {
        &self.link
    }
}

impl<T: DeserializeOwned> Operation for NextPage<T> {
    type Output = Page<T>;

    const INFO: OperationInfo = OperationInfo {
        name: "next page",
        method: Method::GET,
        success: StatusCode::OK,
        national_clouds: Availability::Listed(&NationalCloud::ALL),
        // A following page needs the permissions of the list it continues, which a link does not
        // name: see that list operation's.
        permissions: Permissions::NOT_STATED,
        headers: &[("accept", "application/json")],
    };

    /// The link's first path segment.
    fn api_version(&self) -> &str {
        &self.api_version
    }

    /// The link's path and query below its version root; refused when a dot-segment in it
    /// (`..`, `%2E%2E`, …) would lead the request elsewhere once the URL is normalised, or when
    /// it names no version.
    fn path(&self) -> Result<String, BuildError> {
        let uri: Uri = self.link.parse().map_err(BuildError::Uri)?;
        // WHATWG URL parsers read `\` as `/` in http(s) URLs.
        if uri.path().split(['/', '\\']).any(is_dot_segment) {
            return Err(BuildError::NextLinkDotSegment {
                link: self.link.clone(),
            });
        }
        if self.api_version.is_empty() {
            return Err(BuildError::NextLinkNoVersion {
                link: self.link.clone(),
            });
        }
        let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
        let below = path_and_query
            .strip_prefix('/')
            .and_then(|path| path.strip_prefix(self.api_version.as_str()))
            .unwrap_or(path_and_query);
        Ok(if below.starts_with('/') {
            below.to_owned()
        } else {
            // `/beta?$skiptoken=…`: the version root itself.
            format!("/{below}")
        })
    }
}

/// `.` or `..`, percent-encoded or not, as URL normalisation reads a segment.
fn is_dot_segment(segment: &str) -> bool {
    matches!(
        segment.to_ascii_lowercase().replace("%2e", ".").as_str(),
        "." | ".."
    )
}

/// A single primitive result: `{"value": ...}`, as Graph returns it from functions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ValueOf<T> {
    /// The result.
    pub value: T,
}

impl<T> ValueOf<T> {
    /// The result.
    pub fn into_inner(self) -> T {
        self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AccessToken, ServiceRoot};

    fn request(link: &str) -> Result<http::Request<Vec<u8>>, BuildError> {
        let root = ServiceRoot::custom(NationalCloud::Global, "http://127.0.0.1:9")?;
        NextPage::<serde_json::Value>::new(link).to_http_request(root, &AccessToken::new("t"))
    }

    #[test]
    fn a_next_page_continues_in_its_links_version_on_the_clients_root() {
        for (link, sent) in [
            (
                "https://graph.microsoft.com/beta/things?$skiptoken=a",
                "http://127.0.0.1:9/beta/things?$skiptoken=a",
            ),
            (
                "https://graph.microsoft.com/v1.0/users/x/things",
                "http://127.0.0.1:9/v1.0/users/x/things",
            ),
            (
                "https://graph.microsoft.com/beta?$skiptoken=a",
                "http://127.0.0.1:9/beta/?$skiptoken=a",
            ),
        ] {
            let request = request(link).expect("a request");
            assert_eq!(request.uri().to_string(), sent, "{link}");
        }
    }

    #[test]
    fn a_next_link_without_a_path_names_no_version() {
        for link in [
            "https://graph.microsoft.com",
            "https://graph.microsoft.com/",
        ] {
            assert!(
                matches!(request(link), Err(BuildError::NextLinkNoVersion { .. })),
                "{link}"
            );
        }
    }
}
