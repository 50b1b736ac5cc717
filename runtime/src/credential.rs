//! Credentials (cargo feature `client`): what the client asks for a token, a cache in front of
//! any credential, and the claims challenge of continuous access evaluation.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use base64::Engine as _;
use http::HeaderMap;
use http::header::WWW_AUTHENTICATE;

use crate::AccessToken;

/// The boxed error a [`Credential`] reports.
pub type CredentialError = Box<dyn std::error::Error + Send + Sync>;

/// The future a [`Credential`] returns.
pub type TokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<AccessToken, CredentialError>> + Send + 'a>>;

/// What the [`Client`](crate::Client) asks a [`Credential`] for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenRequest {
    /// The OAuth 2.0 scopes the token must carry: the `.default` scope of the client's
    /// national cloud ([`NationalCloud::scope`](crate::NationalCloud::scope)), so that a
    /// token for one cloud is never sent to another.
    pub scopes: Vec<String>,
    /// Claims the token must satisfy, as JSON: a continuous access evaluation challenge's
    /// (a `401` whose `WWW-Authenticate` says `error="insufficient_claims"`), decoded. Pass
    /// them to the identity platform (its `claims` parameter), and do not answer from a cache:
    /// the cached token is the one the service refused.
    pub claims: Option<String>,
}

impl TokenRequest {
    /// A request for `scopes`, without claims.
    pub fn new(scopes: Vec<String>) -> Self {
        Self {
            scopes,
            claims: None,
        }
    }

    /// The same request, asking for `claims` too.
    pub fn claims(mut self, claims: impl Into<String>) -> Self {
        self.claims = Some(claims.into());
        self
    }
}

/// Supplies the bearer token, asked once per request so that tokens can be refreshed.
///
/// A fixed [`AccessToken`] is a credential, and so is any closure taking the [`TokenRequest`]
/// and returning a future of one. A credential that reaches the identity platform should sit
/// behind a [`TokenCache`], which asks it only when the token it has is about to expire.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use msgraph_runtime::{AccessToken, Client, CredentialError, TokenCache, TokenRequest};
///
/// let fixed = Client::builder(AccessToken::new("eyJ0…"));
/// let refreshing = Client::builder(TokenCache::new(|request: TokenRequest| async move {
///     // Ask the identity platform for `request.scopes` (and `request.claims`) here.
///     let expires_on = SystemTime::now() + Duration::from_secs(3600);
///     Ok::<_, CredentialError>(AccessToken::new("eyJ0…").expires_on(expires_on))
/// }));
/// ```
pub trait Credential: Send + Sync {
    /// A token valid for the next request, for `request`'s scopes and claims.
    fn token(&self, request: TokenRequest) -> TokenFuture<'_>;
}

impl Credential for AccessToken {
    /// This token, whatever the request: it cannot be refreshed or meet claims.
    fn token(&self, _request: TokenRequest) -> TokenFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl<F, Fut, E> Credential for F
where
    F: Fn(TokenRequest) -> Fut + Send + Sync,
    Fut: Future<Output = Result<AccessToken, E>> + Send + 'static,
    E: Into<CredentialError>,
{
    fn token(&self, request: TokenRequest) -> TokenFuture<'_> {
        let future = self(request);
        Box::pin(async move { future.await.map_err(Into::into) })
    }
}

/// Keeps the token a credential gave, and asks for a new one only shortly before it expires.
///
/// One request at a time reaches the credential: callers arriving while it is being asked wait
/// for its token instead of asking too. A request with claims always reaches it (the cached
/// token is the one the service refused), and so does one for other scopes; a token without an
/// expiry ([`AccessToken::expiry`]) is not kept, since nothing says how long it holds.
pub struct TokenCache<C> {
    credential: C,
    refresh_before: Duration,
    cached: tokio::sync::Mutex<Option<(Vec<String>, AccessToken)>>,
}

impl<C> TokenCache<C> {
    /// A cache in front of `credential`, refreshing five minutes before expiry (the margin the
    /// Azure SDKs use, so that a token is not sent in its last seconds).
    pub fn new(credential: C) -> Self {
        Self {
            credential,
            refresh_before: Duration::from_secs(5 * 60),
            cached: tokio::sync::Mutex::new(None),
        }
    }

    /// Asks for a new token `margin` before the cached one expires.
    pub fn refresh_before(mut self, margin: Duration) -> Self {
        self.refresh_before = margin;
        self
    }
}

impl<C> std::fmt::Debug for TokenCache<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenCache")
            .field("refresh_before", &self.refresh_before)
            .finish_non_exhaustive()
    }
}

impl<C: Credential> Credential for TokenCache<C> {
    fn token(&self, request: TokenRequest) -> TokenFuture<'_> {
        Box::pin(async move {
            // Held while the credential is asked: concurrent callers wait for its answer.
            let mut cached = self.cached.lock().await;
            let fresh_until = SystemTime::now().checked_add(self.refresh_before);
            if request.claims.is_none()
                && let Some((scopes, token)) = &*cached
                && *scopes == request.scopes
                && let (Some(expiry), Some(fresh_until)) = (token.expiry(), fresh_until)
                && expiry > fresh_until
            {
                return Ok(token.clone());
            }
            let scopes = request.scopes.clone();
            let token = self.credential.token(request).await?;
            *cached = token.expiry().is_some().then(|| (scopes, token.clone()));
            Ok(token)
        })
    }
}

/// The claims a continuous access evaluation challenge asks for, decoded to JSON: a
/// `WWW-Authenticate: Bearer …, error="insufficient_claims", claims="<base64>"` header.
pub(crate) fn claims_challenge(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(WWW_AUTHENTICATE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter(|value| value.contains("insufficient_claims"))
        .find_map(|value| {
            let start = value.find("claims=\"")? + "claims=\"".len();
            let encoded = &value[start..];
            let encoded = &encoded[..encoded.find('"')?];
            let engine = base64::engine::general_purpose::STANDARD;
            let decoded = engine.decode(encoded).ok().or_else(|| {
                base64::engine::general_purpose::STANDARD_NO_PAD
                    .decode(encoded.trim_end_matches('='))
                    .ok()
            })?;
            String::from_utf8(decoded).ok()
        })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use http::HeaderValue;

    use super::*;

    /// A credential that counts the requests reaching it, each taking a moment, and gives
    /// tokens expiring after `lifetime`.
    fn counting(
        lifetime: Duration,
    ) -> (
        Arc<AtomicUsize>,
        impl Fn(TokenRequest) -> TokenFuture<'static> + Send + Sync,
    ) {
        let asked = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&asked);
        let credential = move |request: TokenRequest| -> TokenFuture<'static> {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            Box::pin(async move {
                tokio::time::sleep(Duration::from_millis(20)).await;
                let secret = format!("token-{n}-{}", request.claims.unwrap_or_default());
                Ok(AccessToken::new(secret).expires_on(SystemTime::now() + lifetime))
            })
        };
        (asked, credential)
    }

    fn request() -> TokenRequest {
        TokenRequest::new(vec!["https://graph.microsoft.com/.default".to_owned()])
    }

    #[tokio::test]
    async fn a_cache_asks_once_for_concurrent_callers_and_again_for_claims() {
        let (asked, credential) = counting(Duration::from_secs(3600));
        let cache = TokenCache::new(credential);
        let (a, b) = tokio::join!(cache.token(request()), cache.token(request()));
        assert_eq!(asked.load(Ordering::SeqCst), 1);
        assert_eq!(a.expect("a token"), b.expect("a token"));

        let claimed = cache
            .token(request().claims(r#"{"access_token":{}}"#))
            .await
            .expect("a token");
        assert_eq!(claimed.secret(), r#"token-2-{"access_token":{}}"#);
        // The token that met the claims is the one kept.
        assert_eq!(cache.token(request()).await.expect("a token"), claimed);
        assert_eq!(asked.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_cache_refreshes_before_expiry() {
        let (asked, credential) = counting(Duration::from_secs(60));
        let cache = TokenCache::new(credential);
        cache.token(request()).await.expect("a token");
        // A minute left is within the five-minute margin: asked again.
        cache.token(request()).await.expect("a token");
        assert_eq!(asked.load(Ordering::SeqCst), 2);

        let (asked, credential) = counting(Duration::from_secs(60));
        let cache = TokenCache::new(credential).refresh_before(Duration::from_secs(10));
        cache.token(request()).await.expect("a token");
        cache.token(request()).await.expect("a token");
        assert_eq!(asked.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_claims_challenge_is_decoded() {
        let mut headers = HeaderMap::new();
        headers.append(
            WWW_AUTHENTICATE,
            HeaderValue::from_static(r#"Bearer realm="", error="invalid_token""#),
        );
        assert_eq!(claims_challenge(&headers), None);
        headers.append(
            WWW_AUTHENTICATE,
            HeaderValue::from_static(
                r#"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0=""#,
            ),
        );
        assert_eq!(
            claims_challenge(&headers).as_deref(),
            Some(r#"{"access_token":{"nbf":{"essential":true, "value":"1604106651"}}}"#)
        );
    }
}
