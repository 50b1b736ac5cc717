//! What a successful answer reads as ([`Answer`]): JSON, or the shapes the documentation gives
//! beside it (bytes, plain text, a `Location`), and the bytes an upload sends ([`Upload`]).

use std::fmt;
use std::marker::PhantomData;

use http::header::{CONTENT_RANGE, CONTENT_TYPE, LOCATION};
use http::{HeaderMap, HeaderValue, Method, Request, StatusCode, Uri};
use serde::de::DeserializeOwned;

use crate::error::excerpt;
use crate::{
    AccessToken, Availability, BuildError, NationalCloud, Operation, OperationInfo, Permissions,
    ResponseError, ServiceRoot,
};

/// How the output of an [`Operation`] is read from a successful answer.
///
/// Every type that deserializes from JSON is read from a JSON body; the documentation's other
/// shapes have a type of their own: [`Content`] (bytes of any content type), [`Text`]
/// (`text/plain`) and [`Location`] (no body, a `Location` header).
pub trait Answer: Sized {
    /// Whether `status`, besides the operation's documented success, also brings this output:
    /// `200 OK` after a followed redirect, or `206 Partial Content` for a range, bring
    /// [`Content`].
    fn accepts(status: StatusCode) -> bool {
        let _ = status;
        false
    }

    /// Reads a success of `status` with `headers` and `body`.
    fn read(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self, ResponseError>;
}

impl<T: DeserializeOwned> Answer for T {
    /// Reads the body as JSON; a success declaring another content type gives
    /// [`ResponseError::ContentType`].
    fn read(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self, ResponseError> {
        if let Some(content_type) = headers.get(CONTENT_TYPE)
            && !is_json(content_type)
        {
            return Err(ResponseError::ContentType {
                status,
                content_type: String::from_utf8_lossy(content_type.as_bytes()).into_owned(),
                excerpt: excerpt(body),
            });
        }
        let refused = |path: String, source| ResponseError::Body {
            status,
            path,
            source,
            excerpt: excerpt(body),
        };
        let deserializer = &mut serde_json::Deserializer::from_slice(body);
        let value = serde_path_to_error::deserialize(&mut *deserializer)
            .map_err(|error| refused(error.path().to_string(), error.into_inner()))?;
        // Bytes after the document mean it is not the JSON document Graph documents, however
        // well its start reads; the path is the document's own, as `serde_path_to_error` names it.
        deserializer
            .end()
            .map_err(|source| refused(".".to_owned(), source))?;
        Ok(value)
    }
}

/// `application/json` or a `+json` type, whatever its parameters (Graph adds
/// `odata.metadata=…`, `charset=…`).
fn is_json(content_type: &HeaderValue) -> bool {
    let essence = content_type
        .as_bytes()
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii()
        .to_ascii_lowercase();
    essence == b"application/json" || essence.ends_with(b"+json")
}

fn header(headers: &HeaderMap, name: http::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

/// Content as bytes: a file, a photo, a `$value`, a report, whatever its content type.
///
/// A download the documentation answers with `302 Found` arrives here once the redirect is
/// followed: `200 OK` with the whole content, or `206 Partial Content` with the range asked for
/// in a `Range` header ([`CallOptions::header`](crate::CallOptions::header)).
///
/// ```
/// use msgraph_runtime::{Answer, Content};
/// use msgraph_runtime::http::{HeaderMap, HeaderValue, StatusCode};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("content-range", HeaderValue::from_static("bytes 0-3/10"));
/// let part = Content::read(StatusCode::PARTIAL_CONTENT, &headers, b"PK\x03\x04")?;
/// assert_eq!(part.content_range.as_deref(), Some("bytes 0-3/10"));
/// assert_eq!(part.bytes, b"PK\x03\x04");
/// # Ok::<(), msgraph_runtime::ResponseError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Content {
    /// `200 OK`, or `206 Partial Content` for a range.
    pub status: StatusCode,
    /// The `Content-Type` the content came with.
    pub content_type: Option<String>,
    /// The `Content-Range` of a partial answer: `bytes 0-1023/2048`.
    pub content_range: Option<String>,
    /// The content.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Content {
    /// The bytes by their length: content can be large and binary.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Content")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("content_range", &self.content_range)
            .field("bytes", &format_args!("[{} bytes]", self.bytes.len()))
            .finish()
    }
}

impl Answer for Content {
    fn accepts(status: StatusCode) -> bool {
        matches!(status, StatusCode::OK | StatusCode::PARTIAL_CONTENT)
    }

    /// A redirect handed back unfollowed gives [`ResponseError::NotFollowed`].
    fn read(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Result<Self, ResponseError> {
        if status.is_redirection() {
            return Err(ResponseError::NotFollowed {
                status,
                location: header(headers, LOCATION),
            });
        }
        Ok(Self {
            status,
            content_type: header(headers, CONTENT_TYPE),
            content_range: header(headers, CONTENT_RANGE),
            bytes: body.to_vec(),
        })
    }
}

/// A `text/plain` answer, such as a `$count`.
///
/// ```
/// use msgraph_runtime::{Answer, Text};
/// use msgraph_runtime::http::{HeaderMap, StatusCode};
///
/// let count = Text::read(StatusCode::OK, &HeaderMap::new(), b"893")?;
/// assert_eq!(count.text, "893");
/// assert_eq!(count.text.parse::<u64>().ok(), Some(893));
/// # Ok::<(), msgraph_runtime::ResponseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Text {
    /// The body, decoded as UTF-8 (an invalid sequence reads as U+FFFD).
    pub text: String,
}

impl Answer for Text {
    fn read(_: StatusCode, _: &HeaderMap, body: &[u8]) -> Result<Self, ResponseError> {
        Ok(Self {
            text: String::from_utf8_lossy(body).into_owned(),
        })
    }
}

/// An answer whose news is its `Location` header: where a created resource is (`201
/// Created`), or where to ask how a long-running operation is doing (`202 Accepted`, see
/// [`Location::monitor`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Location {
    /// The header as sent: an absolute URL, or a path below the version root
    /// (`/teams('…')/operations('…')`).
    pub location: String,
}

impl Answer for Location {
    /// An answer without the header gives [`ResponseError::NoLocation`].
    fn read(status: StatusCode, headers: &HeaderMap, _: &[u8]) -> Result<Self, ResponseError> {
        header(headers, LOCATION)
            .map(|location| Self { location })
            .ok_or(ResponseError::NoLocation { status })
    }
}

impl Location {
    /// A `Location` header's value, as sent.
    pub fn new(location: impl Into<String>) -> Self {
        Self {
            location: location.into(),
        }
    }

    /// The request that reads the status at this location as `T` (the documented status
    /// resource: `teamsAsyncOperation` for a team's clone, say, or `serde_json::Value`), for a
    /// crate of `api_version` (its `API_VERSION`), which a path below the version root needs.
    ///
    /// The token goes with it only to the service root's origin: a monitor URL elsewhere (a
    /// drive item's copy is watched at SharePoint) is pre-authenticated.
    ///
    /// ```
    /// use msgraph_runtime::{AccessToken, Location, NationalCloud, Operation};
    ///
    /// let token = AccessToken::new("eyJ0…");
    /// let accepted = Location::new("https://contoso.sharepoint.com/_api/v2.0/monitor/4A34");
    /// let request = accepted.monitor::<serde_json::Value>("beta").to_http_request(NationalCloud::Global, &token)?;
    /// assert_eq!(request.uri(), "https://contoso.sharepoint.com/_api/v2.0/monitor/4A34");
    /// assert!(request.headers().get("authorization").is_none());
    ///
    /// let clone = Location::new("/teams('7490')/operations('ff5')");
    /// let request = clone.monitor::<serde_json::Value>("beta").to_http_request(NationalCloud::Global, &token)?;
    /// assert_eq!(request.uri(), "https://graph.microsoft.com/beta/teams('7490')/operations('ff5')");
    /// assert!(request.headers().get("authorization").is_some());
    /// # Ok::<(), msgraph_runtime::BuildError>(())
    /// ```
    pub fn monitor<T: DeserializeOwned>(&self, api_version: &str) -> Monitor<T> {
        Monitor {
            location: self.location.clone(),
            api_version: api_version.to_owned(),
            status: PhantomData,
        }
    }
}

/// Reads a long-running operation's status at the [`Location`] its `202 Accepted` named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Monitor<T> {
    location: String,
    api_version: String,
    status: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Operation for Monitor<T> {
    type Output = T;

    const INFO: OperationInfo = OperationInfo {
        name: "long-running operation status",
        method: Method::GET,
        success: StatusCode::OK,
        national_clouds: Availability::Listed(&NationalCloud::ALL),
        // The status needs the permissions of the operation that started it.
        permissions: Permissions::NOT_STATED,
        headers: &[],
    };

    fn api_version(&self) -> &str {
        &self.api_version
    }

    /// The location when it is a path below the version root; an absolute URL is no path of
    /// the root and gives [`BuildError::External`].
    fn path(&self) -> Result<String, BuildError> {
        if self.location.starts_with('/') {
            Ok(self.location.clone())
        } else {
            Err(BuildError::External {
                url: self.location.clone(),
            })
        }
    }

    fn to_http_request(
        &self,
        root: impl Into<ServiceRoot>,
        token: &AccessToken,
    ) -> Result<Request<Vec<u8>>, BuildError> {
        let root = root.into();
        if self.location.starts_with('/') {
            let url = format!("{}/{}{}", root.base_url(), self.api_version, self.location);
            return external_request(&Self::INFO.method, &url, Some(token), &[], None);
        }
        let uri: Uri = self.location.parse().map_err(BuildError::Uri)?;
        let token = root.same_origin(&uri).then_some(token);
        external_request(&Self::INFO.method, &self.location, token, &[], None)
    }
}

/// Bytes to send as a request body, with their content type: a file's content, a MIME message.
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    /// The `Content-Type` to send, e.g. `application/octet-stream`, `text/plain`.
    pub content_type: String,
    /// The body.
    pub bytes: Vec<u8>,
}

impl Upload {
    /// `bytes` of `content_type`.
    pub fn new(content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            content_type: content_type.into(),
            bytes: bytes.into(),
        }
    }
}

impl fmt::Debug for Upload {
    /// The bytes by their length.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("content_type", &self.content_type)
            .field("bytes", &format_args!("[{} bytes]", self.bytes.len()))
            .finish()
    }
}

/// A request to `url`, an absolute URL, authorized with `token` when one is given, with
/// `headers` and a `body` of its content type.
pub(crate) fn external_request(
    method: &Method,
    url: &str,
    token: Option<&AccessToken>,
    headers: &[(&'static str, String)],
    body: Option<(Vec<u8>, &str)>,
) -> Result<Request<Vec<u8>>, BuildError> {
    let uri: Uri = url.parse().map_err(BuildError::Uri)?;
    let mut request = Request::new(Vec::new());
    *request.method_mut() = method.clone();
    *request.uri_mut() = uri;
    let map = request.headers_mut();
    for (name, value) in headers {
        let value = HeaderValue::try_from(value).map_err(|_| BuildError::InvalidHeader { name })?;
        map.insert(*name, value);
    }
    if let Some(token) = token {
        map.insert(http::header::AUTHORIZATION, token.authorization()?);
    }
    if let Some((bytes, content_type)) = body {
        let value = HeaderValue::try_from(content_type).map_err(|_| BuildError::InvalidHeader {
            name: "content-type",
        })?;
        map.insert(CONTENT_TYPE, value);
        *request.body_mut() = bytes;
    }
    Ok(request)
}

#[cfg(all(test, feature = "testing"))]
mod tests {
    use super::*;
    use crate::testing::ScriptedServer;
    use crate::{CallOptions, Client, UPLOAD_CHUNK_MULTIPLE};
    use http::Response;

    /// A `GET` of `path` whose documented success is `SUCCESS` and whose output is `T`.
    struct Get<T, const SUCCESS: u16> {
        path: &'static str,
        output: PhantomData<fn() -> T>,
    }

    fn get<T, const SUCCESS: u16>(path: &'static str) -> Get<T, SUCCESS> {
        Get {
            path,
            output: PhantomData,
        }
    }

    impl<T: Answer, const SUCCESS: u16> Operation for Get<T, SUCCESS> {
        type Output = T;
        const INFO: OperationInfo = OperationInfo {
            name: "test",
            method: Method::GET,
            success: match StatusCode::from_u16(SUCCESS) {
                Ok(status) => status,
                Err(_) => StatusCode::OK,
            },
            national_clouds: Availability::NotStated,
            permissions: Permissions::NOT_STATED,
            headers: &[],
        };

        fn api_version(&self) -> &str {
            "beta"
        }

        fn path(&self) -> Result<String, BuildError> {
            Ok(self.path.to_owned())
        }
    }

    fn answer(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Response<Vec<u8>> {
        let mut response = Response::builder().status(status);
        for (name, value) in headers {
            response = response.header(*name, *value);
        }
        response.body(body.to_vec()).expect("a response")
    }

    async fn client(server: &ScriptedServer) -> Client {
        Client::builder(AccessToken::new("secret"))
            .service_root(server.service_root())
            .retry(crate::RetryPolicy::none())
            .build()
            .expect("a client")
    }

    #[tokio::test]
    async fn a_redirect_to_the_content_is_followed_without_credentials() {
        let files = ScriptedServer::start(vec![
            answer(200, &[("content-type", "application/pdf")], b"%PDF-1.7"),
            answer(206, &[("content-range", "bytes 0-3/8")], b"%PDF"),
        ])
        .await
        .expect("a server");
        let location = format!("{}/y23vmag?sig=1", files.service_root().base_url());
        let graph = ScriptedServer::start(vec![
            answer(302, &[("location", &location)], b""),
            answer(302, &[("location", &location)], b""),
        ])
        .await
        .expect("a server");
        let client = client(&graph).await;
        let download = get::<Content, 302>("/me/drive/items/1/content");

        let whole = client
            .send_with(
                &download,
                &CallOptions::default().header(
                    http::header::COOKIE,
                    HeaderValue::from_static("session=graph"),
                ),
            )
            .await
            .expect("the content");
        assert_eq!(whole.status, StatusCode::OK);
        assert_eq!(whole.content_type.as_deref(), Some("application/pdf"));
        assert_eq!(whole.bytes, b"%PDF-1.7");

        let range = CallOptions::default()
            .header(http::header::RANGE, HeaderValue::from_static("bytes=0-3"));
        let part = client.send_with(&download, &range).await.expect("a range");
        assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
        assert_eq!(part.content_range.as_deref(), Some("bytes 0-3/8"));
        assert_eq!(part.bytes, b"%PDF");

        let asked = graph.requests();
        assert_eq!(asked[0].headers()["authorization"], "Bearer secret");
        let fetched = files.requests();
        assert_eq!(fetched[0].uri(), "/y23vmag?sig=1");
        for request in &fetched {
            assert!(request.headers().get("authorization").is_none());
            assert!(request.headers().get("cookie").is_none());
        }
        assert_eq!(fetched[1].headers()["range"], "bytes=0-3");
    }

    #[test]
    fn a_json_body_with_bytes_after_the_document_is_refused() {
        let read = |body: &[u8]| {
            <std::collections::BTreeMap<String, u32>>::read(StatusCode::OK, &HeaderMap::new(), body)
        };
        assert_eq!(read(b" {\"a\": 1}\r\n").expect("whitespace around")["a"], 1);
        for body in [&b"{}\x0e"[..], b"{} {}", b"{\"a\": 1}]"] {
            match read(body) {
                Err(ResponseError::Body { path, source, .. }) => {
                    assert_eq!(path, ".", "{body:?}");
                    assert!(
                        source.to_string().starts_with("trailing characters"),
                        "{source}"
                    );
                }
                other => panic!("{body:?} read as {other:?}"),
            }
        }
        // A mismatch inside the document still names its field.
        assert!(
            matches!(read(b"{\"a\": true} x"), Err(ResponseError::Body { path, .. }) if path == "a")
        );
    }

    #[test]
    fn an_unfollowed_redirect_names_where_the_content_is() {
        let response = answer(302, &[("location", "https://files.example/x")], b"");
        let error = Get::<Content, 302>::parse_response(&response).expect_err("not followed");
        assert!(matches!(
            error,
            ResponseError::NotFollowed { location: Some(ref at), .. } if at == "https://files.example/x"
        ));
        // A JSON output is not read from a partial answer its operation does not document.
        let partial = answer(206, &[], b"{}");
        assert!(Get::<serde_json::Value, 200>::parse_response(&partial).is_err());
    }

    #[tokio::test]
    async fn an_accepted_operation_is_watched_at_its_location() {
        let monitor = ScriptedServer::start(vec![answer(
            200,
            &[("content-type", "application/json")],
            br#"{"operation": "itemCopy", "percentageComplete": 50.0, "status": "inProgress"}"#,
        )])
        .await
        .expect("a server");
        let location = format!(
            "{}/_api/v2.0/monitor/4A34",
            monitor.service_root().base_url()
        );
        let graph = ScriptedServer::start(vec![
            answer(202, &[("location", &location)], b""),
            answer(202, &[], b""),
            answer(
                202,
                &[("location", "/teams('7490')/operations('ff5')")],
                b"",
            ),
            answer(
                200,
                &[("content-type", "application/json")],
                br#"{"status": "succeeded", "targetResourceId": "b3f9"}"#,
            ),
        ])
        .await
        .expect("a server");
        let client = client(&graph).await;
        let copy = get::<Location, 202>("/me/drive/items/1/copy");

        let accepted = client.send(&copy).await.expect("accepted");
        assert_eq!(accepted.location, location);
        let status: serde_json::Value = client
            .send(&accepted.monitor("beta"))
            .await
            .expect("a status");
        assert_eq!(status["status"], "inProgress");
        assert!(
            monitor.requests()[0]
                .headers()
                .get("authorization")
                .is_none()
        );

        let error = client.send(&copy).await.expect_err("no Location");
        assert!(matches!(
            error,
            crate::Error::Response(ResponseError::NoLocation { status }) if status == StatusCode::ACCEPTED
        ));

        let clone = client.send(&copy).await.expect("accepted");
        let status: serde_json::Value =
            client.send(&clone.monitor("beta")).await.expect("a status");
        assert_eq!(status["targetResourceId"], "b3f9");
        let asked = graph.requests();
        assert_eq!(asked[3].uri(), "/beta/teams('7490')/operations('ff5')");
        assert_eq!(asked[3].headers()["authorization"], "Bearer secret");
    }

    #[tokio::test]
    async fn plain_text_is_read_as_text() {
        let graph =
            ScriptedServer::start(vec![answer(200, &[("content-type", "text/plain")], b"893")])
                .await
                .expect("a server");
        let count = get::<Text, 200>("/users/$count");
        let text = client(&graph).await.send(&count).await.expect("a count");
        assert_eq!(text.text, "893");
    }

    #[tokio::test]
    async fn an_upload_sends_ranges_without_the_token_and_resumes_after_a_failure() {
        let size = UPLOAD_CHUNK_MULTIPLE + 1000;
        let content: Vec<u8> = (0..size).map(|n| (n % 251) as u8).collect();
        let json = [("content-type", "application/json")];
        let uploads = ScriptedServer::start(vec![
            answer(
                202,
                &json,
                br#"{"expirationDateTime": "2015-01-29T09:21:55.523Z", "nextExpectedRanges": ["327680-"]}"#,
            ),
            answer(500, &json, br#"{"error": {"code": "generalException", "message": "x"}}"#),
            answer(200, &json, br#"{"nextExpectedRanges": ["327680-328679"]}"#),
            answer(201, &json, br#"{"id": "912310013A123", "size": 328680}"#),
        ])
        .await
        .expect("a server");
        let graph = ScriptedServer::start(Vec::new()).await.expect("a server");
        let url = format!("{}/up/AAAA?sig=2", uploads.service_root().base_url());
        // A `500` is not retried, so the one resume allowed is the upload's own.
        let client = Client::builder(AccessToken::new("secret"))
            .service_root(graph.service_root())
            .retry(crate::RetryPolicy::none().max_retries(1))
            .build()
            .expect("a client");

        assert!(matches!(
            client
                .upload::<serde_json::Value>(&url, &content, 1000)
                .await,
            Err(crate::Error::Build(BuildError::ChunkSize { size: 1000 }))
        ));
        let item: serde_json::Value = client
            .upload(&url, &content, UPLOAD_CHUNK_MULTIPLE)
            .await
            .expect("uploaded");
        assert_eq!(item["id"], "912310013A123");

        let sent = uploads.requests();
        let ranges: Vec<(&str, &str)> = sent
            .iter()
            .map(|request| {
                let range = request
                    .headers()
                    .get("content-range")
                    .map_or("", |value| value.to_str().expect("text"));
                (request.method().as_str(), range)
            })
            .collect();
        assert_eq!(
            ranges,
            [
                ("PUT", "bytes 0-327679/328680"),
                ("PUT", "bytes 327680-328679/328680"),
                ("GET", ""),
                ("PUT", "bytes 327680-328679/328680"),
            ]
        );
        assert_eq!(sent[0].body(), &content[..UPLOAD_CHUNK_MULTIPLE]);
        assert_eq!(sent[3].body(), &content[UPLOAD_CHUNK_MULTIPLE..]);
        for request in &sent {
            assert!(request.headers().get("authorization").is_none());
        }
        assert!(graph.requests().is_empty());
    }
}
