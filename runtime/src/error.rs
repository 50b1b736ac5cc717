use std::fmt;

use http::StatusCode;
use serde::Deserialize;

use crate::{NationalCloud, Permissions};

/// Why a request could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// The documentation does not list the chosen cloud for this operation.
    CloudNotSupported {
        /// The operation's documented name.
        operation: &'static str,
        /// The cloud that was asked for.
        cloud: NationalCloud,
    },
    /// The access token has characters an HTTP header cannot carry.
    InvalidToken,
    /// A documented header has a name or value HTTP cannot carry.
    InvalidHeader {
        /// The header's name.
        name: &'static str,
    },
    /// A path parameter is empty, which would address the parent collection instead.
    EmptyPathParameter {
        /// The documented parameter name.
        name: &'static str,
    },
    /// A path parameter is `.` or `..`, which URLs resolve as a step in the path rather than
    /// keep as an id.
    DotPathParameter {
        /// The documented parameter name.
        name: &'static str,
        /// The value: `.` or `..`.
        value: &'static str,
    },
    /// The request URI is not valid (a custom base URL, say).
    Uri(http::uri::InvalidUri),
    /// A custom base URL lacks a scheme or host, or has a query.
    BaseUrl(String),
    /// A custom base URL is not `https`, and not plain `http` to a loopback host either.
    InsecureBaseUrl(String),
    /// An `@odata.nextLink` has a `.` or `..` segment: once normalised, the request would leave
    /// the collection's path, carrying the token.
    NextLinkDotSegment {
        /// The link.
        link: String,
    },
    /// An `@odata.nextLink` has no path, so it names no API version to continue in.
    NextLinkNoVersion {
        /// The link.
        link: String,
    },
    /// An operation added to a batch addresses another API version than the batch's first.
    BatchVersions {
        /// The batch's version.
        batch: String,
        /// The operation's.
        operation: String,
    },
    /// A batch request depends on an id the batch does not hold (yet).
    BatchDependency {
        /// The id.
        id: String,
    },
    /// A `dependsOn` chain holds more requests than one batch may.
    BatchChainTooLong {
        /// How many.
        requests: usize,
    },
    /// A batch request's options set a timeout: JSON batching has none per request, the
    /// options of the whole batch's call do (`Client::send_batch_with`).
    BatchItemTimeout,
    /// A batch request's header value is not text, which JSON batching needs: it writes each
    /// header as a JSON string.
    BatchHeaderNotText {
        /// The header's name.
        name: String,
    },
    /// The body could not be serialized to JSON.
    Body(serde_json::Error),
    /// A request addresses an absolute URL outside the service root (a monitor or upload URL),
    /// which has no path below the version root: it cannot go in a batch.
    External {
        /// The URL.
        url: String,
    },
    /// An upload's byte range is empty or outside its content, or the session expects no more
    /// of it.
    UploadRange {
        /// The range's first byte.
        start: usize,
        /// The byte after its last.
        end: usize,
        /// The content's length.
        length: usize,
    },
    /// An upload's chunk size is not a positive multiple of 320 KiB, as upload sessions
    /// require.
    ChunkSize {
        /// The size asked for, in bytes.
        size: usize,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CloudNotSupported { operation, cloud } => write!(
                f,
                "`{operation}` is not available in {cloud}; the documentation lists it only for other national clouds"
            ),
            Self::InvalidToken => f.write_str(
                "the access token contains characters that are not allowed in an HTTP header",
            ),
            Self::InvalidHeader { name } => {
                write!(
                    f,
                    "the documented header `{name}` is not a valid HTTP header"
                )
            }
            Self::EmptyPathParameter { name } => write!(
                f,
                "path parameter `{name}` is empty; an empty segment would address the parent collection"
            ),
            Self::DotPathParameter { name, value } => write!(
                f,
                "path parameter `{name}` is `{value}`, which URLs resolve as a step in the path instead of keeping it as an id"
            ),
            Self::Uri(error) => write!(f, "the request URI is invalid: {error}"),
            Self::BaseUrl(url) => write!(
                f,
                "`{url}` is not a base URL: it needs a scheme and a host, and no query"
            ),
            Self::InsecureBaseUrl(url) => write!(
                f,
                "`{url}` is not HTTPS: the token would travel unencrypted; plain HTTP is only for loopback (127.0.0.0/8, ::1, localhost)"
            ),
            Self::NextLinkDotSegment { link } => write!(
                f,
                "the `@odata.nextLink` {link} has a `.` or `..` segment, which would lead out of the collection's path"
            ),
            Self::NextLinkNoVersion { link } => write!(
                f,
                "the `@odata.nextLink` {link} has no path, so it names no API version to continue in"
            ),
            Self::BatchVersions { batch, operation } => write!(
                f,
                "a batch addresses one API version: this one is `{batch}`, the operation `{operation}`"
            ),
            Self::BatchDependency { id } => write!(
                f,
                "a batch request depends on `{id}`, which the batch does not hold before it"
            ),
            Self::BatchChainTooLong { requests } => write!(
                f,
                "a chain of {requests} batch requests depending on each other does not fit in one batch (20 requests at most)"
            ),
            Self::BatchItemTimeout => f.write_str(
                "a batch request cannot have a timeout of its own (JSON batching has none): give it to the options of the batch's call"
            ),
            Self::BatchHeaderNotText { name } => write!(
                f,
                "the value of the batch request's header `{name}` is not text, which JSON batching needs"
            ),
            Self::Body(error) => write!(f, "the request body could not be serialized: {error}"),
            Self::External { url } => write!(
                f,
                "{url} is outside the service root, so it has no path below the version root"
            ),
            Self::UploadRange { start, end, length } => write!(
                f,
                "the byte range {start}..{end} is not a range of the upload's {length} bytes the session expects"
            ),
            Self::ChunkSize { size } => write!(
                f,
                "an upload session takes chunks of a positive multiple of 320 KiB (327,680 bytes), not {size} bytes"
            ),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Body(error) => Some(error),
            Self::Uri(error) => Some(error),
            Self::CloudNotSupported { .. }
            | Self::InvalidToken
            | Self::InvalidHeader { .. }
            | Self::BaseUrl(_)
            | Self::InsecureBaseUrl(_)
            | Self::NextLinkDotSegment { .. }
            | Self::NextLinkNoVersion { .. }
            | Self::BatchVersions { .. }
            | Self::BatchDependency { .. }
            | Self::BatchChainTooLong { .. }
            | Self::BatchItemTimeout
            | Self::BatchHeaderNotText { .. }
            | Self::ChunkSize { .. }
            | Self::External { .. }
            | Self::UploadRange { .. }
            | Self::EmptyPathParameter { .. }
            | Self::DotPathParameter { .. } => None,
        }
    }
}

/// The error body Graph sends with a failed request:
/// `{"error": {"code", "message", "innerError": {"request-id", "client-request-id", "date"}}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct GraphError {
    /// Machine-readable error code, e.g. `Forbidden`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
    /// Diagnostics for support requests.
    #[serde(rename = "innerError")]
    pub inner_error: Option<InnerError>,
}

/// The `innerError` of a [`GraphError`]: what Microsoft support asks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct InnerError {
    /// Identifies the request in the service's logs.
    #[serde(rename = "request-id")]
    pub request_id: Option<String>,
    /// The `client-request-id` the caller sent, if any.
    #[serde(rename = "client-request-id")]
    pub client_request_id: Option<String>,
    /// When the service handled the request.
    pub date: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct ErrorEnvelope {
    pub(crate) error: GraphError,
}

/// Why a response did not yield the operation's documented result.
#[derive(Debug)]
#[non_exhaustive]
pub enum ResponseError {
    /// The status is not the documented success status.
    Status {
        /// The status received.
        status: StatusCode,
        /// The Graph error body, when the response carried one.
        error: Option<Box<GraphError>>,
        /// The start of the body, when it was not a Graph error body.
        excerpt: String,
    },
    /// `403 Forbidden`: the token lacks a permission the operation needs. Which of the
    /// documented ones the caller holds is not known here, so all of them are named.
    Forbidden {
        /// The operation's documented name.
        operation: &'static str,
        /// The permissions its page lists, any one of which allows the call.
        permissions: Permissions<'static>,
        /// The Graph error body, when the response carried one.
        error: Option<Box<GraphError>>,
        /// The start of the body, when it was not a Graph error body.
        excerpt: String,
    },
    /// A successful answer declares a content type other than JSON (an HTML page from a proxy,
    /// say). An answer without a content type is read as JSON.
    ContentType {
        /// The status received.
        status: StatusCode,
        /// The declared content type.
        content_type: String,
        /// The start of the body.
        excerpt: String,
    },
    /// The documented answer is a redirect to the content (`302 Found` to a pre-authenticated
    /// download URL), and the HTTP client handed it back instead of following it. Fetch the
    /// `location` without the `Authorization` header; the [`Client`](crate::Client) does.
    NotFollowed {
        /// The redirect's status.
        status: StatusCode,
        /// Where it points, when it says.
        location: Option<String>,
    },
    /// The answer lacks the `Location` header the documentation promises (where a created
    /// resource, or a long-running operation's status, is).
    NoLocation {
        /// The status received.
        status: StatusCode,
    },
    /// The body does not match the documented type.
    Body {
        /// The status received.
        status: StatusCode,
        /// Where in the JSON document the mismatch is, e.g. `certificateKeyUsages`.
        path: String,
        /// What serde reported.
        source: serde_json::Error,
        /// The start of the body.
        excerpt: String,
    },
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status {
                status,
                error,
                excerpt,
            } => {
                write!(f, "Graph answered {status}")?;
                answer(f, error.as_deref(), excerpt)
            }
            Self::Forbidden {
                operation,
                permissions,
                error,
                excerpt,
            } => {
                write!(
                    f,
                    "Graph answered {} to `{operation}`",
                    StatusCode::FORBIDDEN
                )?;
                answer(f, error.as_deref(), excerpt)?;
                write!(
                    f,
                    "; the documentation lists these permissions for it, any one of a type allowing the call, least privileged first: {permissions}"
                )
            }
            Self::ContentType {
                status,
                content_type,
                excerpt,
            } => write!(
                f,
                "Graph answered {status} with content type `{content_type}` instead of JSON; body starts {excerpt:?}"
            ),
            Self::NotFollowed {
                status,
                location: Some(location),
            } => write!(
                f,
                "Graph answered {status} to {location}, which was not followed; fetch it without the Authorization header"
            ),
            Self::NotFollowed {
                status,
                location: None,
            } => write!(
                f,
                "Graph answered {status} without a valid Location to follow"
            ),
            Self::NoLocation { status } => write!(
                f,
                "Graph answered {status} without the documented Location header"
            ),
            Self::Body {
                status,
                path,
                source,
                excerpt,
            } => write!(
                f,
                "Graph answered {status}, but the body does not match the documented type at `{path}`: {source}; body starts {excerpt:?}"
            ),
        }
    }
}

/// What follows "Graph answered <status>" for an error status: Graph's code, message and
/// request id, or the start of a body that is not a Graph error.
fn answer(f: &mut fmt::Formatter<'_>, error: Option<&GraphError>, excerpt: &str) -> fmt::Result {
    let Some(error) = error else {
        return write!(f, " with a body that is not a Graph error: {excerpt:?}");
    };
    write!(f, ": {}: {}", error.code, error.message)?;
    if let Some(request_id) = error
        .inner_error
        .as_ref()
        .and_then(|e| e.request_id.as_ref())
    {
        write!(f, " (request-id {request_id})")?;
    }
    Ok(())
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Body { source, .. } => Some(source),
            Self::Status { .. }
            | Self::Forbidden { .. }
            | Self::ContentType { .. }
            | Self::NotFollowed { .. }
            | Self::NoLocation { .. } => None,
        }
    }
}

/// At most this many characters of a body go into an error, so a huge or binary body cannot
/// flood a log.
const EXCERPT_CHARS: usize = 200;

pub(crate) fn excerpt(body: &[u8]) -> String {
    // Four bytes per character at most: never decode more than the excerpt can show.
    let text = String::from_utf8_lossy(&body[..body.len().min(EXCERPT_CHARS * 4 + 1)]);
    let mut excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().nth(EXCERPT_CHARS).is_some() {
        excerpt.push('…');
    }
    excerpt
}
