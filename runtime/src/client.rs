//! The async client (cargo feature `client`, on by default): sends the requests that operations
//! build, with authentication, retries and tracing headers.

use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasher, RandomState};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use http::header::{
    AUTHORIZATION, COOKIE, HeaderName, HeaderValue, IF_MATCH, LOCATION, PROXY_AUTHORIZATION,
    RETRY_AFTER, USER_AGENT,
};
use http::{HeaderMap, Method, Request, Response, StatusCode, Uri};
use reqwest::Url;

use futures_util::{Stream, TryStreamExt};
use serde::de::DeserializeOwned;

use crate::credential::claims_challenge;
use crate::operation::target;
use crate::{
    BuildError, Credential, CredentialError, GraphError, NextPage, Operation, Page, ResponseError,
    ServiceRoot, TokenRequest,
};

/// When and how often to retry a throttled or unavailable request.
///
/// `429 Too Many Requests`, `503 Service Unavailable` and `504 Gateway Timeout` are retried,
/// waiting as long as the `Retry-After` header says (seconds or an HTTP date) or, without one,
/// backing off exponentially. A request that is not idempotent (`POST`, `PATCH`) is retried only
/// when the service explicitly asked for it: `429` or `503` with `Retry-After`. No other status
/// is retried. An idempotent request is also retried, backing off, when no answer came (a
/// connection refused or reset, a timeout, a body cut short).
///
/// The [`Client`] spreads each back-off at random over its upper half (jitter), so that clients
/// throttled together do not retry together; a `Retry-After` is kept exact.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first back-off delay when the service names none; it doubles on each retry.
    pub initial_backoff: Duration,
    /// The longest single wait, `Retry-After` included.
    pub max_delay: Duration,
    /// No retry starts after this much time since the first attempt.
    pub max_elapsed: Duration,
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        Self::default().max_retries(0)
    }

    /// Sets [`RetryPolicy::max_retries`].
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets [`RetryPolicy::initial_backoff`].
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Sets [`RetryPolicy::max_delay`].
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Sets [`RetryPolicy::max_elapsed`].
    pub fn max_elapsed(mut self, elapsed: Duration) -> Self {
        self.max_elapsed = elapsed;
        self
    }

    /// The wait before retry number `retry` (1-based) of a `method` request answered with
    /// `status` and `headers`, or `None` when it must not be retried.
    pub fn delay(
        &self,
        method: &Method,
        status: StatusCode,
        headers: &HeaderMap,
        retry: u32,
        now: SystemTime,
    ) -> Option<Duration> {
        self.wait(method, status, headers, retry, now)
            .map(|wait| wait.0)
    }

    /// [`RetryPolicy::delay`], and whether it is the service's own `Retry-After` rather than a
    /// back-off.
    fn wait(
        &self,
        method: &Method,
        status: StatusCode,
        headers: &HeaderMap,
        retry: u32,
        now: SystemTime,
    ) -> Option<(Duration, bool)> {
        if retry > self.max_retries {
            return None;
        }
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, now));
        let retryable = match status {
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                idempotent(method) || retry_after.is_some()
            }
            StatusCode::GATEWAY_TIMEOUT => idempotent(method),
            _ => false,
        };
        if !retryable {
            return None;
        }
        Some(match retry_after {
            Some(delay) => (delay.min(self.max_delay), true),
            None => (self.backoff(retry), false),
        })
    }

    /// The wait before retry number `retry` of a `method` request that got no answer, or
    /// `None` when it must not be retried: the request may have reached the service.
    fn after_failure(&self, method: &Method, retry: u32) -> Option<Duration> {
        (retry <= self.max_retries && idempotent(method)).then(|| self.backoff(retry))
    }

    fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_delay)
    }
}

fn idempotent(method: &Method) -> bool {
    !matches!(*method, Method::POST | Method::PATCH)
}

/// A back-off spread at random over its upper half.
fn jitter(backoff: Duration) -> Duration {
    let half = backoff / 2;
    // The low 53 bits of a v4 UUID are random: a uniform fraction in [0, 1).
    let bits = uuid::Uuid::new_v4().as_u64_pair().1 & ((1 << 53) - 1);
    let fraction = bits as f64 / (1u64 << 53) as f64;
    let spread = Duration::try_from_secs_f64(half.as_secs_f64() * fraction).unwrap_or(half);
    half.saturating_add(spread.min(half))
}

impl Default for RetryPolicy {
    /// Three retries, from one second of back-off, waiting at most a minute at a time and
    /// starting no retry after two minutes.
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_backoff: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
            max_elapsed: Duration::from_secs(120),
        }
    }
}

/// `Retry-After` as delay-seconds or an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Why a call failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built (cloud not supported, empty id, …).
    Build(BuildError),
    /// The credential could not supply a token.
    Credential(CredentialError),
    /// The request did not complete: connection refused, timeout, TLS, a body cut short.
    Transport(reqwest::Error),
    /// Graph answered, but not with the documented result: an error status (with Graph's error
    /// body when it sent one) or a body that does not match the documented type.
    Response(ResponseError),
    /// A successful answer's body is longer than [`ClientBuilder::max_body_bytes`]; reading
    /// stopped at the limit.
    BodyTooLarge {
        /// The status received.
        status: StatusCode,
        /// The limit, in bytes.
        limit: u64,
    },
    /// Graph answered with a redirect that this client does not follow.
    Redirect {
        /// The redirect's status, or the final status when the HTTP client followed it.
        status: StatusCode,
        /// Where it pointed, when it named a valid place.
        location: Option<String>,
        /// Why it was not followed.
        refusal: RedirectRefusal,
    },
    /// A page's `@odata.nextLink` leads back to a page the walk already fetched: following it
    /// would never end.
    PageLoop {
        /// The link.
        link: String,
        /// How many pages the walk had fetched, the one with the link included.
        page: usize,
    },
}

/// Why a redirect was not followed: see [`ClientBuilder::max_redirects`] for the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RedirectRefusal {
    /// More redirects in a row than the limit.
    TooMany {
        /// The limit.
        limit: u32,
    },
    /// The `Location` header is missing or not a URL.
    NoLocation,
    /// It leads from `https` to plain `http`.
    Downgrade,
    /// A `301`, `302` or `303` answered a request other than `GET`: following it as a `GET`,
    /// as browsers do, would report success for a write that never happened.
    ChangesMethod {
        /// The request's method.
        method: Method,
    },
    /// A `307` or `308` would send the request body to another origin than the service root's.
    BodyToOtherOrigin,
    /// A custom HTTP client ([`ClientBuilder::http_client`]) followed a redirect itself, so
    /// none of this policy applied to it.
    FollowedByHttpClient,
}

impl fmt::Display for RedirectRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooMany { limit } => write!(f, "more than {limit} redirects"),
            Self::NoLocation => f.write_str("it names no valid `Location`"),
            Self::Downgrade => f.write_str("it would leave HTTPS for plain HTTP"),
            Self::ChangesMethod { method } => write!(
                f,
                "it would turn the {method} into a GET, so the {method} would not happen"
            ),
            Self::BodyToOtherOrigin => f.write_str(
                "it would send the request body to another origin than the service root",
            ),
            Self::FollowedByHttpClient => f.write_str(
                "the HTTP client followed a redirect itself; build it with `reqwest::redirect::Policy::none()` so that this client's policy applies",
            ),
        }
    }
}

impl Error {
    /// The HTTP status, when Graph answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Response(ResponseError::Status { status, .. })
            | Self::Response(ResponseError::Body { status, .. })
            | Self::Response(ResponseError::ContentType { status, .. })
            | Self::Response(ResponseError::NotFollowed { status, .. })
            | Self::Response(ResponseError::NoLocation { status })
            | Self::BodyTooLarge { status, .. }
            | Self::Redirect { status, .. } => Some(*status),
            Self::Response(ResponseError::Forbidden { .. }) => Some(StatusCode::FORBIDDEN),
            Self::Transport(error) => error.status(),
            _ => None,
        }
    }

    /// Graph's error body, when the response carried one.
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Self::Response(
                ResponseError::Status { error, .. } | ResponseError::Forbidden { error, .. },
            ) => error.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Build(error) => write!(f, "cannot build the request: {error}"),
            Self::Credential(error) => {
                write!(f, "the credential could not supply a token: {error}")
            }
            Self::Transport(error) if error.is_timeout() => {
                write!(f, "the request timed out: {error}")
            }
            Self::Transport(error) if error.is_connect() => {
                write!(f, "cannot connect to Microsoft Graph: {error}")
            }
            Self::Transport(error) => write!(f, "the request failed in transit: {error}"),
            Self::Response(error) => error.fmt(f),
            Self::BodyTooLarge { status, limit } => write!(
                f,
                "Graph answered {status} with a body over the limit of {limit} bytes (ClientBuilder::max_body_bytes); reading stopped there"
            ),
            Self::Redirect {
                status,
                location: Some(location),
                refusal: refusal @ RedirectRefusal::FollowedByHttpClient,
            } => write!(f, "Graph answered {status} at {location}: {refusal}"),
            Self::Redirect {
                status,
                location: Some(location),
                refusal,
            } => write!(
                f,
                "Graph answered {status} to {location}; not followed: {refusal}"
            ),
            Self::Redirect {
                status,
                location: None,
                refusal,
            } => write!(f, "Graph answered {status}; not followed: {refusal}"),
            Self::PageLoop { link, page } => write!(
                f,
                "page {page} links to {link}, which this walk already fetched: the collection would never end"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Build(error) => Some(error),
            Self::Credential(error) => Some(error.as_ref()),
            Self::Transport(error) => Some(error),
            Self::Response(error) => Some(error),
            Self::BodyTooLarge { .. } | Self::Redirect { .. } | Self::PageLoop { .. } => None,
        }
    }
}

impl From<BuildError> for Error {
    fn from(error: BuildError) -> Self {
        Self::Build(error)
    }
}

impl From<ResponseError> for Error {
    fn from(error: ResponseError) -> Self {
        Self::Response(error)
    }
}

/// Per-call settings: headers for this call only and its timeout.
///
/// A paged call ([`Client::pages_with`], [`Client::items_with`]) sends them with every page,
/// not only the first: a `$count` or `$search` over directory objects needs `ConsistencyLevel:
/// eventual` on each request, and a page sent without it would fail or count differently.
///
/// ```
/// use std::time::Duration;
/// use msgraph_runtime::CallOptions;
/// use msgraph_runtime::http::{HeaderName, HeaderValue};
///
/// let options = CallOptions::default()
///     .consistency_level_eventual()
///     .prefer(r#"outlook.timezone="Pacific Standard Time""#)
///     .prefer("return=minimal")
///     .header(
///         HeaderName::from_static("x-ms-tenant-hint"),
///         HeaderValue::from_static("contoso"),
///     )
///     .timeout(Duration::from_secs(10));
/// assert_eq!(options.prefer.len(), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// The `client-request-id` to send; by default a new UUID per call, the same for each of
    /// its retries. Graph echoes it in errors, so a failing call can be traced. A paged call
    /// sends this one with every page; by default each page has its own.
    pub client_request_id: Option<String>,
    /// Sends `ConsistencyLevel: eventual`, which directory objects require for `$count`,
    /// `$search`, and some `$filter` and `$orderby` (advanced queries).
    pub consistency_level_eventual: bool,
    /// The `Prefer` header's preferences (`return=minimal`, `outlook.timezone="…"`), sent
    /// comma-joined in one header.
    pub prefer: Vec<String>,
    /// `If-Match`: the ETag the resource must still have for the request to apply (an
    /// optimistic concurrency check; Graph answers `412 Precondition Failed` otherwise).
    pub if_match: Option<String>,
    /// Other headers, sent after the operation's documented ones and replacing any of the same
    /// name. `Authorization` is the credential's alone and is not taken from here.
    pub headers: HeaderMap,
    /// The longest one attempt of this call may take, instead of the client's
    /// ([`ClientBuilder::timeout`]).
    pub timeout: Option<Duration>,
}

impl CallOptions {
    /// Sends `id` as the call's `client-request-id`.
    pub fn client_request_id(mut self, id: impl Into<String>) -> Self {
        self.client_request_id = Some(id.into());
        self
    }

    /// Sends `ConsistencyLevel: eventual` (see [`CallOptions::consistency_level_eventual`]).
    pub fn consistency_level_eventual(mut self) -> Self {
        self.consistency_level_eventual = true;
        self
    }

    /// Adds `preference` to the `Prefer` header.
    pub fn prefer(mut self, preference: impl Into<String>) -> Self {
        self.prefer.push(preference.into());
        self
    }

    /// Sends `If-Match: <etag>`, the ETag as the service gave it (`W/"…"` included).
    pub fn if_match(mut self, etag: impl Into<String>) -> Self {
        self.if_match = Some(etag.into());
        self
    }

    /// Sends the header `name: value` too; a second value of the same name is added, not
    /// replacing the first.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.append(name, value);
        self
    }

    /// Gives each attempt of this call at most `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The headers this call adds to its operation's request, checked once, before the first
    /// attempt: `client_request_id` is the call's id.
    fn request_headers(&self, client_request_id: String) -> Result<HeaderMap, BuildError> {
        let mut headers = self.option_headers()?;
        headers.insert(
            HeaderName::from_static("client-request-id"),
            header_value("client-request-id", client_request_id)?,
        );
        Ok(headers)
    }

    /// The headers these options make, but the `client-request-id` a call makes up when none
    /// is given: a batch request's own.
    pub(crate) fn option_headers(&self) -> Result<HeaderMap, BuildError> {
        let mut headers = self.headers.clone();
        headers.remove(AUTHORIZATION);
        if self.consistency_level_eventual {
            headers.insert(
                HeaderName::from_static("consistencylevel"),
                HeaderValue::from_static("eventual"),
            );
        }
        if !self.prefer.is_empty() {
            headers.insert(
                HeaderName::from_static("prefer"),
                header_value("prefer", self.prefer.join(", "))?,
            );
        }
        if let Some(etag) = &self.if_match {
            headers.insert(IF_MATCH, header_value("if-match", etag.clone())?);
        }
        if let Some(id) = &self.client_request_id {
            headers.insert(
                HeaderName::from_static("client-request-id"),
                header_value("client-request-id", id.clone())?,
            );
        }
        Ok(headers)
    }
}

/// `text` as the value of the header `name`, which the options set.
fn header_value(name: &'static str, text: String) -> Result<HeaderValue, BuildError> {
    HeaderValue::try_from(text).map_err(|_| BuildError::InvalidHeader { name })
}

/// A Microsoft Graph client: sends any [`Operation`] to one service root.
///
/// Cloning is cheap and shares the connection pool.
///
/// ```no_run
/// use msgraph_runtime::{AccessToken, Client, Error, NationalCloud, Operation};
///
/// async fn call<O: Operation>(operation: &O) -> Result<O::Output, Error> {
///     let client = Client::builder(AccessToken::new("eyJ0…"))
///         .cloud(NationalCloud::UsGovL4)
///         .build()?;
///     client.send(operation).await
/// }
/// ```
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    root: ServiceRoot,
    credential: Arc<dyn Credential>,
    retry: RetryPolicy,
    per_request: PerRequest,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("root", &self.root)
            .field("retry", &self.retry)
            .field("per_request", &self.per_request)
            .finish_non_exhaustive()
    }
}

/// What the client applies to each request itself, so that it holds for a custom HTTP client
/// too.
#[derive(Debug, Clone)]
struct PerRequest {
    timeout: Duration,
    user_agent: HeaderValue,
    max_body_bytes: u64,
    max_error_body_bytes: u64,
    max_redirects: u32,
}

/// Configures a [`Client`].
#[must_use]
pub struct ClientBuilder {
    credential: Arc<dyn Credential>,
    root: ServiceRoot,
    retry: RetryPolicy,
    http: Option<reqwest::Client>,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
    max_body_bytes: u64,
    max_error_body_bytes: u64,
    max_redirects: u32,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("root", &self.root)
            .field("retry", &self.retry)
            .field("http", &self.http)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
            .field("max_body_bytes", &self.max_body_bytes)
            .field("max_error_body_bytes", &self.max_error_body_bytes)
            .field("max_redirects", &self.max_redirects)
            .finish_non_exhaustive()
    }
}

/// `User-Agent` by default: this crate's name and version.
const DEFAULT_USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

impl Client {
    /// Starts configuring a client for the global cloud, authenticated by `credential`.
    pub fn builder(credential: impl Credential + 'static) -> ClientBuilder {
        ClientBuilder {
            credential: Arc::new(credential),
            root: ServiceRoot::from(crate::NationalCloud::Global),
            retry: RetryPolicy::default(),
            http: None,
            timeout: Duration::from_secs(100),
            connect_timeout: Duration::from_secs(10),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            // Far above a page of Graph's JSON (999 items at most), yet affordable for a process.
            max_body_bytes: 64 << 20,
            // Graph's error bodies are small; this keeps them whole and an HTML page's start.
            max_error_body_bytes: 64 << 10,
            // As Kiota's redirect handler.
            max_redirects: 5,
        }
    }

    /// Where this client sends requests.
    pub fn service_root(&self) -> &ServiceRoot {
        &self.root
    }

    /// How this client retries.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// Sends `operation` and reads its documented result.
    pub async fn send<O: Operation>(&self, operation: &O) -> Result<O::Output, Error> {
        self.send_with(operation, &CallOptions::default()).await
    }

    /// Sends `operation` with per-call settings: headers, a timeout, the `client-request-id`
    /// ([`CallOptions`]).
    pub async fn send_with<O: Operation>(
        &self,
        operation: &O,
        options: &CallOptions,
    ) -> Result<O::Output, Error> {
        let response = self.exchange(operation, options).await?;
        O::parse_response(&response).map_err(Error::Response)
    }

    /// Sends `operation` like [`Client::send_with`], and gives its output with the answer's
    /// status and headers: the `request-id`, `Location`, `ETag`, … ([`crate::Response`]).
    ///
    /// ```no_run
    /// use msgraph_runtime::{CallOptions, Client, Error, Operation};
    ///
    /// async fn created<O: Operation>(client: &Client, create: &O) -> Result<Option<String>, Error> {
    ///     let response = client.send_with_metadata(create, &CallOptions::default()).await?;
    ///     println!("request-id {:?}", response.request_id());
    ///     Ok(response.location().map(str::to_owned))
    /// }
    /// ```
    pub async fn send_with_metadata<O: Operation>(
        &self,
        operation: &O,
        options: &CallOptions,
    ) -> Result<crate::Response<O::Output>, Error> {
        let mut response = self.exchange(operation, options).await?;
        let output = O::parse_response(&response).map_err(Error::Response)?;
        let headers = std::mem::take(response.headers_mut());
        Ok(crate::Response::new(response.status(), headers, output))
    }

    /// Sends `operation`, retrying as the policy allows, and gives the last answer unread.
    async fn exchange<O: Operation>(
        &self,
        operation: &O,
        options: &CallOptions,
    ) -> Result<Response<Vec<u8>>, Error> {
        let client_request_id = match &options.client_request_id {
            Some(id) => id.clone(),
            None => uuid::Uuid::new_v4().to_string(),
        };
        let extra = options.request_headers(client_request_id)?;
        #[cfg(feature = "tracing")]
        let span = crate::trace::call_span::<O>(&extra["client-request-id"]);
        let attempts = self.attempts(operation, extra, options);
        #[cfg(feature = "tracing")]
        let attempts = tracing::Instrument::instrument(attempts, span);
        attempts.await
    }

    /// [`Client::exchange`]'s attempts, with `extra` headers on each.
    async fn attempts<O: Operation>(
        &self,
        operation: &O,
        extra: HeaderMap,
        options: &CallOptions,
    ) -> Result<Response<Vec<u8>>, Error> {
        let timeout = options.timeout.unwrap_or(self.per_request.timeout);
        let started = Instant::now();
        let mut retry: u32 = 0;
        let mut token_request = TokenRequest::new(vec![self.root.cloud().scope()]);
        #[cfg(feature = "tracing")]
        let mut resends: u32 = 0;
        loop {
            let token = self
                .credential
                .token(token_request.clone())
                .await
                .map_err(Error::Credential)?;
            let mut request = operation.to_http_request(self.root.clone(), &token)?;
            let headers = request.headers_mut();
            // Replaces the documented headers of the same names, keeping every value given.
            headers.extend(extra.clone());
            headers.insert(USER_AGENT, self.per_request.user_agent.clone());
            #[cfg(feature = "tracing")]
            {
                crate::trace::attempt(request.uri(), resends);
                resends = resends.saturating_add(1);
            }
            let outcome = self.follow_redirects(request, timeout).await;

            // Continuous access evaluation: a token revoked or short of claims is answered with a
            // challenge naming the claims a new one needs. Asked for once per call, it does not
            // count as a retry.
            if token_request.claims.is_none()
                && let Ok(response) = &outcome
                && response.status() == StatusCode::UNAUTHORIZED
                && let Some(claims) = claims_challenge(response.headers())
            {
                token_request = token_request.claims(claims);
                continue;
            }
            retry = retry.saturating_add(1);
            let wait = match &outcome {
                Ok(response) => self.retry.wait(
                    &O::INFO.method,
                    response.status(),
                    response.headers(),
                    retry,
                    SystemTime::now(),
                ),
                Err(Error::Transport(error)) if !error.is_builder() => self
                    .retry
                    .after_failure(&O::INFO.method, retry)
                    .map(|backoff| (backoff, false)),
                Err(_) => None,
            };
            let delay = wait
                .map(|(delay, asked)| if asked { delay } else { jitter(delay) })
                .filter(|delay| {
                    started
                        .elapsed()
                        .checked_add(*delay)
                        .is_some_and(|end| end <= self.retry.max_elapsed)
                });
            if let Some(delay) = delay {
                tokio::time::sleep(delay).await;
                continue;
            }
            #[cfg(feature = "tracing")]
            crate::trace::outcome(&outcome);
            return outcome;
        }
    }

    /// Sends `request` and the redirects that follow it within the policy described at
    /// [`ClientBuilder::max_redirects`], each within `timeout`, and reads the last answer's body.
    async fn follow_redirects(
        &self,
        mut request: Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Response<Vec<u8>>, Error> {
        let authorization = request.headers().get(AUTHORIZATION).cloned();
        let mut sent = reqwest::Request::try_from(request.clone()).map_err(Error::Transport)?;
        let home = sent.url().clone();
        let mut hops: u32 = 0;
        loop {
            *sent.timeout_mut() = Some(timeout);
            let from = sent.url().clone();
            let response = self.http.execute(sent).await.map_err(Error::Transport)?;
            let status = response.status();
            let refused = |location: Option<&Url>, refusal| Error::Redirect {
                status,
                location: location.map(Url::to_string),
                refusal,
            };
            if *response.url() != from {
                return Err(refused(
                    Some(response.url()),
                    RedirectRefusal::FollowedByHttpClient,
                ));
            }
            if !(changes_method(status)
                || matches!(
                    status,
                    StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT
                ))
            {
                return read_body(response, &self.per_request).await;
            }
            let to = response
                .headers()
                .get(LOCATION)
                .and_then(|location| location.to_str().ok())
                .and_then(|location| from.join(location).ok())
                .ok_or_else(|| refused(None, RedirectRefusal::NoLocation))?;
            hops = hops.saturating_add(1);
            let refusal = if hops > self.per_request.max_redirects {
                Some(RedirectRefusal::TooMany {
                    limit: self.per_request.max_redirects,
                })
            } else {
                redirect_refusal(
                    status,
                    request.method(),
                    !request.body().is_empty(),
                    &from,
                    &to,
                    &home,
                )
            };
            if let Some(refusal) = refusal {
                return Err(refused(Some(&to), refusal));
            }
            *request.uri_mut() = to
                .as_str()
                .parse::<Uri>()
                .map_err(|_| refused(Some(&to), RedirectRefusal::NoLocation))?;
            // The token is for the service root: it goes nowhere else, and neither do other
            // credentials; a pre-authenticated download URL needs none.
            let headers = request.headers_mut();
            if to.origin() == home.origin() {
                if let Some(value) = &authorization {
                    headers.insert(AUTHORIZATION, value.clone());
                }
            } else {
                for credential in [AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION] {
                    headers.remove(credential);
                }
            }
            sent = reqwest::Request::try_from(request.clone()).map_err(Error::Transport)?;
        }
    }
}

/// The redirects that HTTP clients follow with a `GET`, whatever the request's method.
fn changes_method(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND | StatusCode::SEE_OTHER
    )
}

/// Why a redirect from `from` to `to` must not be followed, if it must not.
fn redirect_refusal(
    status: StatusCode,
    method: &Method,
    has_body: bool,
    from: &Url,
    to: &Url,
    home: &Url,
) -> Option<RedirectRefusal> {
    let read = matches!(*method, Method::GET | Method::HEAD);
    if from.scheme() == "https" && to.scheme() != "https" {
        Some(RedirectRefusal::Downgrade)
    } else if !read && changes_method(status) {
        Some(RedirectRefusal::ChangesMethod {
            method: method.clone(),
        })
    } else if has_body && to.origin() != home.origin() {
        Some(RedirectRefusal::BodyToOtherOrigin)
    } else {
        None
    }
}

/// Reads the body of `response`: whole, for a success within the body limit; for an error
/// status, as much as the error-body limit allows, which holds Graph's error body, and drops the
/// rest.
async fn read_body(
    mut response: reqwest::Response,
    limits: &PerRequest,
) -> Result<Response<Vec<u8>>, Error> {
    let status = response.status();
    let success = status.is_success();
    let limit = if success {
        limits.max_body_bytes
    } else {
        limits.max_error_body_bytes
    };
    let too_large = Error::BodyTooLarge { status, limit };
    if success
        && response
            .content_length()
            .is_some_and(|length| length > limit)
    {
        return Err(too_large);
    }
    let headers = std::mem::take(response.headers_mut());
    let capacity = response.content_length().unwrap_or(0).min(limit);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    // With reqwest's decompression, chunks are decoded bytes: the limit holds for compressed
    // bodies too.
    while let Some(chunk) = response.chunk().await.map_err(Error::Transport)? {
        let room = limit.saturating_sub(body.len());
        if chunk.len() > room {
            if success {
                return Err(too_large);
            }
            body.extend_from_slice(&chunk[..room]);
            break;
        }
        body.extend_from_slice(&chunk);
    }
    let mut read = Response::new(body);
    *read.status_mut() = status;
    *read.headers_mut() = headers;
    Ok(read)
}

impl Client {
    /// Every page of a collection, following `@odata.nextLink` until the last page.
    ///
    /// A link back to a page this walk already fetched ends it with [`Error::PageLoop`] instead
    /// of fetching the page again: the collection would never end. Nothing else bounds the walk,
    /// which goes on only as long as the stream is read.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use msgraph_runtime::{Client, Error, NextPage, Operation, Page};
    ///
    /// async fn count<T: serde::de::DeserializeOwned>(client: &Client, link: String) -> Result<usize, Error> {
    ///     let start = NextPage::<T>::new(link);
    ///     let pages = client.pages(&start);
    ///     futures_util::pin_mut!(pages);
    ///     let mut total = 0;
    ///     while let Some(page) = pages.try_next().await? {
    ///         total += page.value.len();
    ///     }
    ///     Ok(total)
    /// }
    /// ```
    pub fn pages<'a, O, T>(
        &'a self,
        operation: &'a O,
    ) -> impl Stream<Item = Result<Page<T>, Error>> + 'a
    where
        O: Operation<Output = Page<T>>,
        T: DeserializeOwned + 'a,
    {
        self.pages_with(operation, CallOptions::default())
    }

    /// [`Client::pages`] with per-call settings, sent with every page: a following page needs
    /// the headers of the first (`ConsistencyLevel: eventual` for a `$count`, say).
    pub fn pages_with<'a, O, T>(
        &'a self,
        operation: &'a O,
        options: CallOptions,
    ) -> impl Stream<Item = Result<Page<T>, Error>> + 'a
    where
        O: Operation<Output = Page<T>>,
        T: DeserializeOwned + 'a,
    {
        enum Cursor<T> {
            First,
            Next(NextPage<T>),
            Done,
        }
        let start = (Cursor::First, Fetched::default(), options);
        futures_util::stream::try_unfold(start, move |(cursor, mut fetched, options)| async move {
            let page = match cursor {
                Cursor::First => {
                    fetched.first_time(&target(operation)?);
                    self.send_with(operation, &options).await?
                }
                Cursor::Next(next) => {
                    if !fetched.first_time(&next.path()?) {
                        return Err(Error::PageLoop {
                            link: next.link().to_owned(),
                            page: fetched.targets.len(),
                        });
                    }
                    self.send_with(&next, &options).await?
                }
                Cursor::Done => return Ok(None),
            };
            let cursor = page.next().map_or(Cursor::Done, Cursor::Next);
            Ok(Some((page, (cursor, fetched, options))))
        })
    }

    /// Every item of a collection, page after page.
    ///
    /// Like [`Client::pages`], it fails with [`Error::PageLoop`] rather than fetch a page twice.
    pub fn items<'a, O, T>(&'a self, operation: &'a O) -> impl Stream<Item = Result<T, Error>> + 'a
    where
        O: Operation<Output = Page<T>>,
        T: DeserializeOwned + 'a,
    {
        self.items_with(operation, CallOptions::default())
    }

    /// [`Client::items`] with per-call settings, sent with every page.
    pub fn items_with<'a, O, T>(
        &'a self,
        operation: &'a O,
        options: CallOptions,
    ) -> impl Stream<Item = Result<T, Error>> + 'a
    where
        O: Operation<Output = Page<T>>,
        T: DeserializeOwned + 'a,
    {
        self.pages_with(operation, options)
            .map_ok(|page| futures_util::stream::iter(page.value.into_iter().map(Ok)))
            .try_flatten()
    }
}

/// The pages a walk has fetched, by path and query (the host of a link is not followed), kept
/// as hashes so that a long walk stays small. With random 64-bit keys, two different links of
/// one walk colliding is not a practical concern.
#[derive(Default)]
struct Fetched {
    hasher: RandomState,
    targets: HashSet<u64>,
}

impl Fetched {
    /// Records `target`; `false` when the walk fetched it before.
    fn first_time(&mut self, target: &str) -> bool {
        self.targets.insert(self.hasher.hash_one(target))
    }
}

impl ClientBuilder {
    /// Sends requests to `cloud`'s service root.
    pub fn cloud(mut self, cloud: crate::NationalCloud) -> Self {
        self.root = ServiceRoot::from(cloud);
        self
    }

    /// Sends requests to `root`: a cloud's own root, or a proxy or test server standing in for
    /// it.
    pub fn service_root(mut self, root: ServiceRoot) -> Self {
        self.root = root;
        self
    }

    /// How throttled and unavailable requests are retried.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sends requests with `http`, a `reqwest::Client` of your own: a proxy, TLS roots, a
    /// connection pool shared with other code.
    ///
    /// This client's timeout, user agent, body limits, redirect policy and retries still apply
    /// to every request. `http` decides the rest: connecting (so [`ClientBuilder::connect_timeout`]
    /// does not apply), proxies, TLS, and decompression (reqwest decodes gzip unless told not
    /// to; keep it, Graph may compress). It must not follow redirects itself: build it with
    /// `redirect(reqwest::redirect::Policy::none())`. A call it redirected anyway fails with
    /// [`RedirectRefusal::FollowedByHttpClient`], since the request may have gone where this
    /// client's policy would not send it.
    ///
    /// ```
    /// use msgraph_runtime::{AccessToken, Client, reqwest};
    ///
    /// let http = reqwest::Client::builder()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .build()?;
    /// let client = Client::builder(AccessToken::new("eyJ0…"))
    ///     .http_client(http)
    ///     .build()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The longest one attempt may take, body included (default 100 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take (default 10 s), unless a client of your own
    /// ([`ClientBuilder::http_client`]) connects.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header (default: this crate's name and version).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The longest body a successful answer may have, counted after decompression (default
    /// 64 MiB). Reading stops at the limit, and the call fails with [`Error::BodyTooLarge`]; a
    /// `Content-Length` over the limit fails it before reading.
    pub fn max_body_bytes(mut self, limit: u64) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// How much of an error answer's body is read (default 64 KiB): Graph's error body fits
    /// whole, and the error keeps the start of any other. The rest is not read; the error still
    /// carries the status.
    pub fn max_error_body_bytes(mut self, limit: u64) -> Self {
        self.max_error_body_bytes = limit;
        self
    }

    /// The most redirects followed in a row for one request (default 5).
    ///
    /// A redirect is followed only where that keeps the request's meaning; otherwise the call
    /// fails with [`Error::Redirect`], naming the reason ([`RedirectRefusal`]):
    ///
    /// - `GET` follows `301`, `302`, `303`, `307` and `308`. Other methods follow only `307` and
    ///   `308`, which keep the method and body: a `303` would turn a `PATCH` into a `GET` and
    ///   report an update that never happened.
    /// - A request with a body is not redirected to another origin than the service root's.
    /// - Nothing goes from `https` to plain `http`.
    /// - The `Authorization` header goes to the service root's origin only.
    pub fn max_redirects(mut self, limit: u32) -> Self {
        self.max_redirects = limit;
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let user_agent = HeaderValue::try_from(self.user_agent)
            .map_err(|_| Error::Build(BuildError::InvalidHeader { name: "user-agent" }))?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                // `Client::follow_redirects` applies this crate's policy instead.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(Error::Transport)?,
        };
        Ok(Client {
            http,
            root: self.root,
            credential: self.credential,
            retry: self.retry,
            per_request: PerRequest {
                timeout: self.timeout,
                user_agent,
                max_body_bytes: self.max_body_bytes,
                max_error_body_bytes: self.max_error_body_bytes,
                max_redirects: self.max_redirects,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("a URL")
    }

    #[test]
    fn jitter_spreads_a_back_off_over_its_upper_half() {
        for backoff in [
            Duration::ZERO,
            Duration::from_nanos(1),
            Duration::from_secs(1),
            Duration::MAX,
        ] {
            let spread = jitter(backoff);
            assert!(
                backoff / 2 <= spread && spread <= backoff,
                "{backoff:?}: {spread:?}"
            );
        }
        let spreads: HashSet<Duration> = (0..32).map(|_| jitter(Duration::from_secs(1))).collect();
        assert!(spreads.len() > 1, "random: {spreads:?}");
    }

    #[test]
    fn per_call_headers_are_checked_before_sending() {
        let headers = |options: CallOptions| options.request_headers("id".to_owned());
        assert!(matches!(
            headers(CallOptions::default().prefer("a\nb")),
            Err(BuildError::InvalidHeader { name: "prefer" })
        ));
        assert!(matches!(
            headers(CallOptions::default().if_match("\"x\"\r")),
            Err(BuildError::InvalidHeader { name: "if-match" })
        ));
        let sent = headers(
            CallOptions::default()
                .header(AUTHORIZATION, HeaderValue::from_static("Bearer other"))
                .header(
                    HeaderName::from_static("client-request-id"),
                    HeaderValue::from_static("theirs"),
                ),
        )
        .expect("valid headers");
        assert!(sent.get(AUTHORIZATION).is_none());
        assert_eq!(sent["client-request-id"], "id");
    }

    #[test]
    fn a_redirect_never_leaves_https() {
        let home = url("https://graph.microsoft.com/beta/reports/x");
        let refusal = |to: &str| {
            redirect_refusal(
                StatusCode::FOUND,
                &Method::GET,
                false,
                &home,
                &url(to),
                &home,
            )
        };
        assert_eq!(
            refusal("http://graph.microsoft.com/beta/reports/x"),
            Some(RedirectRefusal::Downgrade)
        );
        assert_eq!(refusal("https://download.example/report?sig=1"), None);
    }
}
