use http::{Method, StatusCode, Uri};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{Accepted, Availability, BuildError, NationalCloud, Operation, Permissions};

/// One page of a collection: `{"value": [...], "@odata.nextLink": "..."}`.
///
/// Graph pages large collections; [`Page::next`] gives the request for the following page.
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
}

/// The request for a following page, from a page's `@odata.nextLink`.
///
/// It is sent to the client's service root like any operation (so proxies and test servers
/// work): only the link's path and query are used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextPage<T> {
    link: String,
    item: std::marker::PhantomData<fn() -> T>,
}

impl<T> NextPage<T> {
    /// The request for the page at `link`, an `@odata.nextLink` kept from an earlier page.
    pub fn new(link: impl Into<String>) -> Self {
        Self {
            link: link.into(),
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

    const NAME: &'static str = "next page";
    const METHOD: Method = Method::GET;
    const SUCCESS: StatusCode = StatusCode::OK;
    const NATIONAL_CLOUDS: Availability = Availability::Listed(&NationalCloud::ALL);
    /// A following page needs the permissions of the list it continues, which a link does not
    /// name: see that list operation's.
    const PERMISSIONS: Permissions<'static> = Permissions {
        delegated_work_or_school: Accepted::NotStated,
        delegated_personal_account: Accepted::NotStated,
        application: Accepted::NotStated,
    };
    const HEADERS: &'static [(&'static str, &'static str)] = &[("accept", "application/json")];

    /// The link's path and query, below the version root; refused when a dot-segment in it
    /// (`..`, `%2E%2E`, …) would lead the request elsewhere once the URL is normalised.
    fn path(&self) -> Result<String, BuildError> {
        let uri: Uri = self.link.parse().map_err(BuildError::Uri)?;
        // WHATWG URL parsers read `\` as `/` in http(s) URLs.
        if uri.path().split(['/', '\\']).any(is_dot_segment) {
            return Err(BuildError::NextLinkDotSegment {
                link: self.link.clone(),
            });
        }
        let path_and_query = uri.path_and_query().map_or("/", |p| p.as_str());
        let version_root = format!("/{}", crate::API_VERSION);
        Ok(path_and_query
            .strip_prefix(&version_root)
            .unwrap_or(path_and_query)
            .to_owned())
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
