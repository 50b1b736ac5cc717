//! Reading JSON objects into models: one visitor for every model.
//!
//! A model's `Deserialize` impl only names its properties ([`Object::read_property`]), each
//! read by [`read_into`]; the loop over the keys, and keeping the ones it does not know, are
//! here, compiled once. Derived with `#[serde(flatten)]`, each model carried a field enum, a
//! visitor and a buffer for unknown keys of its own, which made deserializing most of the
//! crate's compile time.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::Properties;

/// A model read from a JSON object, property by property.
pub trait Object: Properties + Default {
    /// Reads the value of the property `key` into its field and returns `true`, or returns
    /// `false` without reading anything when the type does not document `key`.
    fn read_property<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;

    /// Where the properties the type does not document are kept.
    fn additional_properties(&mut self) -> &mut serde_json::Map<String, serde_json::Value>;
}

/// Reads the value of the current property into `slot`; every arm of a generated
/// [`Object::read_property`] is one call, so the crate type-checks one small call per
/// property rather than a `?` and an inferred assignment.
pub fn read_into<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut T,
) -> Result<bool, A::Error> {
    *slot = map.next_value()?;
    Ok(true)
}

/// Reads a `T` from a JSON object: documented properties into their fields, any other into
/// [`Object::additional_properties`]. A property given twice keeps its last value, as
/// `serde_json::Value` does.
pub fn deserialize_object<'de, T: Object, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a JSON object ({})", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(key) = map.next_key::<String>()? {
            if !value.read_property(&key, &mut map)? {
                let kept = map.next_value()?;
                value.additional_properties().insert(key, kept);
            }
        }
        Ok(value)
    }
}
