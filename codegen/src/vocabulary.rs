//! The documentation's fixed vocabulary besides primitives: HTTP methods, success statuses,
//! body contents, national clouds, type references and permission names. The spec reads them as these enums, so an unknown value
//! is a load error with its line and column, and every later stage matches exhaustively.

use serde::{Deserialize, Serialize};

use crate::primitive::Primitive;

/// An HTTP method an operation may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum HttpMethod {
    /// `GET`: reads; functions.
    Get,
    /// `POST`: creates; actions.
    Post,
    /// `PUT`: replaces.
    Put,
    /// `PATCH`: updates the properties sent.
    Patch,
    /// `DELETE`.
    Delete,
}

impl HttpMethod {
    /// Every method, in the order hints list them.
    pub const ALL: [HttpMethod; 5] = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
    ];

    /// The method as HTTP spells it, which is also the `http::Method` constant's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// Whether a request with this method may carry a body.
    pub const fn has_body(self) -> bool {
        match self {
            HttpMethod::Post | HttpMethod::Put | HttpMethod::Patch => true,
            HttpMethod::Get | HttpMethod::Delete => false,
        }
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The success status an operation documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(try_from = "u16", into = "u16")]
pub enum SuccessStatus {
    /// `200 OK`.
    Ok,
    /// `201 Created`.
    Created,
    /// `202 Accepted`.
    Accepted,
    /// `204 No Content`.
    NoContent,
    /// `206 Partial Content`: a range of the content.
    PartialContent,
    /// `302 Found`: a redirect to the content at a pre-authenticated URL, which the client
    /// follows without the token.
    Found,
}

impl SuccessStatus {
    /// Every status, in numeric order.
    pub const ALL: [SuccessStatus; 6] = [
        SuccessStatus::Ok,
        SuccessStatus::Created,
        SuccessStatus::Accepted,
        SuccessStatus::NoContent,
        SuccessStatus::PartialContent,
        SuccessStatus::Found,
    ];

    /// The status code.
    pub const fn code(self) -> u16 {
        match self {
            SuccessStatus::Ok => 200,
            SuccessStatus::Created => 201,
            SuccessStatus::Accepted => 202,
            SuccessStatus::NoContent => 204,
            SuccessStatus::PartialContent => 206,
            SuccessStatus::Found => 302,
        }
    }

    /// The `http::StatusCode` constant's name.
    pub const fn constant(self) -> &'static str {
        match self {
            SuccessStatus::Ok => "OK",
            SuccessStatus::Created => "CREATED",
            SuccessStatus::Accepted => "ACCEPTED",
            SuccessStatus::NoContent => "NO_CONTENT",
            SuccessStatus::PartialContent => "PARTIAL_CONTENT",
            SuccessStatus::Found => "FOUND",
        }
    }

    /// Whether the answer is the content itself rather than a JSON document: a range of it, or
    /// a redirect to it.
    pub const fn is_content(self) -> bool {
        match self {
            SuccessStatus::PartialContent | SuccessStatus::Found => true,
            SuccessStatus::Ok
            | SuccessStatus::Created
            | SuccessStatus::Accepted
            | SuccessStatus::NoContent => false,
        }
    }
}

impl TryFrom<u16> for SuccessStatus {
    type Error = String;

    fn try_from(code: u16) -> Result<Self, Self::Error> {
        SuccessStatus::ALL
            .into_iter()
            .find(|status| status.code() == code)
            .ok_or_else(|| {
                let known: Vec<String> = SuccessStatus::ALL
                    .iter()
                    .map(|s| s.code().to_string())
                    .collect();
                format!(
                    "{code} is not a success status an operation can document; use one of {}",
                    known.join(", ")
                )
            })
    }
}

impl From<SuccessStatus> for u16 {
    fn from(status: SuccessStatus) -> u16 {
        status.code()
    }
}

/// What a request or response body carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyContent {
    /// A JSON document of the documented type.
    #[default]
    Json,
    /// Bytes of any content type: a file's content, a photo, a report, a `$value`.
    Binary,
    /// `text/plain`: a `$count`, a base64 MIME message.
    Text,
}

impl BodyContent {
    /// Whether this is the default, JSON (then `content` is not written).
    pub fn is_json(&self) -> bool {
        *self == BodyContent::Json
    }

    /// The content a `Content-Type` value names: `text/plain` is text, JSON (`application/json`,
    /// a `+json` type) is JSON, anything else is bytes.
    pub fn of_media_type(content_type: &str) -> BodyContent {
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if essence == "text/plain" {
            BodyContent::Text
        } else if essence == "application/json" || essence.ends_with("+json") {
            BodyContent::Json
        } else {
            BodyContent::Binary
        }
    }
}

/// A national cloud deployment of Graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NationalCloud {
    /// The global service.
    Global,
    /// US Government L4.
    UsGovL4,
    /// US Government L5 (DOD).
    UsGovL5Dod,
    /// China, operated by 21Vianet.
    #[serde(rename = "china_21vianet")]
    China21Vianet,
}

impl NationalCloud {
    /// Every cloud, in the order the documentation lists them.
    pub const ALL: [NationalCloud; 4] = [
        NationalCloud::Global,
        NationalCloud::UsGovL4,
        NationalCloud::UsGovL5Dod,
        NationalCloud::China21Vianet,
    ];

    /// The spec's identifier.
    pub const fn id(self) -> &'static str {
        match self {
            NationalCloud::Global => "global",
            NationalCloud::UsGovL4 => "us_gov_l4",
            NationalCloud::UsGovL5Dod => "us_gov_l5_dod",
            NationalCloud::China21Vianet => "china_21vianet",
        }
    }

    /// The `runtime::NationalCloud` variant.
    pub const fn variant(self) -> &'static str {
        match self {
            NationalCloud::Global => "Global",
            NationalCloud::UsGovL4 => "UsGovL4",
            NationalCloud::UsGovL5Dod => "UsGovL5Dod",
            NationalCloud::China21Vianet => "China21Vianet",
        }
    }
}

/// Whether `name` can name something: a documented name holds at least one letter or digit
/// (a table's `:---` separator read as a row holds none).
pub fn is_nameable(name: &str) -> bool {
    name.chars().any(char::is_alphanumeric)
}

/// A documented type reference: a Type cell such as `String`, `certificateRevocationStatus` or
/// `String collection`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeRef<'a> {
    /// The element type's documented name.
    pub name: &'a str,
    /// Whether the cell says `… collection`.
    pub collection: bool,
}

impl<'a> TypeRef<'a> {
    /// Reads a Type cell as the documentation writes it.
    pub fn parse(text: &'a str) -> Self {
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

    /// The primitive the element type is, if it is one.
    pub fn primitive(self) -> Option<Primitive> {
        Primitive::from_documented(self.name)
    }
}

/// A documented type's name as the spec writes it: plain for a type of `api.yaml`'s namespace
/// (`alert`), qualified for a type of any other (`microsoft.graph.security.alert`), so that the
/// two are different names wherever a type is named or referenced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeName<'a> {
    /// The namespace of a qualified name (`microsoft.graph.security`); `None` for `api.yaml`'s.
    pub namespace: Option<&'a str>,
    /// The name within its namespace (`alert`).
    pub name: &'a str,
}

impl<'a> TypeName<'a> {
    /// Splits a documented name at its last `.`, as OData qualifies names.
    pub fn parse(documented: &'a str) -> Self {
        match documented.rsplit_once('.') {
            Some((namespace, name)) => TypeName {
                namespace: Some(namespace),
                name,
            },
            None => TypeName {
                namespace: None,
                name: documented,
            },
        }
    }

    /// The qualified name, `@odata.type` without its `#`, given `api.yaml`'s namespace.
    pub fn qualified(self, api_namespace: &str) -> String {
        format!("{}.{}", self.namespace.unwrap_or(api_namespace), self.name)
    }

    /// The documented name an `@odata.type` value names, `qualified`'s inverse:
    /// `#microsoft.graph.alert` → `alert`, `#microsoft.graph.security.alert` →
    /// `microsoft.graph.security.alert`.
    pub fn from_odata_type(odata_type: &'a str, api_namespace: &str) -> &'a str {
        let qualified = odata_type.trim_start_matches('#');
        qualified
            .strip_prefix(api_namespace)
            .and_then(|rest| rest.strip_prefix('.'))
            .filter(|name| !name.contains('.'))
            .unwrap_or(qualified)
    }
}

/// Whether a query parameter's name (`$top`, `top`, `$orderBy`) is one of OData's system query
/// options, which every reading request sends through `QueryOptions` rather than as a
/// parameter of its own.
pub fn is_system_query_option(name: &str) -> bool {
    const OPTIONS: [&str; 9] = [
        "select", "expand", "filter", "orderby", "top", "skip", "count", "search", "format",
    ];
    let option = name.strip_prefix('$').unwrap_or(name);
    OPTIONS
        .iter()
        .any(|known| known.eq_ignore_ascii_case(option))
}

/// Whether `text` is a permission name as Permissions tables write them
/// (`DeviceManagementApps.Read.All`, `offline_access`): letters, digits, `.`, `_` and `-`.
/// A placeholder (`**TODO: Determine scopes **`) or a table's stray `|` is not one.
pub fn is_permission_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_odata_type_names_the_documented_type_plain_or_qualified() {
        let api = "microsoft.graph";
        for (odata, documented) in [
            ("#microsoft.graph.alert", "alert"),
            ("microsoft.graph.alert", "alert"),
            (
                "#microsoft.graph.security.alert",
                "microsoft.graph.security.alert",
            ),
            ("#microsoft.graphical.x", "microsoft.graphical.x"),
        ] {
            assert_eq!(TypeName::from_odata_type(odata, api), documented, "{odata}");
            let name = TypeName::parse(documented);
            assert_eq!(
                name.qualified(api),
                odata.trim_start_matches('#'),
                "{documented}"
            );
        }
    }

    #[test]
    fn system_query_options_are_told_from_parameters_with_or_without_their_dollar() {
        for option in ["$top", "top", "$orderBy", "$SELECT", "count"] {
            assert!(is_system_query_option(option), "{option}");
        }
        for parameter in ["$deltatoken", "$skiptoken", "startDateTime", "topic", "$"] {
            assert!(!is_system_query_option(parameter), "{parameter}");
        }
    }

    #[test]
    fn reads_collections_and_plain_references() {
        assert_eq!(
            TypeRef::parse("String collection"),
            TypeRef {
                name: "String",
                collection: true
            }
        );
        assert_eq!(
            TypeRef::parse(" certificateRevocationStatus "),
            TypeRef {
                name: "certificateRevocationStatus",
                collection: false
            }
        );
        assert_eq!(
            TypeRef::parse("Int16 collection").primitive(),
            Some(Primitive::Int16)
        );
    }

    #[test]
    fn statuses_read_from_codes_only_when_documented() {
        assert_eq!(SuccessStatus::try_from(204), Ok(SuccessStatus::NoContent));
        assert_eq!(SuccessStatus::try_from(302), Ok(SuccessStatus::Found));
        let error = SuccessStatus::try_from(303).unwrap_err();
        assert!(
            error.contains("303") && error.contains("200, 201, 202, 204, 206, 302"),
            "{error}"
        );
    }

    #[test]
    fn media_types_name_their_content() {
        assert_eq!(
            BodyContent::of_media_type("text/plain; charset=utf-8"),
            BodyContent::Text
        );
        assert_eq!(
            BodyContent::of_media_type("application/json;odata.metadata=minimal"),
            BodyContent::Json
        );
        assert_eq!(BodyContent::of_media_type("text/csv"), BodyContent::Binary);
        assert_eq!(
            BodyContent::of_media_type("application/octet-stream"),
            BodyContent::Binary
        );
    }

    #[test]
    fn cloud_ids_are_the_serde_names() {
        for cloud in NationalCloud::ALL {
            let json = serde_json::to_string(&cloud).unwrap();
            assert_eq!(json, format!("\"{}\"", cloud.id()));
        }
    }
}
