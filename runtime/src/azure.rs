//! The `azure_identity` adapter (cargo feature `azure-identity`): any `azure_core`
//! [`TokenCredential`] as a [`Credential`].

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use azure_core::credentials::TokenCredential;
use azure_core::time::OffsetDateTime;

use crate::{AccessToken, Credential, TokenFuture, TokenRequest};

/// Any `azure_core` [`TokenCredential`] as the client's [`Credential`]: the credentials of
/// `azure_identity` (client secret, certificate, managed identity, workload identity, Azure CLI,
/// developer tools) and any of your own.
///
/// Each [`TokenRequest`]'s scopes (the `.default` scope of the client's national cloud) are
/// passed to [`TokenCredential::get_token`] as they are, and the token keeps its expiry.
/// `azure_identity`'s credentials keep their tokens until shortly before expiry themselves, so
/// a [`TokenCache`](crate::TokenCache) in front adds nothing but is harmless.
///
/// **Claims.** `azure_core` 1's `TokenRequestOptions` has no place for claims, so a request
/// carrying them (after a continuous access evaluation challenge) cannot be passed on: asking
/// again without them would give the very token the service refused, from the credential's
/// cache. Such a request fails with [`AzureCredentialError::ClaimsUnsupported`], naming the
/// claims, instead of sending that token again.
///
/// ```no_run
/// use std::sync::Arc;
/// use msgraph_runtime::{AzureCredential, Client, NationalCloud};
/// use msgraph_runtime::azure_core::credentials::TokenCredential;
///
/// fn client(credential: Arc<dyn TokenCredential>) -> Result<Client, msgraph_runtime::Error> {
///     Client::builder(AzureCredential::new(credential))
///         .cloud(NationalCloud::UsGovL4)
///         .build()
/// }
/// ```
#[derive(Clone)]
pub struct AzureCredential {
    credential: Arc<dyn TokenCredential>,
}

impl AzureCredential {
    /// The adapter around `credential` (`azure_identity`'s constructors give an `Arc`).
    pub fn new(credential: Arc<dyn TokenCredential>) -> Self {
        Self { credential }
    }
}

impl fmt::Debug for AzureCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AzureCredential")
            .field(&self.credential)
            .finish()
    }
}

impl Credential for AzureCredential {
    fn token(&self, request: TokenRequest) -> TokenFuture<'_> {
        Box::pin(async move {
            if let Some(claims) = request.claims {
                return Err(AzureCredentialError::ClaimsUnsupported { claims }.into());
            }
            let scopes: Vec<&str> = request.scopes.iter().map(String::as_str).collect();
            let token = self
                .credential
                .get_token(&scopes, None)
                .await
                .map_err(|source| AzureCredentialError::Token {
                    scopes: request.scopes.clone(),
                    source,
                })?;
            let secret = AccessToken::new(token.token.secret());
            Ok(match system_time(token.expires_on) {
                Some(expiry) => secret.expires_on(expiry),
                // Out of the platform's clock range: a token without a known expiry, which a
                // cache does not keep.
                None => secret,
            })
        })
    }
}

/// `at` as the platform's clock time, when it can hold it.
fn system_time(at: OffsetDateTime) -> Option<SystemTime> {
    let since_epoch = at - OffsetDateTime::UNIX_EPOCH;
    let magnitude = Duration::try_from(since_epoch.abs()).ok()?;
    if since_epoch.is_negative() {
        SystemTime::UNIX_EPOCH.checked_sub(magnitude)
    } else {
        SystemTime::UNIX_EPOCH.checked_add(magnitude)
    }
}

/// Why an [`AzureCredential`] gave no token: the [`CredentialError`](crate::CredentialError)
/// it reports, which [`Error::Credential`](crate::Error::Credential) holds.
#[derive(Debug)]
#[non_exhaustive]
pub enum AzureCredentialError {
    /// The credential failed (the identity platform refused, no managed identity endpoint, the
    /// Azure CLI not signed in, …): `azure_core`'s error is the source.
    Token {
        /// The scopes asked for.
        scopes: Vec<String>,
        /// What the credential reported.
        source: azure_core::Error,
    },
    /// The service asked for claims (a continuous access evaluation challenge) that `azure_core`
    /// 1's `TokenRequestOptions` cannot pass to the credential.
    ClaimsUnsupported {
        /// The claims asked for, as JSON.
        claims: String,
    },
}

impl fmt::Display for AzureCredentialError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Token { scopes, source } => write!(
                f,
                "the azure_core credential gave no token for {}: {source}",
                scopes.join(" ")
            ),
            Self::ClaimsUnsupported { claims } => write!(
                f,
                "the service asked for the claims {claims}, which an azure_core credential cannot be given (TokenRequestOptions has no claims); its cached token is the one refused"
            ),
        }
    }
}

impl std::error::Error for AzureCredentialError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Token { source, .. } => Some(source),
            Self::ClaimsUnsupported { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;
    use std::sync::Mutex;

    use azure_core::credentials::{self, TokenRequestOptions};
    use azure_core::error::ErrorKind;

    use super::*;
    use crate::CredentialError;

    /// A `TokenCredential` answering from a script, recording the scopes it was asked for.
    #[derive(Debug)]
    struct Scripted {
        answers: Mutex<VecDeque<azure_core::Result<credentials::AccessToken>>>,
        asked: Mutex<Vec<Vec<String>>>,
    }

    impl Scripted {
        fn new(answers: Vec<azure_core::Result<credentials::AccessToken>>) -> Arc<Self> {
            Arc::new(Self {
                answers: Mutex::new(answers.into()),
                asked: Mutex::default(),
            })
        }

        fn asked(&self) -> Vec<Vec<String>> {
            self.asked.lock().expect("not poisoned").clone()
        }
    }

    #[async_trait::async_trait]
    impl TokenCredential for Scripted {
        async fn get_token(
            &self,
            scopes: &[&str],
            _options: Option<TokenRequestOptions<'_>>,
        ) -> azure_core::Result<credentials::AccessToken> {
            self.asked
                .lock()
                .expect("not poisoned")
                .push(scopes.iter().map(|scope| (*scope).to_owned()).collect());
            self.answers
                .lock()
                .expect("not poisoned")
                .pop_front()
                .expect("a scripted answer")
        }
    }

    /// 2030-01-01T00:00:00Z, as seconds since the Unix epoch.
    const JANUARY_2030: i64 = 1_893_456_000;

    fn token_until(secret: &'static str, unix_seconds: i64) -> credentials::AccessToken {
        let expires_on = OffsetDateTime::from_unix_timestamp(unix_seconds).expect("in range");
        credentials::AccessToken::new(secret, expires_on)
    }

    fn request(scope: &str) -> TokenRequest {
        TokenRequest::new(vec![scope.to_owned()])
    }

    #[tokio::test]
    async fn scopes_are_passed_and_the_expiry_kept() {
        let scripted = Scripted::new(vec![Ok(token_until("eyJ0.a", JANUARY_2030))]);
        let credential = AzureCredential::new(scripted.clone());
        let token = credential
            .token(request("https://microsoftgraph.chinacloudapi.cn/.default"))
            .await
            .expect("a token");
        assert_eq!(token.secret(), "eyJ0.a");
        assert_eq!(
            token.expiry(),
            Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_456_000))
        );
        assert_eq!(
            scripted.asked(),
            [["https://microsoftgraph.chinacloudapi.cn/.default"]]
        );
        // Neither the adapter nor its credential shows the token.
        assert!(!format!("{credential:?} {token:?}").contains("eyJ0"));
    }

    #[test]
    fn an_expiry_before_the_epoch_is_kept_too() {
        let before = OffsetDateTime::from_unix_timestamp(-90).expect("in range");
        assert_eq!(
            system_time(before),
            Some(SystemTime::UNIX_EPOCH - Duration::from_secs(90))
        );
    }

    #[tokio::test]
    async fn an_error_keeps_azure_cores_as_its_source() {
        let scripted = Scripted::new(vec![Err(azure_core::Error::with_message(
            ErrorKind::Credential,
            "AADSTS7000215: Invalid client secret provided.",
        ))]);
        let credential = AzureCredential::new(scripted);
        let error: CredentialError = credential
            .token(request("https://graph.microsoft.com/.default"))
            .await
            .expect_err("the credential failed");
        let message = error.to_string();
        assert!(
            message.contains("https://graph.microsoft.com/.default"),
            "{message}"
        );
        assert!(message.contains("AADSTS7000215"), "{message}");
        let error = error
            .downcast::<AzureCredentialError>()
            .expect("the adapter's error");
        let AzureCredentialError::Token { scopes, source } = &*error else {
            panic!("not a token error: {error:?}");
        };
        assert_eq!(scopes, &["https://graph.microsoft.com/.default"]);
        assert_eq!(source.kind(), &ErrorKind::Credential);
        let kept = std::error::Error::source(&*error)
            .and_then(|source| source.downcast_ref::<azure_core::Error>())
            .expect("azure_core's error as the source");
        assert_eq!(kept.kind(), &ErrorKind::Credential);
    }

    #[tokio::test]
    async fn claims_are_refused_without_asking_the_credential() {
        let scripted = Scripted::new(Vec::new());
        let credential = AzureCredential::new(scripted.clone());
        let claims = r#"{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}"#;
        let error = credential
            .token(request("https://graph.microsoft.com/.default").claims(claims))
            .await
            .expect_err("claims cannot be passed");
        let error = error
            .downcast::<AzureCredentialError>()
            .expect("the adapter's error");
        assert!(
            matches!(&*error, AzureCredentialError::ClaimsUnsupported { claims: asked } if asked == claims)
        );
        assert!(scripted.asked().is_empty());
    }

    #[cfg(feature = "testing")]
    #[tokio::test]
    async fn a_client_on_the_adapter_sends_its_token_for_its_clouds_scope() {
        use crate::testing::ScriptedServer;
        use crate::{Client, Error, NationalCloud, NextPage, ServiceRoot};

        let ok = http::Response::builder()
            .header("content-type", "application/json")
            .body(br#"{"value": []}"#.to_vec())
            .expect("a response");
        // A continuous access evaluation challenge.
        let challenge = http::Response::builder()
            .status(401)
            .header(
                "www-authenticate",
                r#"Bearer realm="", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZX19fQ==""#,
            )
            .body(Vec::new())
            .expect("a response");
        let server = ScriptedServer::start(vec![ok, challenge])
            .await
            .expect("a server");
        let scripted = Scripted::new(vec![
            Ok(token_until("eyJ0.us-gov", JANUARY_2030)),
            Ok(token_until("eyJ0.us-gov", JANUARY_2030)),
        ]);
        let root = ServiceRoot::custom(NationalCloud::UsGovL4, server.service_root().base_url())
            .expect("a loopback root");
        let client = Client::builder(AzureCredential::new(scripted.clone()))
            .service_root(root)
            .build()
            .expect("a client");
        let list = NextPage::<serde_json::Value>::new("https://graph.microsoft.us/v1.0/users");

        client.send(&list).await.expect("a page");
        let requests = server.requests();
        assert_eq!(requests[0].headers()["authorization"], "Bearer eyJ0.us-gov");
        assert_eq!(scripted.asked(), [["https://graph.microsoft.us/.default"]]);

        let error = client.send(&list).await.expect_err("claims cannot be met");
        let Error::Credential(error) = error else {
            panic!("not a credential error: {error}");
        };
        assert!(matches!(
            error.downcast_ref::<AzureCredentialError>(),
            Some(AzureCredentialError::ClaimsUnsupported { claims })
                if claims == r#"{"access_token":{"nbf":{"essential":true}}}"#
        ));
        assert_eq!(server.requests().len(), 2);
    }
}
