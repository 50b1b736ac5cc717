//! The spec format: serde structs for the YAML files under `spec/`, one per documentation page,
//! read by the loader and written by the importer and `synth` through [`to_yaml`].
//!
//! Every struct denies unknown fields, so a typo is an error with a line and column rather than a
//! silent default. Names and type references keep their YAML position ([`Spanned`]) so later
//! stages can point at them. Field order is the key order written; a field holding its default
//! (`false`, an empty list, `None`, [`Placement::Body`], empty [`Overrides`]) is not written.
//! `spec/README.md` documents the format for maintainers.

use serde::{Deserialize, Serialize, Serializer};
use serde_saphyr::{FlowSeq, LitStr, Location, Spanned};

use crate::vocabulary::{BodyContent, HttpMethod, NationalCloud, SuccessStatus};

/// One spec file: exactly one top-level key says which kind of page it renders.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SpecFile {
    /// `api.yaml`: facts that hold for the whole API version.
    Api(Box<Api>),
    /// A resource page documenting an entity type (one with a key).
    Entity(Box<Entity>),
    /// A resource page documenting a complex type (no key, no identity of its own).
    ComplexType(Box<Entity>),
    /// An enum page.
    Enum(Box<Enumeration>),
    /// An API page documenting one operation.
    Endpoint(Box<Endpoint>),
    /// Types the pages reference but whose own pages are not in the spec (the importer keeps
    /// this list): generated code holds their values as raw JSON.
    OpaqueTypes(Vec<Spanned<String>>),
}

/// The API version this spec describes, and the crate generated for it.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// OData namespace of the documented types, e.g. `microsoft.graph`.
    pub namespace: Spanned<String>,
    /// API version, the first path segment after the host, e.g. `beta`.
    pub version: Spanned<String>,
    /// Notes every page of this version carries (the beta stability warning).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Settings of the generated crate; not documentation.
    #[serde(rename = "crate")]
    pub krate: CrateSettings,
}

/// Package metadata of the generated crate.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CrateSettings {
    /// Cargo package name.
    pub name: Spanned<String>,
    /// Cargo package version, `MAJOR.MINOR.PATCH` as semver writes it.
    pub version: Spanned<String>,
    /// One-line package description.
    pub description: String,
    /// Where the `msgraph-runtime` crate's folder is, relative to the generated crate's folder,
    /// when the two are built together (a workspace holding both, as this repository): the
    /// generated manifest then names it as a path dependency besides its version. Absent, the
    /// runtime comes from the registry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_path: Option<String>,
}

/// A highlighted note of a documentation page (`> **Important:** …`, `> **Note:** …`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Which kind of call-out the page uses.
    pub kind: NoteKind,
    /// The note's markdown text, links kept.
    pub text: String,
}

/// The call-out kinds the documentation uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// `> **Important:**`, `> [!IMPORTANT]`
    Important,
    /// `> **Note:**`, `> [!NOTE]`
    Note,
    /// `> [!TIP]`
    Tip,
    /// `> [!CAUTION]`
    Caution,
    /// `> [!WARNING]`
    Warning,
}

impl NoteKind {
    /// The label the documentation prints before the note's text.
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Important => "Important",
            NoteKind::Note => "Note",
            NoteKind::Tip => "Tip",
            NoteKind::Caution => "Caution",
            NoteKind::Warning => "Warning",
        }
    }
}

/// Provenance and notes common to every page.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// The documentation page this file renders, relative to the documentation root
    /// (e.g. `beta/resources/intune-deviceconfig-managedalldevicecertificatestate.md`).
    pub source: Spanned<String>,
    /// The page's call-outs, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// The item has no page of its own in the import: it was derived from the API page
    /// `source` (its request-body table, its "Possible values are" list). Importing the item's
    /// own page replaces it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub derived: bool,
}

/// A resource page of `doc_type: resourcePageType`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Documented type name, e.g. `managedAllDeviceCertificateState`.
    pub name: Spanned<String>,
    /// The page's description paragraph.
    pub description: String,
    /// Where the page is and what it notes.
    pub page: Page,
    /// The key property (`keyProperty` of the JSON representation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<Spanned<String>>,
    /// The type this one inherits from ("Inherits from \[x\]"), by documented name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_type: Option<Spanned<String>>,
    /// The Properties table, in page order; derived types repeat inherited rows, as pages do.
    pub properties: Vec<Property>,
    /// The Relationships table, in page order; absent when the page says "None".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<Property>,
    /// Decisions the documentation cannot express; kept across re-imports.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
}

/// Hand edits the documentation cannot express. The importer never writes these and keeps them
/// when it re-imports a page.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// The Rust name of the generated type, instead of the one derived from the documented name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<Spanned<String>>,
    /// Rust names of members (enums) or properties (types), by documented name: for names that
    /// would collide once converted (`remoteControlSoftware` and `remote_Control_Software`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub names: std::collections::BTreeMap<String, String>,
}

/// One row of a Properties table.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Property {
    /// Documented JSON name.
    pub name: Spanned<String>,
    /// Documented type: a primitive (`String`, `Int32`, `DateTimeOffset`, …), a documented type
    /// name (`certificateRevocationStatus`), or either followed by ` collection`.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// Description cell, markdown kept.
    pub description: String,
    /// Whether the create request-body table lists the property.
    #[serde(default, skip_serializing_if = "is_false")]
    pub create: bool,
}

/// An enum page of `doc_type: enumPageType`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Enumeration {
    /// Documented type name, e.g. `certificateRevocationStatus`.
    pub name: Spanned<String>,
    /// The page's description paragraph.
    pub description: String,
    /// Where the page is and what it notes.
    pub page: Page,
    /// The Members table, in page order.
    pub members: Vec<Member>,
    /// Whether values combine, comma-joined in JSON (`"a,b"`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub flags: bool,
    /// Decisions the documentation cannot express; kept across re-imports.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
}

/// One row of a Members table.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member name, which is also its JSON value.
    pub name: Spanned<String>,
    /// The documented integer value.
    pub value: i64,
    /// Description cell; empty when the page leaves it blank.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// An API page of `doc_type: apiPageType`: one operation.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    /// The page title, e.g. `Update managedAllDeviceCertificateState`.
    pub name: Spanned<String>,
    /// The page's summary paragraph.
    pub summary: String,
    /// Where the page is and what it notes.
    pub page: Page,
    /// HTTP method, upper case.
    pub method: Spanned<HttpMethod>,
    /// Path template relative to the version root, e.g. `/deviceManagement/things/{thingId}`:
    /// the first request line of the HTTP request section.
    pub path: Spanned<String>,
    /// The section's other request lines, kept for the docs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_paths: Vec<String>,
    /// Whether the page says the method supports the OData query parameters.
    #[serde(default, skip_serializing_if = "is_false")]
    pub odata_query_parameters: bool,
    /// The Query parameters table's own parameters (not OData's system options): a calendar
    /// view's `startDateTime`, a delta function's `$deltatoken`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub query_parameters: Vec<QueryParameter>,
    /// The `{placeholders}` of `path`, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path_parameters: Vec<PathParameter>,
    /// The Request headers table.
    pub headers: Vec<Header>,
    /// The Permissions table.
    pub permissions: Permissions,
    /// National clouds the page says the operation is available in; absent when the page does
    /// not say (the client then sends it anywhere and lets the service decide).
    #[serde(
        default,
        serialize_with = "flow_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub national_clouds: Option<Vec<Spanned<NationalCloud>>>,
    /// The Request body section; absent when the page says "Do not supply a request body".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    /// The Response section.
    pub response: Response,
    /// The documented examples, kept as data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// Decisions the documentation cannot express; kept across re-imports.
    #[serde(default, skip_serializing_if = "Overrides::is_empty")]
    pub overrides: Overrides,
}

/// A `{placeholder}` of a path template.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PathParameter {
    /// The placeholder's name, without braces.
    pub name: Spanned<String>,
    /// What the page says about it, if anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One row of a Query parameters table: a parameter sent as `name=value` in the query string.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QueryParameter {
    /// The parameter's name in the URL, e.g. `startDateTime` or `$deltatoken`.
    pub name: Spanned<String>,
    /// Documented type: a Graph primitive, as in a Properties table.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// Description cell.
    pub description: String,
    /// Whether the page says the parameter is required.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
}

/// One row of a Request headers table.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Header name.
    pub name: String,
    /// Documented value, e.g. `Bearer <token>` or `application/json`.
    pub value: String,
    /// Whether the page says the header is required.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
}

/// The Permissions table: scopes from least to most privileged; an empty list renders the
/// page's "Not supported."
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    /// Delegated (work or school account).
    #[serde(serialize_with = "flow")]
    pub delegated_work_or_school: Vec<String>,
    /// Delegated (personal Microsoft account).
    #[serde(serialize_with = "flow")]
    pub delegated_personal_account: Vec<String>,
    /// Application.
    #[serde(serialize_with = "flow")]
    pub application: Vec<String>,
}

/// The Request body section.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RequestBody {
    /// The documented type whose JSON representation the body carries; absent for actions and
    /// functions, which document `parameters` instead.
    #[serde(rename = "type")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ty: Option<Spanned<String>>,
    /// The section's prose.
    pub description: String,
    /// The parameters table of an action or function, in page order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// What the body carries: JSON (default), or bytes or text the caller gives with their
    /// content type (a file's content, a MIME message), without `type` or `parameters`.
    #[serde(default, skip_serializing_if = "BodyContent::is_json")]
    pub content: BodyContent,
    /// Where the parameters go: the JSON body (actions) or the request URL (functions).
    #[serde(default, skip_serializing_if = "Placement::is_body")]
    pub placement: Placement,
}

/// One row of an action's or function's parameters table.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Documented name.
    pub name: Spanned<String>,
    /// Documented type, as in a Properties table.
    #[serde(rename = "type")]
    pub ty: Spanned<String>,
    /// Description cell.
    pub description: String,
}

/// Where an operation's parameters go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// In the JSON request body ("supply JSON representation of the parameters").
    #[default]
    Body,
    /// In the request URL, `name(param='value')` ("provide the following query parameters").
    Url,
}

/// The Response section.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Success status code, e.g. `200`.
    pub status: Spanned<SuccessStatus>,
    /// The documented type of the response body; absent for an empty body.
    #[serde(rename = "type")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ty: Option<Spanned<String>>,
    /// Whether the body is a collection of `type` (`{"value": [...]}`, paged).
    #[serde(default, skip_serializing_if = "is_false")]
    pub collection: bool,
    /// What the body carries: JSON of `type` (default), bytes, or text.
    #[serde(default, skip_serializing_if = "BodyContent::is_json")]
    pub content: BodyContent,
    /// Whether the success's news is its `Location` header (a created resource, a
    /// long-running operation's monitor), the page describing no body.
    #[serde(default, skip_serializing_if = "is_false")]
    pub location: bool,
    /// The section's prose.
    pub description: String,
}

/// A documented example: one request and its response, verbatim.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The example's request.
    pub request: ExampleRequest,
    /// The example's response.
    pub response: ExampleResponse,
}

/// The request of an example.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleRequest {
    /// The prose before the block.
    pub description: String,
    /// The request line's method.
    pub method: String,
    /// The request line's URL, placeholders kept.
    pub url: String,
    /// Header lines, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<ExampleHeader>,
    /// The body, verbatim: JSON, or the content its `Content-Type` header declares.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "literal_block"
    )]
    pub body: Option<Spanned<String>>,
}

/// The response of an example.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponse {
    /// The prose before the block.
    pub description: String,
    /// The status line's code.
    pub status: u16,
    /// Header lines, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<ExampleHeader>,
    /// The body, verbatim: JSON, or the content its `Content-Type` header declares.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "literal_block"
    )]
    pub body: Option<Spanned<String>>,
}

/// A header line of an example.
#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleHeader {
    /// Header name as written.
    pub name: String,
    /// Header value as written.
    pub value: String,
}

impl ExampleHeader {
    /// What a message with `headers` declares its body to carry, by its `Content-Type`; `None`
    /// when it names none.
    pub fn content(headers: &[ExampleHeader]) -> Option<BodyContent> {
        Self::content_type(headers).map(BodyContent::of_media_type)
    }

    /// The value of the `Content-Type` among `headers`, if any.
    pub fn content_type(headers: &[ExampleHeader]) -> Option<&str> {
        headers
            .iter()
            .find(|header| header.name.eq_ignore_ascii_case("Content-Type"))
            .map(|header| header.value.as_str())
    }
}

impl Overrides {
    /// Whether there are no hand edits (then `overrides` is not written).
    pub fn is_empty(&self) -> bool {
        self.rust_name.is_none() && self.names.is_empty()
    }
}

impl Placement {
    /// Whether this is the default placement (then `placement` is not written).
    pub fn is_body(&self) -> bool {
        *self == Placement::Body
    }
}

/// A value built in memory rather than read from a file: it has no position.
pub fn unlocated<T>(value: T) -> Spanned<T> {
    Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN)
}

/// A spec file's YAML text, in the format `spec/README.md` documents: 2-space indentation,
/// sequences indented below their key, scalars quoted only where YAML needs it, the
/// permission and cloud lists on one line, example bodies as `|` blocks. Fails only if the
/// serializer refuses a value.
pub fn to_yaml(file: &SpecFile) -> Result<String, String> {
    let options = serde_saphyr::ser_options! {
        indent_step: 2,
        compact_list_indent: false,
        // Long descriptions stay on one line; multi-line text other than bodies is quoted.
        prefer_block_scalars: false,
    };
    serde_saphyr::to_string_with_options(file, options).map_err(|error| error.to_string())
}

// Skipped-default and style helpers named by the `serde` attributes above.

#[allow(clippy::trivially_copy_pass_by_ref)] // `skip_serializing_if` passes a reference.
fn is_false(value: &bool) -> bool {
    !*value
}

fn flow<S: Serializer, T: Serialize>(items: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
    FlowSeq(items).serialize(serializer)
}

fn flow_option<S: Serializer, T: Serialize>(
    items: &Option<Vec<T>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match items {
        Some(items) => flow(items, serializer),
        None => serializer.serialize_none(),
    }
}

fn literal_block<S: Serializer>(
    body: &Option<Spanned<String>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match body {
        Some(body) => LitStr(&body.value).serialize(serializer),
        None => serializer.serialize_none(),
    }
}
