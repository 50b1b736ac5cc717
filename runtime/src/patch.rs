use serde::{Serialize, Serializer, ser::Error as _};

/// One property of a `PATCH` body: leave it as it is, clear it, or set it.
///
/// Graph changes only the properties a `PATCH` body names, so "not sent" and "sent as `null`" mean
/// different things. Properties start [`Patch::Unchanged`] and are then left out of the body.
///
/// ```
/// use msgraph_runtime::Patch;
///
/// let mut name: Patch<String> = Patch::default();
/// assert!(name.is_unchanged());
/// name = Patch::Set("Kiosk".to_owned());
/// assert_eq!(serde_json::to_string(&name)?, r#""Kiosk""#);
/// name = Patch::Clear;
/// assert_eq!(serde_json::to_string(&name)?, "null");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Patch<T> {
    /// Not sent: the service keeps the current value.
    #[default]
    Unchanged,
    /// Sent as JSON `null`: the service clears the value.
    Clear,
    /// Sent with this value.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the property is left out of the body.
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Self::Unchanged)
    }
}

impl<T> From<Option<T>> for Patch<T> {
    /// `Some` sets the value; `None` leaves it unchanged.
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Unchanged, Self::Set)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Set(value) => value.serialize(serializer),
            Self::Clear => serializer.serialize_none(),
            // Generated bodies skip unchanged properties. Anything else would have to invent a
            // value, and `null` would clear data the caller never touched.
            Self::Unchanged => Err(S::Error::custom(
                "an unchanged PATCH property has no value to serialize; skip it with `Patch::is_unchanged`",
            )),
        }
    }
}
