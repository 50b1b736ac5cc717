//! Writing models and bodies, and showing them with `Debug`: one routine for every type.
//!
//! A generated type lists its fields once ([`Properties::visit`]); serializing them as a JSON
//! object, leaving out the absent ones and adding the undocumented ones kept from a read, and
//! formatting them for `Debug`, are here, compiled once. Derived, each type carried a serializer
//! and a formatter of its own, which together made most of the crate's compile time.

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::Patch;

/// A type whose fields are properties of a JSON object.
pub trait Properties {
    /// The type's Rust name, for `Debug` and error messages.
    const NAME: &'static str;

    /// Shows every field to `visitor`, in declaration order.
    fn visit<V: PropertyVisitor>(&self, visitor: &mut V);
}

/// What [`Properties::visit`] shows each field to.
pub trait PropertyVisitor {
    /// A documented property: its JSON name, its Rust field name and its value.
    fn property<T: Property>(&mut self, json_name: &'static str, field: &'static str, value: &T);

    /// The properties kept from a read that the type does not document, in the field `field`.
    fn additional(
        &mut self,
        field: &'static str,
        properties: &serde_json::Map<String, serde_json::Value>,
    );
}

/// A field's value: serialized when present, left out of the JSON when absent.
pub trait Property: Serialize + fmt::Debug {
    /// Whether the property is left out of the JSON object.
    fn is_absent(&self) -> bool;
}

impl<T: Serialize + fmt::Debug> Property for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T: Serialize + fmt::Debug> Property for Patch<T> {
    fn is_absent(&self) -> bool {
        self.is_unchanged()
    }
}

/// The `@odata.type` a body always sends.
impl Property for &'static str {
    fn is_absent(&self) -> bool {
        false
    }
}

/// Serializes `value` as a JSON object: its present properties, then the undocumented ones.
pub fn serialize_object<T: Properties, S: Serializer>(
    value: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut writer = ObjectWriter {
        map: serializer.serialize_map(None)?,
        error: None,
    };
    value.visit(&mut writer);
    match writer.error {
        Some(error) => Err(error),
        None => writer.map.end(),
    }
}

/// Writes properties into a serializer's map, keeping the first error.
struct ObjectWriter<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> ObjectWriter<M> {
    fn entry(&mut self, key: &str, value: &impl Serialize) {
        if self.error.is_none() {
            self.error = self.map.serialize_entry(key, value).err();
        }
    }
}

impl<M: SerializeMap> PropertyVisitor for ObjectWriter<M> {
    fn property<T: Property>(&mut self, json_name: &'static str, _: &'static str, value: &T) {
        if !value.is_absent() {
            self.entry(json_name, value);
        }
    }

    fn additional(
        &mut self,
        _: &'static str,
        properties: &serde_json::Map<String, serde_json::Value>,
    ) {
        for (key, value) in properties {
            self.entry(key, value);
        }
    }
}

/// Formats `value` as `Name { field: value, .. }`, every field shown, as `#[derive(Debug)]` does.
pub fn debug_object<T: Properties>(value: &T, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut fields = FieldFormatter(formatter.debug_struct(T::NAME));
    value.visit(&mut fields);
    fields.0.finish()
}

struct FieldFormatter<'a, 'b>(fmt::DebugStruct<'a, 'b>);

impl PropertyVisitor for FieldFormatter<'_, '_> {
    fn property<T: Property>(&mut self, _: &'static str, field: &'static str, value: &T) {
        self.0.field(field, value);
    }

    fn additional(
        &mut self,
        field: &'static str,
        properties: &serde_json::Map<String, serde_json::Value>,
    ) {
        self.0.field(field, properties);
    }
}
