//! The spec writer (`spec::to_yaml`), which the importer and `synth` write every spec file
//! with: whatever it writes, the loader reads back as the same value, and it keeps the format's
//! conventions (defaults left out, one-line permission and cloud lists, bodies as `|` blocks).

use msgraph_codegen::spec::{
    Api, CrateSettings, Endpoint, Entity, Enumeration, Example, ExampleHeader, ExampleRequest,
    ExampleResponse, Header, Member, Note, NoteKind, Overrides, Page, Parameter, PathParameter,
    Permissions, Placement, Property, QueryParameter, RequestBody, Response, SpecFile, to_yaml,
    unlocated,
};
use msgraph_codegen::vocabulary::{BodyContent, HttpMethod, NationalCloud, SuccessStatus};
use proptest::prelude::*;
use serde_saphyr::Spanned;

/// Strings YAML gives a meaning of their own, and any other text.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            " ",
            "** Unknown Type `microsoft.management.x` **",
            "** Unknown Type `x` ** collection",
            "*alias",
            "&anchor",
            "!tag",
            "!!str",
            "%directive",
            "@at",
            "`tick`",
            ": colon",
            "key: value",
            "trailing:",
            "# comment",
            "a # b",
            "- dash",
            "-",
            "? question",
            "|",
            ">",
            "[flow]",
            "{map}",
            "a, b",
            "'single'",
            "\"double\"",
            "it's",
            "back\\slash",
            "line\nbreak",
            "\n",
            "trail\n\n",
            " lead",
            "trail ",
            "tab\there",
            "cr\rlf",
            "nbsp\u{a0}inside",
            "\u{85}\u{2028}\u{2029}\u{feff}",
            "\u{0}\u{7}\u{1b}",
            "~",
            "null",
            "Null",
            "true",
            "yes",
            "No",
            "on",
            "y",
            ".inf",
            "-.inf",
            ".nan",
            "0",
            "-1",
            "820",
            "0x1F",
            "0o17",
            "1e3",
            ".5",
            "1_000",
            "12:30:45",
            "2024-01-01",
            "0.1.0",
            "<<",
            "---",
            "...",
            "é",
            "emoji 🎉",
            "日本語",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
        "[ -~]{0,40}",
    ]
}

/// JSON-like bodies and text a `|` block cannot always hold.
fn body() -> impl Strategy<Value = Option<Spanned<String>>> {
    let shapes = prop_oneof![
        prop::sample::select(vec![
            "{\n  \"a\": 1\n}\n",
            "{\n  \"a\": 1\n}",
            "{}\n\n\n",
            "  indented first\nline\n",
            "\n\nleading blank lines\n",
            "last line spaces\n   \n",
            "   \n",
            "\n",
            "# not a comment\n- not a list\n",
            "tab\tinside\n\ttab first\n",
        ])
        .prop_map(str::to_owned),
        text(),
        prop::collection::vec(text(), 0..4).prop_map(|lines| lines.join("\n")),
    ];
    prop::option::of(shapes.prop_map(unlocated))
}

fn spanned() -> impl Strategy<Value = Spanned<String>> {
    text().prop_map(unlocated)
}

fn notes() -> impl Strategy<Value = Vec<Note>> {
    prop::collection::vec(
        (any::<bool>(), text()).prop_map(|(important, text)| Note {
            kind: if important {
                NoteKind::Important
            } else {
                NoteKind::Note
            },
            text,
        }),
        0..3,
    )
}

fn page() -> impl Strategy<Value = Page> {
    (spanned(), notes()).prop_map(|(source, notes)| Page {
        source,
        notes,
        derived: false,
    })
}

fn overrides() -> impl Strategy<Value = Overrides> {
    (
        prop::option::of(spanned()),
        prop::collection::btree_map(text(), text(), 0..3),
    )
        .prop_map(|(rust_name, names)| Overrides { rust_name, names })
}

fn property() -> impl Strategy<Value = Property> {
    (spanned(), spanned(), text(), any::<bool>()).prop_map(|(name, ty, description, create)| {
        Property {
            name,
            ty,
            description,
            create,
        }
    })
}

fn entity() -> impl Strategy<Value = Entity> {
    (
        (spanned(), text(), page()),
        (prop::option::of(spanned()), prop::option::of(spanned())),
        prop::collection::vec(property(), 0..4),
        prop::collection::vec(property(), 0..2),
        overrides(),
    )
        .prop_map(
            |(
                (name, description, page),
                (key, base_type),
                properties,
                relationships,
                overrides,
            )| {
                Entity {
                    name,
                    description,
                    page,
                    key,
                    base_type,
                    properties,
                    relationships,
                    overrides,
                }
            },
        )
}

fn enumeration() -> impl Strategy<Value = Enumeration> {
    let member = (spanned(), any::<i64>(), text()).prop_map(|(name, value, description)| Member {
        name,
        value,
        description,
    });
    (
        (spanned(), text(), page()),
        prop::collection::vec(member, 0..4),
        any::<bool>(),
        overrides(),
    )
        .prop_map(
            |((name, description, page), members, flags, overrides)| Enumeration {
                name,
                description,
                page,
                members,
                flags,
                overrides,
            },
        )
}

fn example_headers() -> impl Strategy<Value = Vec<ExampleHeader>> {
    prop::collection::vec(
        (text(), text()).prop_map(|(name, value)| ExampleHeader { name, value }),
        0..3,
    )
}

fn example() -> impl Strategy<Value = Example> {
    let request = (text(), text(), text(), example_headers(), body()).prop_map(
        |(description, method, url, headers, body)| ExampleRequest {
            description,
            method,
            url,
            headers,
            body,
        },
    );
    let response = (text(), any::<u16>(), example_headers(), body()).prop_map(
        |(description, status, headers, body)| ExampleResponse {
            description,
            status,
            headers,
            body,
        },
    );
    (request, response).prop_map(|(request, response)| Example { request, response })
}

fn request_body() -> impl Strategy<Value = RequestBody> {
    let parameter = (spanned(), spanned(), text()).prop_map(|(name, ty, description)| Parameter {
        name,
        ty,
        description,
    });
    (
        prop::option::of(spanned()),
        text(),
        prop::collection::vec(parameter, 0..3),
        any::<bool>(),
        content(),
    )
        .prop_map(|(ty, description, parameters, url, content)| RequestBody {
            ty,
            description,
            parameters,
            placement: if url { Placement::Url } else { Placement::Body },
            content,
        })
}

fn content() -> impl Strategy<Value = BodyContent> {
    prop::sample::select(vec![
        BodyContent::Json,
        BodyContent::Binary,
        BodyContent::Text,
    ])
}

fn endpoint() -> impl Strategy<Value = Endpoint> {
    let scopes = || prop::collection::vec(text(), 0..3);
    let permissions = (scopes(), scopes(), scopes()).prop_map(|(a, b, c)| Permissions {
        delegated_work_or_school: a,
        delegated_personal_account: b,
        application: c,
    });
    let header = (text(), text(), any::<bool>()).prop_map(|(name, value, required)| Header {
        name,
        value,
        required,
    });
    let query_parameter = (spanned(), spanned(), text(), any::<bool>()).prop_map(
        |(name, ty, description, required)| QueryParameter {
            name,
            ty,
            description,
            required,
        },
    );
    let path_parameter = (spanned(), prop::option::of(text()))
        .prop_map(|(name, description)| PathParameter { name, description });
    let response = (
        prop::sample::select(SuccessStatus::ALL.to_vec()),
        prop::option::of(spanned()),
        any::<bool>(),
        content(),
        any::<bool>(),
        text(),
    )
        .prop_map(
            |(status, ty, collection, content, location, description)| Response {
                status: unlocated(status),
                ty,
                collection,
                content,
                location,
                description,
            },
        );
    (
        (spanned(), text(), page()),
        (
            prop::sample::select(HttpMethod::ALL.to_vec()),
            spanned(),
            prop::collection::vec(text(), 0..2),
            any::<bool>(),
            prop::collection::vec(query_parameter, 0..2),
        ),
        (
            prop::collection::vec(path_parameter, 0..2),
            prop::collection::vec(header, 0..3),
            permissions,
            prop::sample::subsequence(NationalCloud::ALL.to_vec(), 0..=4),
        ),
        (
            prop::option::of(request_body()),
            response,
            prop::collection::vec(example(), 0..2),
            overrides(),
        ),
    )
        .prop_map(
            |(
                (name, summary, page),
                (method, path, additional_paths, odata_query_parameters, query_parameters),
                (path_parameters, headers, permissions, clouds),
                (request_body, response, examples, overrides),
            )| Endpoint {
                name,
                summary,
                page,
                method: unlocated(method),
                path,
                additional_paths,
                odata_query_parameters,
                query_parameters,
                path_parameters,
                headers,
                permissions,
                // No clouds stands for a page that does not state them.
                national_clouds: (!clouds.is_empty())
                    .then(|| clouds.into_iter().map(unlocated).collect()),
                request_body,
                response,
                examples,
                overrides,
            },
        )
}

fn api() -> impl Strategy<Value = Api> {
    (spanned(), spanned(), notes(), spanned(), spanned(), text()).prop_map(
        |(namespace, version, notes, name, crate_version, description)| Api {
            namespace,
            version,
            notes,
            krate: CrateSettings {
                name,
                version: crate_version,
                description,
                runtime_path: None,
            },
        },
    )
}

fn spec_file() -> impl Strategy<Value = SpecFile> {
    prop_oneof![
        api().prop_map(|api| SpecFile::Api(Box::new(api))),
        entity().prop_map(|entity| SpecFile::Entity(Box::new(entity))),
        entity().prop_map(|entity| SpecFile::ComplexType(Box::new(entity))),
        enumeration().prop_map(|enumeration| SpecFile::Enum(Box::new(enumeration))),
        endpoint().prop_map(|endpoint| SpecFile::Endpoint(Box::new(endpoint))),
        prop::collection::vec(spanned(), 0..4).prop_map(SpecFile::OpaqueTypes),
    ]
}

/// A spec value without its positions: what writing and reading back must keep.
fn value_of(file: &SpecFile) -> serde_json::Value {
    serde_json::to_value(file).expect("spec values are JSON values")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_spec_value_written_reads_back_equal(file in spec_file()) {
        let yaml = to_yaml(&file).expect("writes");
        let read: SpecFile = serde_saphyr::from_str(&yaml)
            .unwrap_or_else(|error| panic!("does not read back: {error}\n{yaml}"));
        prop_assert_eq!(value_of(&read), value_of(&file), "{}", yaml);
        prop_assert_eq!(to_yaml(&read).expect("writes"), yaml);
    }
}

#[test]
fn a_type_named_unknown_type_is_quoted_in_the_opaque_types_list() {
    // The documentation's Type cells say `** Unknown Type `…` **` for undocumented types; the
    // hand-made writer wrote that unquoted, which YAML reads as an alias.
    let name = "** Unknown Type `microsoft.management.services.models.operation` **";
    let file = SpecFile::OpaqueTypes(vec![unlocated(name.to_owned())]);
    let yaml = to_yaml(&file).expect("writes");
    let SpecFile::OpaqueTypes(read) = serde_saphyr::from_str(&yaml).expect("reads") else {
        panic!("not an opaque types list: {yaml}");
    };
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].value, name);
}

fn endpoint_file(placement: Placement, status: SuccessStatus, body: &str) -> SpecFile {
    let message_body = Some(unlocated(body.to_owned()));
    SpecFile::Endpoint(Box::new(Endpoint {
        name: unlocated("Do thing".to_owned()),
        summary: "Does a thing.".to_owned(),
        page: Page {
            source: unlocated("beta/api/thing-do.md".to_owned()),
            notes: Vec::new(),
            derived: false,
        },
        method: unlocated(HttpMethod::Post),
        path: unlocated("/things/{thingId}/do".to_owned()),
        additional_paths: Vec::new(),
        odata_query_parameters: false,
        query_parameters: Vec::new(),
        path_parameters: vec![PathParameter {
            name: unlocated("thingId".to_owned()),
            description: None,
        }],
        headers: vec![Header {
            name: "Accept".to_owned(),
            value: "application/json".to_owned(),
            required: false,
        }],
        permissions: Permissions {
            delegated_work_or_school: vec!["Thing.Read.All".to_owned(), "b, c".to_owned()],
            delegated_personal_account: Vec::new(),
            application: vec!["Thing.Read.All".to_owned()],
        },
        national_clouds: Some(vec![
            unlocated(NationalCloud::Global),
            unlocated(NationalCloud::China21Vianet),
        ]),
        request_body: Some(RequestBody {
            ty: None,
            description: "Parameters.".to_owned(),
            parameters: vec![Parameter {
                name: unlocated("count".to_owned()),
                ty: unlocated("Int32".to_owned()),
                description: String::new(),
            }],
            placement,
            content: BodyContent::Json,
        }),
        response: Response {
            status: unlocated(status),
            ty: None,
            collection: false,
            content: BodyContent::Json,
            location: false,
            description: "Nothing.".to_owned(),
        },
        examples: vec![Example {
            request: ExampleRequest {
                description: "The request.".to_owned(),
                method: "POST".to_owned(),
                url: "https://graph.microsoft.com/beta/things/1/do".to_owned(),
                headers: vec![ExampleHeader {
                    name: "Content-length".to_owned(),
                    value: "820".to_owned(),
                }],
                body: message_body.clone(),
            },
            response: ExampleResponse {
                description: "The response.".to_owned(),
                status: status.code(),
                headers: Vec::new(),
                body: message_body,
            },
        }],
        overrides: Overrides::default(),
    }))
}

#[test]
fn the_writer_keeps_the_format_conventions() {
    let yaml = to_yaml(&endpoint_file(
        Placement::Body,
        SuccessStatus::Ok,
        "{\n  \"a\": 1\n}\n",
    ))
    .expect("writes");
    // Keys in the documented order; defaults (`false`, empty lists, `placement: body`, no
    // overrides) left out; scope and cloud lists on one line.
    let expected_start = "endpoint:
  name: Do thing
  summary: Does a thing.
  page:
    source: beta/api/thing-do.md
  method: POST
  path: /things/{thingId}/do
  path_parameters:
    - name: thingId
  headers:
    - name: Accept
      value: application/json
  permissions:
    delegated_work_or_school: [Thing.Read.All, \"b, c\"]
    delegated_personal_account: []
    application: [Thing.Read.All]
  national_clouds: [global, china_21vianet]
  request_body:
    description: Parameters.
    parameters:
      - name: count
        type: Int32
        description: \"\"
  response:
    status: 200
    description: Nothing.
  examples:
    - request:
        description: The request.
        method: POST
        url: https://graph.microsoft.com/beta/things/1/do
        headers:
          - name: Content-length
            value: \"820\"
        body: |
          {
            \"a\": 1
          }
";
    assert!(yaml.starts_with(expected_start), "{yaml}");
    assert!(!yaml.contains("false"), "{yaml}");
    assert!(!yaml.contains("placement"), "{yaml}");
    assert!(!yaml.contains("overrides"), "{yaml}");

    let functions = to_yaml(&endpoint_file(
        Placement::Url,
        SuccessStatus::NoContent,
        "{}\n",
    ))
    .expect("writes");
    assert!(functions.contains("\n    placement: url\n"), "{functions}");
    assert!(functions.contains("\n    status: 204\n"), "{functions}");
}
