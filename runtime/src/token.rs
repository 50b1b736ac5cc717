use std::fmt;
use std::time::SystemTime;

/// An OAuth 2.0 bearer token for Microsoft Graph, with its expiry when known.
///
/// The token is secret: `Debug` does not show it, and the `Authorization` header built from it is
/// marked sensitive so that HTTP stacks leave it out of their logs.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    secret: String,
    expiry: Option<SystemTime>,
}

impl AccessToken {
    /// Wraps a token as issued by the identity platform (without the `Bearer ` prefix), its
    /// expiry unknown.
    pub fn new(token: impl Into<String>) -> Self {
        Self {
            secret: token.into(),
            expiry: None,
        }
    }

    /// The same token, expiring at `expiry` (the identity platform's `expires_in` after it was
    /// issued), which lets a cache refresh it in time.
    pub fn expires_on(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The token itself, for an `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// When the token expires, if known.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The `Authorization: Bearer …` value, marked sensitive.
    pub(crate) fn authorization(&self) -> Result<http::HeaderValue, crate::BuildError> {
        let mut value = http::HeaderValue::try_from(format!("Bearer {}", self.secret))
            .map_err(|_| crate::BuildError::InvalidToken)?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.expiry {
            None => f.write_str("AccessToken(<redacted>)"),
            Some(expiry) => write!(f, "AccessToken(<redacted>, expiry: {expiry:?})"),
        }
    }
}
