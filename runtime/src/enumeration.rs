use std::fmt;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// A value of a documented enum that this crate does not know.
///
/// Graph adds enum members over time (beta especially), so a response may carry a value that was
/// not documented when this crate was generated. It is kept verbatim and serialized back
/// unchanged. Do not build it by hand: convert from the string instead (the enum's
/// `From<&str>`), so that a value the crate later learns always maps to its named variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Only the generated `From<&str>` impls call this, for strings that match no member. It is
    /// public because they live in other crates, and hidden because anyone else calling it
    /// could wrap a documented member.
    #[doc(hidden)]
    pub fn new(value: impl Into<String>) -> Self {
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

/// The value of a flags enum: members combined, written comma-joined in JSON (`"a,b"`).
///
/// ```
/// use msgraph_runtime::Flags;
///
/// let flags: Flags<String> = serde_json::from_str(r#""lan,wireless""#)?;
/// assert_eq!(flags.members(), ["lan", "wireless"]);
/// assert_eq!(serde_json::to_string(&flags)?, r#""lan,wireless""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Flags<E>(Vec<E>);

impl<E> Flags<E> {
    /// The members, in the order they were written.
    pub fn members(&self) -> &[E] {
        &self.0
    }

    /// Whether `member` is set.
    pub fn contains(&self, member: &E) -> bool
    where
        E: PartialEq,
    {
        self.0.contains(member)
    }
}

impl<E> From<Vec<E>> for Flags<E> {
    fn from(members: Vec<E>) -> Self {
        Self(members)
    }
}

impl<E> FromIterator<E> for Flags<E> {
    fn from_iter<I: IntoIterator<Item = E>>(members: I) -> Self {
        Self(members.into_iter().collect())
    }
}

impl<E: fmt::Display> fmt::Display for Flags<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, member) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(",")?;
            }
            member.fmt(f)?;
        }
        Ok(())
    }
}

impl<E: fmt::Display> serde::Serialize for Flags<E> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de, E: for<'a> From<&'a str>> serde::Deserialize<'de> for Flags<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagsVisitor<E>(std::marker::PhantomData<E>);

        impl<E: for<'a> From<&'a str>> Visitor<'_> for FlagsVisitor<E> {
            type Value = Flags<E>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("comma-separated enum member names")
            }

            fn visit_str<Err: de::Error>(self, value: &str) -> Result<Flags<E>, Err> {
                Ok(value
                    .split(',')
                    .map(str::trim)
                    .filter(|member| !member.is_empty())
                    .map(E::from)
                    .collect())
            }
        }

        deserializer.deserialize_str(FlagsVisitor(std::marker::PhantomData))
    }
}

/// The `@odata.type` of a JSON object, without the leading `#` (pages and services write both
/// `#microsoft.graph.x` and `microsoft.graph.x`).
pub fn odata_type(value: &serde_json::Value) -> Option<&str> {
    let name = value.get("@odata.type")?.as_str()?;
    Some(name.strip_prefix('#').unwrap_or(name))
}
