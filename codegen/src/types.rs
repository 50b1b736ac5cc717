//! The documentation's fixed vocabulary and its Rust counterparts: primitive types, HTTP
//! methods, national clouds.
//!
//! [`PRIMITIVES`] is the one place a primitive is added: its documented name and the Rust type
//! that holds it.

/// A Graph primitive type and the Rust type generated code uses for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Primitive {
    /// The name the documentation's property tables use, e.g. `DateTimeOffset`.
    pub documented: &'static str,
    /// The Rust type, as a path valid inside the generated crate.
    pub rust: &'static str,
}

/// Every primitive the generator knows.
#[rustfmt::skip]
pub const PRIMITIVES: &[Primitive] = &[
    Primitive { documented: "String", rust: "String" },
    Primitive { documented: "Boolean", rust: "bool" },
    Primitive { documented: "Byte", rust: "u8" },
    Primitive { documented: "Int32", rust: "i32" },
    Primitive { documented: "Int64", rust: "i64" },
    Primitive { documented: "Single", rust: "f32" },
    Primitive { documented: "Double", rust: "f64" },
    Primitive { documented: "Guid", rust: "uuid::Uuid" },
    Primitive { documented: "Binary", rust: "crate::runtime::Binary" },
    Primitive { documented: "Date", rust: "crate::runtime::Date" },
    Primitive { documented: "TimeOfDay", rust: "crate::runtime::TimeOfDay" },
    Primitive { documented: "Duration", rust: "crate::runtime::Duration" },
    Primitive { documented: "DateTimeOffset", rust: "crate::runtime::DateTimeOffset" },
];

/// The primitive documented as `name`, if it is one.
pub fn primitive(name: &str) -> Option<&'static Primitive> {
    PRIMITIVES.iter().find(|p| p.documented == name)
}

/// HTTP methods an endpoint may use, as spelled in the spec and as `http::Method` constants.
pub const HTTP_METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Success statuses an operation may document, and their `http::StatusCode` constants.
pub const SUCCESS_STATUSES: &[(u16, &str)] = &[
    (200, "OK"),
    (201, "CREATED"),
    (202, "ACCEPTED"),
    (204, "NO_CONTENT"),
];

/// The `http::StatusCode` constant for a documented success status.
pub fn success_status(code: u16) -> Option<&'static str> {
    SUCCESS_STATUSES
        .iter()
        .find(|(known, _)| *known == code)
        .map(|(_, name)| *name)
}

/// National clouds: the spec's identifier and the `runtime::NationalCloud` variant.
pub const NATIONAL_CLOUDS: &[(&str, &str)] = &[
    ("global", "Global"),
    ("us_gov_l4", "UsGovL4"),
    ("us_gov_l5_dod", "UsGovL5Dod"),
    ("china_21vianet", "China21Vianet"),
];

/// The `runtime::NationalCloud` variant for a spec identifier.
pub fn national_cloud(id: &str) -> Option<&'static str> {
    NATIONAL_CLOUDS
        .iter()
        .find(|(spec_id, _)| *spec_id == id)
        .map(|(_, variant)| *variant)
}

/// A documented type reference: a type name, possibly as a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeRef<'a> {
    /// The element type's documented name.
    pub name: &'a str,
    /// Whether the table says `… collection`.
    pub collection: bool,
}

/// Reads a Type cell as the documentation writes it: `String`, `certificateRevocationStatus`,
/// `String collection`.
pub fn parse_type_ref(text: &str) -> TypeRef<'_> {
    let text = text.trim();
    match text.strip_suffix(" collection") {
        Some(name) => TypeRef {
            name: name.trim_end(),
            collection: true,
        },
        None => TypeRef {
            name: text,
            collection: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_collections_and_plain_references() {
        assert_eq!(
            parse_type_ref("String collection"),
            TypeRef {
                name: "String",
                collection: true
            }
        );
        assert_eq!(
            parse_type_ref(" certificateRevocationStatus "),
            TypeRef {
                name: "certificateRevocationStatus",
                collection: false
            }
        );
    }

    #[test]
    fn primitive_rust_types_parse() {
        for p in PRIMITIVES {
            assert!(
                p.rust.parse::<proc_macro2::TokenStream>().is_ok(),
                "{}",
                p.rust
            );
            assert!(syn::parse_str::<syn::Type>(p.rust).is_ok(), "{}", p.rust);
        }
    }

    #[test]
    fn primitive_names_are_unique() {
        for (i, p) in PRIMITIVES.iter().enumerate() {
            assert!(
                PRIMITIVES[i + 1..]
                    .iter()
                    .all(|q| q.documented != p.documented)
            );
        }
        assert_eq!(primitive("Int32").map(|p| p.rust), Some("i32"));
        assert_eq!(primitive("int32"), None);
    }
}
