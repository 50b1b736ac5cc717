//! Rust names for documented names: conventional case, keywords escaped, never an invalid
//! identifier. The documented name always stays available for serde renames.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords usable as raw identifiers (`r#type`).
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot even be raw identifiers: these get a trailing `_`.
const NON_RAW_KEYWORDS: &[&str] = &["crate", "self", "Self", "super", "_"];

/// A type name: `managedAllDeviceCertificateState` → `ManagedAllDeviceCertificateState`.
pub fn type_name(documented: &str) -> String {
    escape(camel(documented))
}

/// An enum variant: `pending` → `Pending`.
pub fn variant_name(documented: &str) -> String {
    escape(camel(documented))
}

/// A field, parameter or module name: `certificateRevokeStatus` → `certificate_revoke_status`,
/// `type` → `r#type`.
pub fn field_name(documented: &str) -> String {
    let mut name = ascii_words(documented).to_snake_case();
    if name.is_empty() {
        name.push_str("value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape(name)
}

/// The singular of a collection's name, for the name of one of its items: `users` → `user`,
/// `policies` → `policy`, `statuses` → `status`, `children` → `child`; a name that does not
/// read as a plural is kept.
pub fn singular(plural: &str) -> String {
    let lower = plural.to_ascii_lowercase();
    let stem = |suffix: &str| plural[..plural.len() - suffix.len()].to_owned();
    if lower.ends_with("children") {
        stem("ren")
    } else if lower.ends_with("ies") && plural.len() > 3 {
        format!("{}y", stem("ies"))
    } else if ["sses", "shes", "ches", "xes", "uses"]
        .iter()
        .any(|suffix| lower.ends_with(suffix))
    {
        stem("es")
    } else if lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") {
        stem("s")
    } else {
        plural.to_owned()
    }
}

/// A snake-case name that is never a raw identifier (keywords get a trailing `_`): for modules
/// and files, which `r#` names cannot be intra-doc links to, and for `format!` bindings.
pub fn plain_name(documented: &str) -> String {
    let name = field_name(documented);
    match name.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => name,
    }
}

/// Only ASCII letters and digits make identifiers here: anything else (punctuation, `²`, `é`)
/// separates words, so no name can hold a character an identifier may not.
fn ascii_words(documented: &str) -> String {
    documented
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

fn camel(documented: &str) -> String {
    let mut name = ascii_words(documented).to_upper_camel_case();
    if name.is_empty() {
        name.push_str("Value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    name
}

fn escape(name: String) -> String {
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_name_their_items() {
        let singulars: Vec<String> = [
            "users",
            "mailFolders",
            "policies",
            "statuses",
            "addresses",
            "children",
            "me",
            "related",
            "calendarGroups",
            "boxes",
        ]
        .map(singular)
        .into();
        assert_eq!(
            singulars,
            [
                "user",
                "mailFolder",
                "policy",
                "status",
                "address",
                "child",
                "me",
                "related",
                "calendarGroup",
                "box"
            ]
        );
    }

    #[test]
    fn converts_documented_names_to_rust_conventions() {
        assert_eq!(
            type_name("managedAllDeviceCertificateState"),
            "ManagedAllDeviceCertificateState"
        );
        assert_eq!(
            field_name("certificateRevokeStatus"),
            "certificate_revoke_status"
        );
        assert_eq!(field_name("@odata.type"), "odata_type");
        assert_eq!(field_name("v10_2H20"), "v10_2h20");
        assert_eq!(variant_name("pending"), "Pending");
        assert_eq!(variant_name("unknownFutureValue"), "UnknownFutureValue");
    }

    #[test]
    fn escapes_keywords_and_invalid_starts() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("match"), "r#match");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("crate"), "crate_");
        assert_eq!(field_name("super"), "super_");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(field_name("2fa"), "_2fa");
        assert_eq!(variant_name("2fa"), "V2fa");
        assert_eq!(field_name("-"), "value");
        assert_eq!(field_name("x²y"), "x_y");
        assert_eq!(type_name("ﬁeld"), "Eld");
        assert_eq!(variant_name("é"), "Value");
        assert_eq!(plain_name("type"), "type_");
        assert_eq!(plain_name("self"), "self_");
        assert_eq!(
            plain_name("managedAllDeviceCertificateState"),
            "managed_all_device_certificate_state"
        );
    }
}
