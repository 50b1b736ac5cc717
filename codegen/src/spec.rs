//! The spec format: serde structs for the YAML files under `spec/`, one per documentation page.
//!
//! Every struct denies unknown fields, so a typo is an error with a line and column rather than a
//! silent default. Names and type references keep their YAML position ([`Spanned`]) so later
//! stages can point at them. `spec/README.md` documents the format for maintainers.

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::vocabulary::{HttpMethod, NationalCloud, SuccessStatus};

/// One spec file: exactly one top-level key says which kind of page it renders.
#[derive(Debug, Deserialize)]
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
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    /// OData namespace of the documented types, e.g. `microsoft.graph`.
    pub namespace: Spanned<String>,
    /// API version, the first path segment after the host, e.g. `beta`.
    pub version: Spanned<String>,
    /// Notes every page of this version carries (the beta stability warning).
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Settings of the generated crate; not documentation.
    #[serde(rename = "crate")]
    pub krate: CrateSettings,
}

/// Package metadata of the generated crate.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrateSettings {
    /// Cargo package name.
    pub name: Spanned<String>,
    /// Cargo package version.
    pub version: String,
    /// One-line package description.
    pub description: String,
}

/// A highlighted note of a documentation page (`> **Important:** …`, `> **Note:** …`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// Which kind of call-out the page uses.
    pub kind: NoteKind,
    /// The note's markdown text, links kept.
    pub text: String,
}

/// The call-out kinds the documentation uses.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// `> **Important:**`
    Important,
    /// `> **Note:**`
    Note,
}

/// Provenance and notes common to every page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// The documentation page this file renders, relative to the documentation root
    /// (e.g. `beta/resources/intune-deviceconfig-managedalldevicecertificatestate.md`).
    pub source: Spanned<String>,
    /// The page's call-outs, in page order.
    #[serde(default)]
    pub notes: Vec<Note>,
}

/// A resource page of `doc_type: resourcePageType`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Documented type name, e.g. `managedAllDeviceCertificateState`.
    pub name: Spanned<String>,
    /// The page's description paragraph.
    pub description: String,
    /// Where the page is and what it notes.
    pub page: Page,
    /// The key property (`keyProperty` of the JSON representation).
    pub key: Option<Spanned<String>>,
    /// The type this one inherits from ("Inherits from \[x\]"), by documented name.
    pub base_type: Option<Spanned<String>>,
    /// The Properties table, in page order; derived types repeat inherited rows, as pages do.
    pub properties: Vec<Property>,
    /// The Relationships table, in page order; absent when the page says "None".
    #[serde(default)]
    pub relationships: Vec<Property>,
    /// Decisions the documentation cannot express; kept across re-imports.
    #[serde(default)]
    pub overrides: Overrides,
}

/// Hand edits the documentation cannot express. The importer never writes these and keeps them
/// when it re-imports a page.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// The Rust name of the generated type, instead of the one derived from the documented name.
    pub rust_name: Option<Spanned<String>>,
    /// Rust names of members (enums) or properties (types), by documented name: for names that
    /// would collide once converted (`remoteControlSoftware` and `remote_Control_Software`).
    #[serde(default)]
    pub names: std::collections::BTreeMap<String, String>,
}

/// One row of a Properties table.
#[derive(Debug, Deserialize)]
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
    #[serde(default)]
    pub create: bool,
}

/// An enum page of `doc_type: enumPageType`.
#[derive(Debug, Deserialize)]
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
    #[serde(default)]
    pub flags: bool,
    /// Decisions the documentation cannot express; kept across re-imports.
    #[serde(default)]
    pub overrides: Overrides,
}

/// One row of a Members table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member name, which is also its JSON value.
    pub name: Spanned<String>,
    /// The documented integer value.
    pub value: i64,
    /// Description cell; empty when the page leaves it blank.
    #[serde(default)]
    pub description: String,
}

/// An API page of `doc_type: apiPageType`: one operation.
#[derive(Debug, Deserialize)]
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
    #[serde(default)]
    pub additional_paths: Vec<String>,
    /// Whether the page says the method supports the OData query parameters.
    #[serde(default)]
    pub odata_query_parameters: bool,
    /// The `{placeholders}` of `path`, in order.
    #[serde(default)]
    pub path_parameters: Vec<PathParameter>,
    /// The Request headers table.
    pub headers: Vec<Header>,
    /// The Permissions table.
    pub permissions: Permissions,
    /// National clouds the operation is available in.
    pub national_clouds: Vec<Spanned<NationalCloud>>,
    /// The Request body section; absent when the page says "Do not supply a request body".
    pub request_body: Option<RequestBody>,
    /// The Response section.
    pub response: Response,
    /// The documented examples, kept as data.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Decisions the documentation cannot express; kept across re-imports.
    #[serde(default)]
    pub overrides: Overrides,
}

/// A `{placeholder}` of a path template.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathParameter {
    /// The placeholder's name, without braces.
    pub name: Spanned<String>,
    /// What the page says about it, if anything.
    pub description: Option<String>,
}

/// One row of a Request headers table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Header name.
    pub name: String,
    /// Documented value, e.g. `Bearer <token>` or `application/json`.
    pub value: String,
    /// Whether the page says the header is required.
    #[serde(default)]
    pub required: bool,
}

/// The Permissions table: scopes from least to most privileged; an empty list renders the
/// page's "Not supported."
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work_or_school: Vec<String>,
    /// Delegated (personal Microsoft account).
    pub delegated_personal_account: Vec<String>,
    /// Application.
    pub application: Vec<String>,
}

/// The Request body section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestBody {
    /// The documented type whose JSON representation the body carries; absent for actions and
    /// functions, which document `parameters` instead.
    #[serde(rename = "type")]
    pub ty: Option<Spanned<String>>,
    /// The section's prose.
    pub description: String,
    /// The parameters table of an action or function, in page order.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// Where the parameters go: the JSON body (actions) or the request URL (functions).
    #[serde(default)]
    pub placement: Placement,
}

/// One row of an action's or function's parameters table.
#[derive(Debug, Deserialize)]
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Placement {
    /// In the JSON request body ("supply JSON representation of the parameters").
    #[default]
    Body,
    /// In the request URL, `name(param='value')` ("provide the following query parameters").
    Url,
}

/// The Response section.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Success status code, e.g. `200`.
    pub status: Spanned<SuccessStatus>,
    /// The documented type of the response body; absent for an empty body.
    #[serde(rename = "type")]
    pub ty: Option<Spanned<String>>,
    /// Whether the body is a collection of `type` (`{"value": [...]}`, paged).
    #[serde(default)]
    pub collection: bool,
    /// The section's prose.
    pub description: String,
}

/// A documented example: one request and its response, verbatim.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The example's request.
    pub request: ExampleRequest,
    /// The example's response.
    pub response: ExampleResponse,
}

/// The request of an example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleRequest {
    /// The prose before the block.
    pub description: String,
    /// The request line's method.
    pub method: String,
    /// The request line's URL, placeholders kept.
    pub url: String,
    /// Header lines, in order.
    #[serde(default)]
    pub headers: Vec<ExampleHeader>,
    /// The JSON body, verbatim.
    pub body: Option<Spanned<String>>,
}

/// The response of an example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponse {
    /// The prose before the block.
    pub description: String,
    /// The status line's code.
    pub status: u16,
    /// Header lines, in order.
    #[serde(default)]
    pub headers: Vec<ExampleHeader>,
    /// The JSON body, verbatim.
    pub body: Option<Spanned<String>>,
}

/// A header line of an example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleHeader {
    /// Header name as written.
    pub name: String,
    /// Header value as written.
    pub value: String,
}
