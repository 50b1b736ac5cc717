//! A successful answer with its metadata (cargo feature `client`).

use http::header::{ETAG, LOCATION};
use http::{HeaderMap, StatusCode};

/// A successful call's output with the status and headers it came with, from
/// [`Client::send_with_metadata`](crate::Client::send_with_metadata).
///
/// [`Client::send`](crate::Client::send) gives the output alone, which is what most calls need;
/// this is for the rest: the `request-id` to quote to support, the `Location` of a created or
/// long-running resource, the `ETag` for a later `If-Match`.
///
/// ```
/// use msgraph_runtime::Response;
/// use msgraph_runtime::http::{HeaderMap, HeaderValue, StatusCode};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("request-id", HeaderValue::from_static("3e1f0c5d-7b1a-4c7e-9e55-0a1b2c3d4e5f"));
/// headers.insert("etag", HeaderValue::from_static(r#"W/"JzEtQ""#));
/// let response = Response::new(StatusCode::OK, headers, "output");
/// assert_eq!(response.request_id(), Some("3e1f0c5d-7b1a-4c7e-9e55-0a1b2c3d4e5f"));
/// assert_eq!(response.etag(), Some(r#"W/"JzEtQ""#));
/// assert_eq!(response.location(), None);
/// assert_eq!(response.into_output(), "output");
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Response<T> {
    /// The status: the operation's documented success, or `204 No Content` where it may answer
    /// so.
    pub status: StatusCode,
    /// Every header of the answer.
    pub headers: HeaderMap,
    /// What [`Client::send`](crate::Client::send) would have returned.
    pub output: T,
}

impl<T> Response<T> {
    /// An answer of `status` with `headers`, read as `output`.
    pub fn new(status: StatusCode, headers: HeaderMap, output: T) -> Self {
        Self {
            status,
            headers,
            output,
        }
    }

    /// The `request-id` Graph gives every request, which its support asks for.
    pub fn request_id(&self) -> Option<&str> {
        self.header("request-id")
    }

    /// The `client-request-id` Graph echoes: the call's own, from
    /// [`CallOptions`](crate::CallOptions) or generated.
    pub fn client_request_id(&self) -> Option<&str> {
        self.header("client-request-id")
    }

    /// The `Location` header: where a created resource, or a long-running operation's status,
    /// is.
    pub fn location(&self) -> Option<&str> {
        self.header(LOCATION.as_str())
    }

    /// The `ETag` header, as sent (`W/"…"` included): the version to name in a later
    /// [`CallOptions::if_match`](crate::CallOptions::if_match).
    pub fn etag(&self) -> Option<&str> {
        self.header(ETAG.as_str())
    }

    /// The output, without the metadata.
    pub fn into_output(self) -> T {
        self.output
    }

    /// A header's value, when it is text.
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}
