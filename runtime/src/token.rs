use std::fmt;

/// An OAuth 2.0 bearer token for Microsoft Graph.
///
/// The token is secret: `Debug` does not show it, and the `Authorization` header built from it is
/// marked sensitive so that HTTP stacks leave it out of their logs.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// Wraps a token as issued by the identity platform (without the `Bearer ` prefix).
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The token itself, for an `Authorization` header.
    pub fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}
