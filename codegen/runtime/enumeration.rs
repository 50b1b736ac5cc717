use std::fmt;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// A value of a documented enum that this crate does not know.
///
/// Graph adds enum members over time (beta especially), so a response may carry a value that was
/// not documented when this crate was generated. It is kept verbatim and serialized back
/// unchanged. It cannot be built by hand: convert from the string instead, so that a value the
/// crate later learns always maps to its named variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Only the generated `From<&str>` impls call this, for strings that match no member.
    #[allow(dead_code, reason = "unused in a crate whose spec documents no enum")]
    pub(crate) fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value as the service sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Deserializes a generated enum from its JSON string. Every string is accepted: the enum's
/// `From<&str>` maps unknown ones to its `Unknown` variant.
pub fn deserialize_enum<'de, D, E>(deserializer: D) -> Result<E, D::Error>
where
    D: Deserializer<'de>,
    E: for<'a> From<&'a str>,
{
    struct EnumVisitor<E>(std::marker::PhantomData<E>);

    impl<E: for<'a> From<&'a str>> Visitor<'_> for EnumVisitor<E> {
        type Value = E;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an enum member name")
        }

        fn visit_str<Err: de::Error>(self, value: &str) -> Result<E, Err> {
            Ok(E::from(value))
        }
    }

    deserializer.deserialize_str(EnumVisitor(std::marker::PhantomData))
}
