//! The async client (cargo feature `client`, on by default): sends the requests that operations
//! build, with authentication, retries and tracing headers.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use http::header::{HeaderValue, RETRY_AFTER, USER_AGENT};
use http::{HeaderMap, Method, Response, StatusCode};

use futures_util::{Stream, TryStreamExt};
use serde::de::DeserializeOwned;

use super::{
    AccessToken, BuildError, GraphError, NextPage, Operation, Page, ResponseError, ServiceRoot,
};

/// The boxed error a [`Credential`] reports.
pub type CredentialError = Box<dyn std::error::Error + Send + Sync>;

/// The future a [`Credential`] returns.
pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<AccessToken, CredentialError>> + Send + 'a>>;

/// Supplies the bearer token, asked once per request so that tokens can be refreshed.
///
/// A fixed [`AccessToken`] is a credential, and so is any closure returning a future of one:
///
/// ```
/// use msgraph_beta::runtime::{AccessToken, Client, CredentialError};
///
/// let fixed = Client::builder(AccessToken::new("eyJ0…"));
/// let refreshing = Client::builder(|| async {
///     // Ask the identity platform here, or read a cache.
///     Ok::<_, CredentialError>(AccessToken::new("eyJ0…"))
/// });
/// ```
pub trait Credential: Send + Sync {
    /// A token valid for the next request.
    fn token(&self) -> TokenFuture<'_>;
}

impl Credential for AccessToken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl<F, Fut, E> Credential for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<AccessToken, E>> + Send + 'static,
    E: Into<CredentialError>,
{
    fn token(&self) -> TokenFuture<'_> {
        let future = self();
        Box::pin(async move { future.await.map_err(Into::into) })
    }
}

/// When and how often to retry a throttled or unavailable request.
///
/// `429 Too Many Requests`, `503 Service Unavailable` and `504 Gateway Timeout` are retried,
/// waiting as long as the `Retry-After` header says (seconds or an HTTP date) or, without one,
/// backing off exponentially. A request that is not idempotent (`POST`, `PATCH`) is retried only
/// when the service explicitly asked for it: `429` or `503` with `Retry-After`. No other status
/// is retried.
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
        if retry > self.max_retries {
            return None;
        }
        let retry_after = headers
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, now));
        let idempotent = !matches!(*method, Method::POST | Method::PATCH);
        let retryable = match status {
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE => {
                idempotent || retry_after.is_some()
            }
            StatusCode::GATEWAY_TIMEOUT => idempotent,
            _ => false,
        };
        if !retryable {
            return None;
        }
        let backoff = || {
            let factor = 2u32.saturating_pow(retry.saturating_sub(1));
            self.initial_backoff.saturating_mul(factor)
        };
        Some(retry_after.unwrap_or_else(backoff).min(self.max_delay))
    }
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
fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
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
}

impl Error {
    /// The HTTP status, when Graph answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Response(ResponseError::Status { status, .. })
            | Self::Response(ResponseError::Body { status, .. }) => Some(*status),
            Self::Transport(error) => error.status(),
            _ => None,
        }
    }

    /// Graph's error body, when the response carried one.
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            Self::Response(ResponseError::Status { error, .. }) => error.as_deref(),
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

/// Per-call settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// The `client-request-id` to send; by default a new UUID per call, the same for each of
    /// its retries. Graph echoes it in errors, so a failing call can be traced.
    pub client_request_id: Option<String>,
}

impl CallOptions {
    /// Sends `id` as the call's `client-request-id`.
    pub fn client_request_id(mut self, id: impl Into<String>) -> Self {
        self.client_request_id = Some(id.into());
        self
    }
}

/// A Microsoft Graph client: sends any [`Operation`] to one service root.
///
/// Cloning is cheap and shares the connection pool.
///
/// ```no_run
/// use msgraph_beta::runtime::{AccessToken, Client, Error, NationalCloud, Operation};
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
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("root", &self.root)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
#[must_use]
pub struct ClientBuilder {
    credential: Arc<dyn Credential>,
    root: ServiceRoot,
    retry: RetryPolicy,
    timeout: Duration,
    connect_timeout: Duration,
    user_agent: String,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("root", &self.root)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("user_agent", &self.user_agent)
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
            root: ServiceRoot::from(super::NationalCloud::Global),
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(100),
            connect_timeout: Duration::from_secs(10),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
        }
    }

    /// Where this client sends requests.
    pub fn service_root(&self) -> &ServiceRoot {
        &self.root
    }

    /// Sends `operation` and reads its documented result.
    pub async fn send<O: Operation>(&self, operation: &O) -> Result<O::Output, Error> {
        self.send_with(operation, &CallOptions::default()).await
    }

    /// Sends `operation` with per-call settings.
    pub async fn send_with<O: Operation>(
        &self,
        operation: &O,
        options: &CallOptions,
    ) -> Result<O::Output, Error> {
        let client_request_id = match &options.client_request_id {
            Some(id) => id.clone(),
            None => uuid::Uuid::new_v4().to_string(),
        };
        let client_request_id = HeaderValue::try_from(client_request_id).map_err(|_| {
            Error::Build(BuildError::InvalidHeader {
                name: "client-request-id",
            })
        })?;
        let started = Instant::now();
        let mut retry = 0;
        loop {
            let token = self.credential.token().await.map_err(Error::Credential)?;
            let mut request = operation.to_http_request(self.root.clone(), &token)?;
            request
                .headers_mut()
                .insert("client-request-id", client_request_id.clone());
            let request = reqwest::Request::try_from(request).map_err(Error::Transport)?;
            let response = self.http.execute(request).await.map_err(Error::Transport)?;

            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(Error::Transport)?;
            retry += 1;
            let delay = self
                .retry
                .delay(&O::METHOD, status, &headers, retry, SystemTime::now())
                .filter(|delay| started.elapsed() + *delay <= self.retry.max_elapsed);
            if let Some(delay) = delay {
                tokio::time::sleep(delay).await;
                continue;
            }
            let mut response = Response::new(body);
            *response.status_mut() = status;
            *response.headers_mut() = headers;
            return O::parse_response(&response).map_err(Error::Response);
        }
    }
}

impl Client {
    /// Every page of a collection, following `@odata.nextLink` until the last page.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use msgraph_beta::runtime::{Client, Error, NextPage, Operation, Page};
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
        enum Cursor<T> {
            First,
            Next(NextPage<T>),
            Done,
        }
        futures_util::stream::try_unfold(Cursor::First, move |cursor| async move {
            let page = match cursor {
                Cursor::First => self.send(operation).await?,
                Cursor::Next(next) => self.send(&next).await?,
                Cursor::Done => return Ok(None),
            };
            let cursor = page.next().map_or(Cursor::Done, Cursor::Next);
            Ok(Some((page, cursor)))
        })
    }

    /// Every item of a collection, page after page.
    pub fn items<'a, O, T>(&'a self, operation: &'a O) -> impl Stream<Item = Result<T, Error>> + 'a
    where
        O: Operation<Output = Page<T>>,
        T: DeserializeOwned + 'a,
    {
        self.pages(operation)
            .map_ok(|page| futures_util::stream::iter(page.value.into_iter().map(Ok)))
            .try_flatten()
    }
}

impl ClientBuilder {
    /// Sends requests to `cloud`'s service root.
    pub fn cloud(mut self, cloud: super::NationalCloud) -> Self {
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

    /// The longest one attempt may take, body included (default 100 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The longest connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The `User-Agent` header (default: this crate's name and version).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let user_agent = HeaderValue::try_from(self.user_agent)
            .map_err(|_| Error::Build(BuildError::InvalidHeader { name: "user-agent" }))?;
        let mut headers = HeaderMap::new();
        headers.insert(USER_AGENT, user_agent);
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .build()
            .map_err(Error::Transport)?;
        Ok(Client {
            http,
            root: self.root,
            credential: self.credential,
            retry: self.retry,
        })
    }
}
