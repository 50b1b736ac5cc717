use std::fmt;

use http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use http::{Method, Request, Response, StatusCode, Uri};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Deserializer};

use crate::content::Answer;
use crate::error::{ErrorEnvelope, excerpt};
use crate::{
    AccessToken, Availability, BuildError, Permissions, QueryOptions, QueryParameters,
    RequestHeaders, ResponseError, ServiceRoot,
};

/// What the documentation states about an operation, the same for every request of its type
/// ([`Operation::INFO`]).
///
/// One constant per operation rather than one per fact, since each constant is an item the
/// compiler checks on its own, thousands of times over in a generated crate.
#[derive(Debug, Clone)]
pub struct OperationInfo {
    /// The documented operation name, e.g. `Update managedAllDeviceCertificateState`.
    pub name: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The documented success status.
    pub success: StatusCode,
    /// The national clouds the documentation says the operation is available in.
    pub national_clouds: Availability,
    /// The page's Permissions table: for each permission type, the permissions any one of which
    /// allows the call, least privileged first. [`least_privilege`](crate::least_privilege)
    /// computes the fewest to grant for a set of operations; a `403 Forbidden` answer names
    /// them ([`ResponseError::Forbidden`]).
    pub permissions: Permissions<'static>,
    /// Fixed-value request headers the documentation lists (`accept: application/json`, say).
    pub headers: &'static [(&'static str, &'static str)],
}

/// A documented Graph operation: how to build its HTTP request and read its response.
///
/// Generated operation types implement this; it is sans-IO, so any HTTP stack can send the
/// [`http::Request`] it builds and hand back the [`http::Response`].
pub trait Operation {
    /// The output of a successful call: JSON read into a type, or one of the documentation's
    /// other shapes ([`Content`](crate::Content), [`Text`](crate::Text),
    /// [`Location`](crate::Location)).
    type Output: Answer;

    /// What the documentation states about the operation: its name, method, success status,
    /// national clouds, permissions and fixed headers.
    const INFO: OperationInfo;

    /// Whether a successful answer's body is read; `false` where the documentation describes
    /// none, so whatever the service sends with the success status is ignored and the output is
    /// [`Operation::no_content`].
    const READS_BODY: bool = true;

    /// The API version the request addresses, the first path segment after the host (`beta`,
    /// `v1.0`).
    ///
    /// The version is the operation's, not the runtime's, so one runtime serves generated crates
    /// of every version: a generated operation returns its crate's `API_VERSION`, and a
    /// [`NextPage`](crate::NextPage) the version its link names.
    fn api_version(&self) -> &str;

    /// The path below the version root, parameters percent-encoded, starting with `/`.
    fn path(&self) -> Result<String, BuildError>;

    /// The OData query options, for operations that take them.
    fn query(&self) -> Option<&QueryOptions> {
        None
    }

    /// The documented query parameters that are not OData options (`startDateTime`,
    /// `$deltatoken`), for operations whose page lists some; sent before the OData options.
    fn query_parameters(&self) -> QueryParameters {
        QueryParameters::new()
    }

    /// The optional headers the documentation lists and the request sets (`Prefer`,
    /// `ConsistencyLevel`), sent after the fixed [`OperationInfo::headers`]; a call's own
    /// options replace a header of the same name.
    fn request_headers(&self) -> RequestHeaders {
        RequestHeaders::new()
    }

    /// The body, for operations that send one: JSON, or bytes of
    /// [`Operation::body_content_type`].
    fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
        Ok(None)
    }

    /// The `Content-Type` of [`Operation::body`]: JSON unless the operation uploads content
    /// ([`Upload`](crate::Upload)).
    fn body_content_type(&self) -> &str {
        "application/json"
    }

    /// What a `204 No Content` answer means, for operations where Graph may send one instead
    /// of the documented body (updates: see [`Updated`]).
    fn no_content() -> Option<Self::Output> {
        None
    }

    /// Builds the request for `root` (a [`NationalCloud`](crate::NationalCloud) or a
    /// [`ServiceRoot`]), authorized with `token`.
    ///
    /// Fails when the documentation lists other clouds for this operation, when a path
    /// parameter is empty, or when the body cannot be serialized.
    fn to_http_request(
        &self,
        root: impl Into<ServiceRoot>,
        token: &AccessToken,
    ) -> Result<Request<Vec<u8>>, BuildError> {
        let root = root.into();
        if !Self::INFO.national_clouds.allows(root.cloud()) {
            return Err(BuildError::CloudNotSupported {
                operation: Self::INFO.name,
                cloud: root.cloud(),
            });
        }
        let target = format!(
            "{}/{}{}",
            root.base_url(),
            self.api_version(),
            target(self)?
        );
        let uri: Uri = target.parse().map_err(BuildError::Uri)?;
        let body = self.body().map_err(BuildError::Body)?;

        let mut request = Request::new(Vec::new());
        *request.method_mut() = Self::INFO.method;
        *request.uri_mut() = uri;
        let headers = request.headers_mut();
        for (name, value) in Self::INFO.headers {
            let invalid = || BuildError::InvalidHeader { name };
            headers.insert(
                HeaderName::try_from(*name).map_err(|_| invalid())?,
                HeaderValue::try_from(*value).map_err(|_| invalid())?,
            );
        }
        for (name, value) in self.request_headers().pairs() {
            let value =
                HeaderValue::try_from(value).map_err(|_| BuildError::InvalidHeader { name })?;
            headers.insert(HeaderName::from_static(name), value);
        }
        headers.insert(AUTHORIZATION, token.authorization()?);
        if let Some(body) = body {
            let content_type = HeaderValue::try_from(self.body_content_type()).map_err(|_| {
                BuildError::InvalidHeader {
                    name: "content-type",
                }
            })?;
            headers.insert(CONTENT_TYPE, content_type);
            *request.body_mut() = body;
        }
        Ok(request)
    }

    /// Reads the response: the documented success status gives [`Operation::Output`], as does
    /// `204 No Content` where [`Operation::no_content`] allows it (and the success status of an
    /// operation that [reads no body](Operation::READS_BODY)); any other status gives
    /// [`ResponseError::Status`] with Graph's error body when there is one, or for `403
    /// Forbidden` [`ResponseError::Forbidden`], which names the documented permissions too.
    /// The output reads the success as its [`Answer`] says, which may accept other statuses
    /// too (a followed redirect's `200 OK`); a JSON output declared in another content type
    /// gives [`ResponseError::ContentType`].
    fn parse_response<B: AsRef<[u8]>>(
        response: &Response<B>,
    ) -> Result<Self::Output, ResponseError> {
        let status = response.status();
        let body = response.body().as_ref();
        if (status == StatusCode::NO_CONTENT || (status == Self::INFO.success && !Self::READS_BODY))
            && let Some(output) = Self::no_content()
        {
            return Ok(output);
        }
        if status != Self::INFO.success && !Self::Output::accepts(status) {
            let error = serde_json::from_slice::<ErrorEnvelope>(body)
                .ok()
                .map(|envelope| Box::new(envelope.error));
            let excerpt = if error.is_some() {
                String::new()
            } else {
                excerpt(body)
            };
            return Err(if status == StatusCode::FORBIDDEN {
                ResponseError::Forbidden {
                    operation: Self::INFO.name,
                    permissions: Self::INFO.permissions,
                    error,
                    excerpt,
                }
            } else {
                ResponseError::Status {
                    status,
                    error,
                    excerpt,
                }
            });
        }
        Self::Output::read(status, response.headers(), body)
    }
}

/// The path below the version root and the query: what the request addresses.
pub(crate) fn target<O: Operation + ?Sized>(operation: &O) -> Result<String, BuildError> {
    let mut target = operation.path()?;
    let parameters = operation.query_parameters();
    let options = operation.query().filter(|query| !query.is_empty());
    let queries = [
        (!parameters.is_empty()).then(|| parameters.to_string()),
        options.map(QueryOptions::to_string),
    ];
    for query in queries.into_iter().flatten() {
        target.push(if target.contains('?') { '&' } else { '?' });
        target.push_str(&query);
    }
    Ok(target)
}

/// Unreserved characters (RFC 3986) pass; everything else, `/`, `?` and `#` included, is
/// percent-encoded, so a value always stays one path segment.
pub(crate) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A path parameter's value, percent-encoded as exactly one path segment.
pub struct PathSegment<'a>(&'a str);

impl<'a> PathSegment<'a> {
    /// Checks that `value`, the parameter `name`, can address a single resource: it is not
    /// empty, `.` or `..`.
    pub fn new(name: &'static str, value: &'a str) -> Result<Self, BuildError> {
        match value {
            "" => Err(BuildError::EmptyPathParameter { name }),
            // URL parsers resolve these dot-segments, percent-encoded (`%2E`) or not, so the
            // request would address the resource itself or its parent.
            "." => Err(BuildError::DotPathParameter { name, value: "." }),
            ".." => Err(BuildError::DotPathParameter { name, value: ".." }),
            _ => Ok(Self(value)),
        }
    }
}

impl fmt::Display for PathSegment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        utf8_percent_encode(self.0, SEGMENT).fmt(f)
    }
}

/// The result of an update (`PATCH`): the documentation promises the updated entity
/// (`200 OK`), but Graph often answers `204 No Content` instead.
#[derive(Debug, Clone, PartialEq)]
pub enum Updated<T> {
    /// `200 OK` with the updated entity.
    Entity(T),
    /// `204 No Content`: the update succeeded and the service sent no body.
    NoContent,
}

impl<T> Updated<T> {
    /// The updated entity, if the service sent it.
    pub fn into_entity(self) -> Option<T> {
        match self {
            Self::Entity(entity) => Some(entity),
            Self::NoContent => None,
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Updated<T> {
    /// A body is always the entity.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self::Entity)
    }
}
