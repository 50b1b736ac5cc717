//! Graph's primitive types and everything that depends on one: the documented name, the Rust
//! type, the OpenAPI schema, the OData URL literal and example values.
//!
//! Adding a primitive means adding a variant to [`Primitive`]: every match below is exhaustive,
//! so the compiler names each place that must say something about it.

/// A primitive type of Graph's documentation (the EDM types its property tables name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Primitive {
    /// `String`.
    String,
    /// `Boolean`.
    Boolean,
    /// `Byte`: an unsigned 8-bit integer.
    Byte,
    /// `SByte`: a signed 8-bit integer.
    SByte,
    /// `Int16`.
    Int16,
    /// `Int32`.
    Int32,
    /// `Int64`.
    Int64,
    /// `Single`: a 32-bit float.
    Single,
    /// `Double`: a 64-bit float.
    Double,
    /// `Decimal`: an exact decimal number.
    Decimal,
    /// `Guid`.
    Guid,
    /// `Binary`: bytes, base64 in JSON.
    Binary,
    /// `Date`: a calendar date.
    Date,
    /// `TimeOfDay`: a time without date or offset.
    TimeOfDay,
    /// `Duration`: an ISO 8601 duration.
    Duration,
    /// `DateTimeOffset`: a point in time with its offset.
    DateTimeOffset,
}

/// How a value is written as an argument of a function in the URL, per OData's ABNF
/// (`primitiveLiteral`): `name(a='x',b=1,c=2024-01-01,d=duration'P1D')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlLiteral {
    /// Between single quotes, `'` doubled: strings.
    Quoted,
    /// As its text: numbers, Booleans, dates, times, GUIDs.
    Bare,
    /// Quoted after a type prefix: `duration'P1D'`, `binary'AQID'`.
    Prefixed(&'static str),
}

impl Primitive {
    /// Every primitive, in the order the documentation's survey lists them.
    pub const ALL: [Primitive; 16] = [
        Primitive::String,
        Primitive::Boolean,
        Primitive::Byte,
        Primitive::SByte,
        Primitive::Int16,
        Primitive::Int32,
        Primitive::Int64,
        Primitive::Single,
        Primitive::Double,
        Primitive::Decimal,
        Primitive::Guid,
        Primitive::Binary,
        Primitive::Date,
        Primitive::TimeOfDay,
        Primitive::Duration,
        Primitive::DateTimeOffset,
    ];

    /// The name property tables use, e.g. `DateTimeOffset`.
    pub const fn documented(self) -> &'static str {
        match self {
            Primitive::String => "String",
            Primitive::Boolean => "Boolean",
            Primitive::Byte => "Byte",
            Primitive::SByte => "SByte",
            Primitive::Int16 => "Int16",
            Primitive::Int32 => "Int32",
            Primitive::Int64 => "Int64",
            Primitive::Single => "Single",
            Primitive::Double => "Double",
            Primitive::Decimal => "Decimal",
            Primitive::Guid => "Guid",
            Primitive::Binary => "Binary",
            Primitive::Date => "Date",
            Primitive::TimeOfDay => "TimeOfDay",
            Primitive::Duration => "Duration",
            Primitive::DateTimeOffset => "DateTimeOffset",
        }
    }

    /// The primitive a documented name denotes, if it is one (case as documented).
    pub fn from_documented(name: &str) -> Option<Primitive> {
        Primitive::ALL.into_iter().find(|p| p.documented() == name)
    }

    /// The Rust type holding a value, as a path valid anywhere in the generated crate: std and
    /// dependency types by full path, runtime types through `crate::runtime`.
    pub const fn rust_path(self) -> &'static str {
        match self {
            Primitive::String => "::std::string::String",
            Primitive::Boolean => "bool",
            Primitive::Byte => "u8",
            Primitive::SByte => "i8",
            Primitive::Int16 => "i16",
            Primitive::Int32 => "i32",
            Primitive::Int64 => "i64",
            Primitive::Single => "f32",
            Primitive::Double => "f64",
            Primitive::Decimal => "crate::runtime::Decimal",
            Primitive::Guid => "::uuid::Uuid",
            Primitive::Binary => "crate::runtime::Binary",
            Primitive::Date => "crate::runtime::Date",
            Primitive::TimeOfDay => "crate::runtime::TimeOfDay",
            Primitive::Duration => "crate::runtime::Duration",
            Primitive::DateTimeOffset => "crate::runtime::DateTimeOffset",
        }
    }

    /// The OpenAPI 3.0 schema: `type` and, where one is defined, `format`.
    pub const fn openapi(self) -> (&'static str, Option<&'static str>) {
        match self {
            Primitive::String => ("string", None),
            Primitive::Boolean => ("boolean", None),
            Primitive::Byte => ("integer", Some("uint8")),
            Primitive::SByte => ("integer", Some("int8")),
            Primitive::Int16 => ("integer", Some("int16")),
            Primitive::Int32 => ("integer", Some("int32")),
            Primitive::Int64 => ("integer", Some("int64")),
            Primitive::Single => ("number", Some("float")),
            Primitive::Double => ("number", Some("double")),
            Primitive::Decimal => ("number", Some("decimal")),
            Primitive::Guid => ("string", Some("uuid")),
            Primitive::Binary => ("string", Some("byte")),
            Primitive::Date => ("string", Some("date")),
            Primitive::TimeOfDay => ("string", Some("time")),
            Primitive::Duration => ("string", Some("duration")),
            Primitive::DateTimeOffset => ("string", Some("date-time")),
        }
    }

    /// How a function argument of this type is written in the URL (OData ABNF:
    /// `string = SQUOTE … SQUOTE`, `dateValue`, `guidValue`, `timeOfDayValue`,
    /// `dateTimeOffsetValue` and numbers bare, `duration = "duration" SQUOTE … SQUOTE`,
    /// `binary = "binary" SQUOTE … SQUOTE`).
    pub const fn url_literal(self) -> UrlLiteral {
        match self {
            Primitive::String => UrlLiteral::Quoted,
            Primitive::Boolean
            | Primitive::Byte
            | Primitive::SByte
            | Primitive::Int16
            | Primitive::Int32
            | Primitive::Int64
            | Primitive::Single
            | Primitive::Double
            | Primitive::Decimal
            | Primitive::Guid
            | Primitive::Date
            | Primitive::TimeOfDay
            | Primitive::DateTimeOffset => UrlLiteral::Bare,
            Primitive::Duration => UrlLiteral::Prefixed("duration"),
            Primitive::Binary => UrlLiteral::Prefixed("binary"),
        }
    }

    /// A JSON value of this type, for examples and synthetic specs.
    pub const fn example_json(self) -> &'static str {
        match self {
            Primitive::String => "\"value\"",
            Primitive::Boolean => "true",
            Primitive::Byte
            | Primitive::SByte
            | Primitive::Int16
            | Primitive::Int32
            | Primitive::Int64 => "1",
            Primitive::Single | Primitive::Double => "1.5",
            Primitive::Decimal => "1.25",
            Primitive::Guid => "\"00000000-0000-0000-0000-000000000000\"",
            Primitive::Binary => "\"AA==\"",
            Primitive::Date => "\"2024-01-01\"",
            Primitive::TimeOfDay => "\"12:00:00\"",
            Primitive::Duration => "\"PT1H\"",
            Primitive::DateTimeOffset => "\"2024-01-01T00:00:00Z\"",
        }
    }

    /// Whether the generated crate reads `value` as this type, as its models do: `null` is an
    /// absent value; the textual primitives parse with the runtime's own readers, so a
    /// documentation placeholder such as `"datetime-value"` where a `DateTimeOffset` belongs
    /// does not read.
    pub fn reads(self, value: &serde_json::Value) -> bool {
        fn as_type<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> bool {
            serde_json::from_value::<T>(value.clone()).is_ok()
        }
        if value.is_null() {
            return true;
        }
        match self {
            Primitive::String => value.is_string(),
            Primitive::Boolean => value.is_boolean(),
            Primitive::Byte => as_type::<u8>(value),
            Primitive::SByte => as_type::<i8>(value),
            Primitive::Int16 => as_type::<i16>(value),
            Primitive::Int32 => as_type::<i32>(value),
            Primitive::Int64 => as_type::<i64>(value),
            Primitive::Single => as_type::<f32>(value),
            Primitive::Double => as_type::<f64>(value),
            Primitive::Decimal => as_type::<msgraph_runtime::Decimal>(value),
            Primitive::Guid => value
                .as_str()
                .is_some_and(|text| uuid::Uuid::parse_str(text).is_ok()),
            Primitive::Binary => as_type::<msgraph_runtime::Binary>(value),
            Primitive::Date => as_type::<msgraph_runtime::Date>(value),
            Primitive::TimeOfDay => as_type::<msgraph_runtime::TimeOfDay>(value),
            Primitive::Duration => as_type::<msgraph_runtime::Duration>(value),
            Primitive::DateTimeOffset => as_type::<msgraph_runtime::DateTimeOffset>(value),
        }
    }

    /// A Rust expression of this type, for doc examples (`?` may follow a parse).
    pub const fn example_rust(self) -> &'static str {
        match self {
            Primitive::String => "\"value\".to_owned()",
            Primitive::Boolean => "true",
            Primitive::Byte
            | Primitive::SByte
            | Primitive::Int16
            | Primitive::Int32
            | Primitive::Int64 => "1",
            Primitive::Single | Primitive::Double => "1.5",
            Primitive::Decimal => "\"1.25\".parse()?",
            Primitive::Guid => "\"00000000-0000-0000-0000-000000000000\".parse()?",
            Primitive::Binary => "\"AA==\".parse()?",
            Primitive::Date => "\"2024-01-01\".parse()?",
            Primitive::TimeOfDay => "\"12:00:00\".parse()?",
            Primitive::Duration => "\"PT1H\".parse()?",
            Primitive::DateTimeOffset => "\"2024-01-01T00:00:00Z\".parse()?",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_names_round_trip_and_are_case_sensitive() {
        for primitive in Primitive::ALL {
            assert_eq!(
                Primitive::from_documented(primitive.documented()),
                Some(primitive)
            );
        }
        assert_eq!(Primitive::from_documented("int32"), None);
        assert_eq!(Primitive::from_documented("Int32 collection"), None);
    }

    #[test]
    fn rust_paths_are_types() {
        for primitive in Primitive::ALL {
            let path = primitive.rust_path();
            assert!(syn::parse_str::<syn::Type>(path).is_ok(), "{path}");
        }
    }

    #[test]
    fn example_values_read_and_placeholders_do_not() {
        for primitive in Primitive::ALL {
            let example = serde_json::from_str(primitive.example_json()).unwrap();
            assert!(primitive.reads(&example), "{primitive:?}");
            assert!(primitive.reads(&serde_json::Value::Null), "{primitive:?}");
        }
        // Placeholders of published examples (`message-delta`, `checkMemberGroups`).
        let placeholder = |text: &str| serde_json::Value::String(text.to_owned());
        assert!(!Primitive::DateTimeOffset.reads(&placeholder("datetime-value")));
        assert!(!Primitive::Guid.reads(&placeholder("Guid")));
        assert!(!Primitive::Int32.reads(&placeholder("Int32")));
        assert!(!Primitive::Boolean.reads(&placeholder("true")));
        assert!(!Primitive::Byte.reads(&serde_json::json!(256)));
        // A `String` property holds any text, its placeholder included.
        assert!(Primitive::String.reads(&placeholder("subject-value")));
    }

    #[test]
    fn example_json_is_json() {
        for primitive in Primitive::ALL {
            let text = primitive.example_json();
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_ok(),
                "{primitive:?}: {text}"
            );
        }
    }
}
