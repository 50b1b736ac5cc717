//! What the importer reads out of a page, in the shape of the spec format, and its YAML form.
//!
//! Key order and defaults follow `spec/README.md`: keys whose value is the default (`false`,
//! empty lists) are not written.

use super::yaml::{MapBuilder, Node};

/// A call-out kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// `> **Important:**`
    Important,
    /// `> **Note:**`
    Note,
}

/// A page call-out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its kind.
    pub kind: NoteKind,
    /// Its markdown text.
    pub text: String,
}

/// Where a page comes from and its call-outs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The page's path below the documentation root, e.g. `beta/api/x.md`.
    pub source: String,
    /// Call-outs not already carried by `api.yaml`.
    pub notes: Vec<Note>,
}

/// A Properties or Relationships row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// JSON name.
    pub name: String,
    /// Type cell, links stripped.
    pub ty: String,
    /// Description cell.
    pub description: String,
    /// Listed in the create/update request-body table.
    pub create: bool,
}

/// A resource page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    /// Documented type name.
    pub name: String,
    /// Description paragraph.
    pub description: String,
    /// Provenance.
    pub page: PageInfo,
    /// `keyProperty`: makes it an entity.
    pub key: Option<String>,
    /// "Inherits from".
    pub base_type: Option<String>,
    /// Properties table.
    pub properties: Vec<Property>,
    /// Relationships table.
    pub relationships: Vec<Property>,
}

/// An enum member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// JSON value.
    pub name: String,
    /// Documented integer.
    pub value: i64,
    /// Description cell; may be empty.
    pub description: String,
}

/// An enum page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enumeration {
    /// Documented type name.
    pub name: String,
    /// Description paragraph.
    pub description: String,
    /// Provenance.
    pub page: PageInfo,
    /// Members table.
    pub members: Vec<Member>,
    /// Whether members combine (never stated by pages; kept from an existing file).
    pub flags: bool,
}

/// A Request headers row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Header name.
    pub name: String,
    /// Documented value.
    pub value: String,
    /// Whether the page says "Required".
    pub required: bool,
}

/// The Permissions table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Permissions {
    /// Delegated (work or school account).
    pub delegated_work_or_school: Vec<String>,
    /// Delegated (personal Microsoft account).
    pub delegated_personal_account: Vec<String>,
    /// Application.
    pub application: Vec<String>,
}

/// An action's or function's parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// Name.
    pub name: String,
    /// Type, links stripped.
    pub ty: String,
    /// Description.
    pub description: String,
}

/// The Request body section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestBody {
    /// The documented type the body carries (create/update).
    pub ty: Option<String>,
    /// The section's first paragraph.
    pub description: String,
    /// Parameters of an action or function.
    pub parameters: Vec<Parameter>,
    /// Parameters go in the URL (functions).
    pub in_url: bool,
}

/// The Response section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Success status.
    pub status: u16,
    /// Body type.
    pub ty: Option<String>,
    /// "a collection of".
    pub collection: bool,
    /// The section's first paragraph.
    pub description: String,
}

/// A header line of an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleHeader {
    /// Name as written.
    pub name: String,
    /// Value as written.
    pub value: String,
}

/// An example request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleRequest {
    /// Prose before the block.
    pub description: String,
    /// Method.
    pub method: String,
    /// URL.
    pub url: String,
    /// Header lines.
    pub headers: Vec<ExampleHeader>,
    /// JSON body, verbatim, ending with a newline.
    pub body: Option<String>,
}

/// An example response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleResponse {
    /// Prose before the block.
    pub description: String,
    /// Status code.
    pub status: u16,
    /// Header lines.
    pub headers: Vec<ExampleHeader>,
    /// JSON body, verbatim, ending with a newline.
    pub body: Option<String>,
}

/// A documented example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// Its request.
    pub request: ExampleRequest,
    /// Its response.
    pub response: ExampleResponse,
}

/// An API page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Page title.
    pub name: String,
    /// Summary paragraph.
    pub summary: String,
    /// Provenance.
    pub page: PageInfo,
    /// HTTP method.
    pub method: String,
    /// First request line's path.
    pub path: String,
    /// Other request lines' paths.
    pub additional_paths: Vec<String>,
    /// "This method supports the OData Query Parameters".
    pub odata_query_parameters: bool,
    /// Placeholders of `path`, in order.
    pub path_parameters: Vec<String>,
    /// Request headers table.
    pub headers: Vec<Header>,
    /// Permissions table.
    pub permissions: Permissions,
    /// National clouds; `None` until resolved when the page does not say.
    pub national_clouds: Option<Vec<String>>,
    /// Request body section.
    pub request_body: Option<RequestBody>,
    /// Response section.
    pub response: Response,
    /// Examples.
    pub examples: Vec<Example>,
}

/// A page's content, by kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A resource page.
    Resource(Resource),
    /// An enum page.
    Enum(Enumeration),
    /// An API page.
    Endpoint(Box<Endpoint>),
}

fn s(text: &str) -> Node {
    Node::Str(text.to_owned())
}

fn page(info: &PageInfo) -> Node {
    let notes = info
        .notes
        .iter()
        .map(|note| {
            MapBuilder::new()
                .with(
                    "kind",
                    s(match note.kind {
                        NoteKind::Important => "important",
                        NoteKind::Note => "note",
                    }),
                )
                .with("text", s(&note.text))
                .build()
        })
        .collect::<Vec<_>>();
    MapBuilder::new()
        .with("source", s(&info.source))
        .with_opt("notes", (!notes.is_empty()).then_some(Node::Seq(notes)))
        .build()
}

fn properties(rows: &[Property]) -> Node {
    Node::Seq(
        rows.iter()
            .map(|row| {
                MapBuilder::new()
                    .with("name", s(&row.name))
                    .with("type", s(&row.ty))
                    .with("description", s(&row.description))
                    .with_opt("create", row.create.then_some(Node::Bool(true)))
                    .build()
            })
            .collect(),
    )
}

fn example_headers(headers: &[ExampleHeader]) -> Option<Node> {
    (!headers.is_empty()).then(|| {
        Node::Seq(
            headers
                .iter()
                .map(|h| {
                    MapBuilder::new()
                        .with("name", s(&h.name))
                        .with("value", s(&h.value))
                        .build()
                })
                .collect(),
        )
    })
}

impl Item {
    /// The item's documented name (type name or page title).
    pub fn name(&self) -> &str {
        match self {
            Self::Resource(item) => &item.name,
            Self::Enum(item) => &item.name,
            Self::Endpoint(item) => &item.name,
        }
    }

    /// The YAML document: one top-level key holding the item.
    pub fn to_node(&self) -> Node {
        match self {
            Self::Resource(item) => {
                let body = MapBuilder::new()
                    .with("name", s(&item.name))
                    .with("description", s(&item.description))
                    .with("page", page(&item.page))
                    .with_opt("key", item.key.as_deref().map(s))
                    .with_opt("base_type", item.base_type.as_deref().map(s))
                    .with("properties", properties(&item.properties))
                    .with_opt(
                        "relationships",
                        (!item.relationships.is_empty()).then(|| properties(&item.relationships)),
                    )
                    .build();
                let kind = if item.key.is_some() {
                    "entity"
                } else {
                    "complex_type"
                };
                MapBuilder::new().with(kind, body).build()
            }
            Self::Enum(item) => {
                let members = item
                    .members
                    .iter()
                    .map(|member| {
                        MapBuilder::new()
                            .with("name", s(&member.name))
                            .with("value", Node::Int(member.value))
                            .with_opt(
                                "description",
                                (!member.description.is_empty()).then(|| s(&member.description)),
                            )
                            .build()
                    })
                    .collect();
                let body = MapBuilder::new()
                    .with("name", s(&item.name))
                    .with("description", s(&item.description))
                    .with("page", page(&item.page))
                    .with("members", Node::Seq(members))
                    .with_opt("flags", item.flags.then_some(Node::Bool(true)))
                    .build();
                MapBuilder::new().with("enum", body).build()
            }
            Self::Endpoint(item) => MapBuilder::new().with("endpoint", endpoint(item)).build(),
        }
    }
}

fn endpoint(item: &Endpoint) -> Node {
    let path_parameters = item
        .path_parameters
        .iter()
        .map(|name| MapBuilder::new().with("name", s(name)).build())
        .collect::<Vec<_>>();
    let headers = item
        .headers
        .iter()
        .map(|h| {
            MapBuilder::new()
                .with("name", s(&h.name))
                .with("value", s(&h.value))
                .with_opt("required", h.required.then_some(Node::Bool(true)))
                .build()
        })
        .collect();
    let permissions = MapBuilder::new()
        .with(
            "delegated_work_or_school",
            Node::Flow(item.permissions.delegated_work_or_school.clone()),
        )
        .with(
            "delegated_personal_account",
            Node::Flow(item.permissions.delegated_personal_account.clone()),
        )
        .with(
            "application",
            Node::Flow(item.permissions.application.clone()),
        )
        .build();
    let request_body = item.request_body.as_ref().map(|body| {
        let parameters = body
            .parameters
            .iter()
            .map(|p| {
                MapBuilder::new()
                    .with("name", s(&p.name))
                    .with("type", s(&p.ty))
                    .with("description", s(&p.description))
                    .build()
            })
            .collect::<Vec<_>>();
        MapBuilder::new()
            .with_opt("type", body.ty.as_deref().map(s))
            .with("description", s(&body.description))
            .with_opt(
                "parameters",
                (!parameters.is_empty()).then_some(Node::Seq(parameters)),
            )
            .with_opt("placement", body.in_url.then(|| s("url")))
            .build()
    });
    let response = MapBuilder::new()
        .with("status", Node::Int(i64::from(item.response.status)))
        .with_opt("type", item.response.ty.as_deref().map(s))
        .with_opt(
            "collection",
            item.response.collection.then_some(Node::Bool(true)),
        )
        .with("description", s(&item.response.description))
        .build();
    let examples = item
        .examples
        .iter()
        .map(|example| {
            let request = &example.request;
            let response = &example.response;
            MapBuilder::new()
                .with(
                    "request",
                    MapBuilder::new()
                        .with("description", s(&request.description))
                        .with("method", s(&request.method))
                        .with("url", s(&request.url))
                        .with_opt("headers", example_headers(&request.headers))
                        .with_opt("body", request.body.clone().map(Node::Literal))
                        .build(),
                )
                .with(
                    "response",
                    MapBuilder::new()
                        .with("description", s(&response.description))
                        .with("status", Node::Int(i64::from(response.status)))
                        .with_opt("headers", example_headers(&response.headers))
                        .with_opt("body", response.body.clone().map(Node::Literal))
                        .build(),
                )
                .build()
        })
        .collect::<Vec<_>>();
    MapBuilder::new()
        .with("name", s(&item.name))
        .with("summary", s(&item.summary))
        .with("page", page(&item.page))
        .with("method", s(&item.method))
        .with("path", s(&item.path))
        .with_opt(
            "additional_paths",
            (!item.additional_paths.is_empty())
                .then(|| Node::Seq(item.additional_paths.iter().map(|p| s(p)).collect())),
        )
        .with_opt(
            "odata_query_parameters",
            item.odata_query_parameters.then_some(Node::Bool(true)),
        )
        .with_opt(
            "path_parameters",
            (!path_parameters.is_empty()).then_some(Node::Seq(path_parameters)),
        )
        .with("headers", Node::Seq(headers))
        .with("permissions", permissions)
        .with(
            "national_clouds",
            Node::Flow(item.national_clouds.clone().unwrap_or_default()),
        )
        .with_opt("request_body", request_body)
        .with("response", response)
        .with_opt(
            "examples",
            (!examples.is_empty()).then_some(Node::Seq(examples)),
        )
        .build()
}
